"""Alternative: ``Dim.DYNAMIC`` for the batch (the exporter names the dimension itself), the ONNX
export made from the program ``torch.export`` gives (``torch.onnx.export`` accepts an
``ExportedProgram``), saved through the returned ``ONNXProgram``; the mode restored by hand."""
import numpy as np
import onnxruntime
import torch


def _traced(model, example):
    restore = model.training
    model.train(False)
    try:
        return torch.export.export(model, (example,), dynamic_shapes=[{0: torch.export.Dim.DYNAMIC}])
    finally:
        model.train(restore)


def export_program(model, example, path):
    torch.export.save(_traced(model, example), path)
    return path


def export_onnx(model, example, path):
    onnx_program = torch.onnx.export(_traced(model, example), input_names=["dna"], output_names=["logits"],
                                     verbose=False)
    onnx_program.save(path, external_data=False)
    return path


def run_onnx(path, x):
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    out = session.run(["logits"], {"dna": np.ascontiguousarray(x.numpy(), dtype=np.float32)})
    return torch.from_numpy(out[0])
