"""Mutant: the quantized model's accuracy measured against the float model's predictions (taken as the
truth) instead of the labels: that is the agreement again, and it hides what quantisation costs."""
import torch

from reference.session11.ex03_quantization import quantize, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"accuracy_kept"}


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
        "quantized_accuracy": (after == before).float().mean().item(),
        "agreement": (before == after).float().mean().item(),
    }
