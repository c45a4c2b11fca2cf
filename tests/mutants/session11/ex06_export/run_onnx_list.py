"""Mutant: ``run_onnx`` turns ``session.run``'s whole result (a LIST of output arrays, one per output)
into a tensor: ``[1, N, 4]`` instead of the logits ``[N, 4]`` (``[0]`` forgotten)."""
import numpy as np
import onnxruntime
import torch

from reference.session11.ex06_export import export_onnx, export_program  # noqa: F401

CAUGHT_BY = {"reloads_match"}


def run_onnx(path, x):
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    return torch.tensor(np.array(session.run(["logits"], {"dna": x.numpy()})))
