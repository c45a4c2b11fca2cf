"""Mutant: no ``input_names``/``output_names``: the ONNX graph's input is called ``x`` and its output
``linear_2`` (after the Python code), so deployed code that feeds ``"dna"`` and reads ``"logits"``
fails; ``run_onnx`` hides it by feeding whatever the first input is called."""
import onnxruntime
import torch

from reference.session11.ex06_export import export_program  # noqa: F401

CAUGHT_BY = {"onnx_checker", "reloads_match"}


def export_onnx(model, example, path):
    was_training = model.training
    model.eval()
    try:
        torch.onnx.export(model, (example,), path, dynamic_shapes=({0: torch.export.Dim("batch")},),
                          external_data=False, verbose=False)
    finally:
        model.train(was_training)
    return path


def run_onnx(path, x):
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    return torch.from_numpy(session.run(None, {session.get_inputs()[0].name: x.numpy()})[0])
