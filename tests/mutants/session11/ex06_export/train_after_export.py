"""Mutant: the mode "restored" with ``model.train()`` whatever it was: a model that came in eval mode
(ready for inference) leaves in train mode."""
import torch

from reference.session11.ex06_export import run_onnx  # noqa: F401

CAUGHT_BY = {"mode_restored"}


def export_program(model, example, path):
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
    model.train()
    torch.export.save(program, path)
    return path


def export_onnx(model, example, path):
    model.eval()
    torch.onnx.export(model, (example,), path, input_names=["dna"], output_names=["logits"],
                      dynamic_shapes=({0: torch.export.Dim("batch")},), external_data=False, verbose=False)
    model.train()
    return path
