"""Mutant: the agreement counted as the share of sequences BOTH models classify correctly: two models that
make the same mistake do agree, and the float model's errors pull the agreement below 1 even for an exact
copy."""
import torch

from reference.session11.ex03_quantization import quantize, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"predictions_agree"}


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
        "agreement": ((before == y) & (after == y)).float().mean().item(),
    }
