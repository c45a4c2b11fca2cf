"""Mutant: ``external_data`` left at torch 2.13's default (True): the weights go to a second file,
``path + ".data"``, and the ``.onnx`` file alone holds only the graph (it fails once copied alone)."""
import torch

from reference.session11.ex06_export import export_program, run_onnx  # noqa: F401

CAUGHT_BY = {"single_file"}


def export_onnx(model, example, path):
    was_training = model.training
    model.eval()
    try:
        torch.onnx.export(model, (example,), path, input_names=["dna"], output_names=["logits"],
                          dynamic_shapes=({0: torch.export.Dim("batch")},), verbose=False)
    finally:
        model.train(was_training)
    return path
