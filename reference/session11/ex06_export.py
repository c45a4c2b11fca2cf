"""Reference solution: session 11, exercise 6 (exporting a model: torch.export and ONNX)."""
import onnxruntime
import torch

INPUT_NAME, OUTPUT_NAME = "dna", "logits"


def _batch_dynamic():
    """One entry per input of forward: dimension 0 of x is the batch, any size."""
    return ({0: torch.export.Dim("batch")},)


def export_program(model, example, path):
    was_in_training = model.training
    model.eval()
    try:
        exported = torch.export.export(model, (example,), dynamic_shapes=_batch_dynamic())
    finally:
        model.train(was_in_training)
    torch.export.save(exported, path)
    return path


def export_onnx(model, example, path):
    was_in_training = model.training
    model.eval()
    try:
        torch.onnx.export(model, (example,), path, input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
                          dynamic_shapes=_batch_dynamic(), external_data=False, verbose=False)
    finally:
        model.train(was_in_training)
    return path


def run_onnx(path, x):
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    outputs = session.run([OUTPUT_NAME], {INPUT_NAME: x.detach().cpu().float().numpy()})
    return torch.from_numpy(outputs[0])
