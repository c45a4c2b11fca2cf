"""Mutant: both exports trace the model in whatever mode it comes in (no ``model.eval()``): a model
in train mode exports Dropout (random) and BatchNorm normalised by each batch's own statistics."""
import torch

from reference.session11.ex06_export import run_onnx  # noqa: F401

CAUGHT_BY = {"eval_mode", "reloads_match"}


def export_program(model, example, path):
    batch = torch.export.Dim("batch")
    program = torch.export.export(model, (example,), dynamic_shapes=({0: batch},))
    torch.export.save(program, path)
    return path


def export_onnx(model, example, path):
    batch = torch.export.Dim("batch")
    torch.onnx.export(model, (example,), path, input_names=["dna"], output_names=["logits"],
                      dynamic_shapes=({0: batch},), external_data=False, verbose=False)
    return path
