"""Mutant: the course guide's ``torch.jit.script``, saved with ``torch.jit.save``: a TorchScript
archive (deprecated), which ``torch.export.load`` cannot read."""
import torch

from reference.session11.ex06_export import export_onnx, run_onnx  # noqa: F401

CAUGHT_BY = {"reloads_match", "eval_mode"}


def export_program(model, example, path):
    was_training = model.training
    model.eval()
    try:
        scripted = torch.jit.script(model)
    finally:
        model.train(was_training)
    torch.jit.save(scripted, path)
    return path
