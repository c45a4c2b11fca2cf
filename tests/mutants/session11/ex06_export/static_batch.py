"""Mutant: no ``dynamic_shapes``: both exports are fixed to the example's batch of 8, so the
reloaded program and ONNX Runtime refuse a batch of 1, 37 or 1,000."""
import torch

from reference.session11.ex06_export import run_onnx  # noqa: F401

CAUGHT_BY = {"reloads_match", "onnx_checker"}


def export_program(model, example, path):
    was_training = model.training
    model.eval()
    try:
        program = torch.export.export(model, (example,))
    finally:
        model.train(was_training)
    torch.export.save(program, path)
    return path


def export_onnx(model, example, path):
    was_training = model.training
    model.eval()
    try:
        torch.onnx.export(model, (example,), path, input_names=["dna"], output_names=["logits"],
                          external_data=False, verbose=False)
    finally:
        model.train(was_training)
    return path
