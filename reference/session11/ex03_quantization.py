"""Reference solution: session 11, exercise 3 (dynamic int8 quantisation: size and agreement)."""
import io

import torch
from torch import nn


def quantize(model):
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8, inplace=False)


def state_dict_bytes(model):
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


def _predict(model, x):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x).argmax(dim=1)
    finally:
        model.train(was_training)


def compare(model, quantized, x, y):
    before, after = _predict(model, x), _predict(quantized, x)
    return {
        "accuracy": (before == y).float().mean().item(),
        "quantized_accuracy": (after == y).float().mean().item(),
        "agreement": (before == after).float().mean().item(),
    }
