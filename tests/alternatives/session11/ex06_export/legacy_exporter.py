"""Alternative: every submodule's own mode saved and put back by a context manager; a bounded batch
dimension for torch.export; the deprecated TorchScript-based ONNX exporter (``dynamo=False``) with
``dynamic_axes``, which writes one file by itself; ONNX Runtime fed by the graph's own names."""
import contextlib
import warnings

import onnxruntime
import torch


@contextlib.contextmanager
def _evaluating(model):
    modes = {module: module.training for module in model.modules()}
    model.eval()
    try:
        yield model
    finally:
        for module, mode in modes.items():
            module.training = mode


def export_program(model, example, path):
    batch = torch.export.Dim("n", min=1, max=100_000)
    with _evaluating(model):
        exported = torch.export.export(model, args=(example,), dynamic_shapes={"x": {0: batch}})
    with open(path, "wb") as f:
        torch.export.save(exported, f)
    return path


def export_onnx(model, example, path):
    with _evaluating(model), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        torch.onnx.export(model, (example,), path, dynamo=False, input_names=["dna"], output_names=["logits"],
                          dynamic_axes={"dna": {0: "n"}, "logits": {0: "n"}})
    return path


def run_onnx(path, x):
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: x.detach().numpy().astype("float32")}
    (logits,) = session.run(None, feed)
    return torch.as_tensor(logits)
