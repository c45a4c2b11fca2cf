"""Mutant: ``model.eval()`` before exporting, and never back: a model that was training (being
fine-tuned) comes back in eval mode, and its caller's next epochs train without Dropout."""
import torch

from reference.session11.ex06_export import run_onnx  # noqa: F401

CAUGHT_BY = {"mode_restored"}


def export_program(model, example, path):
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)
    return path


def export_onnx(model, example, path):
    model.eval()
    torch.onnx.export(model, (example,), path, input_names=["dna"], output_names=["logits"],
                      dynamic_shapes=({0: torch.export.Dim("batch")},), external_data=False, verbose=False)
    return path
