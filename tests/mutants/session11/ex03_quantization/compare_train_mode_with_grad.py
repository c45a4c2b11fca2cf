"""Mutant: compare calls both models as they come, in whatever mode they are in and with gradients on (no
eval(), no no_grad()): harmless for this classifier's numbers, wrong for any model with dropout or batch
normalisation, and it builds an autograd graph for nothing."""
from reference.session11.ex03_quantization import quantize, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"predictions_agree", "accuracy_kept"}


def compare(model, quantized, x, y):
    before, after = model(x).argmax(dim=1), quantized(x).argmax(dim=1)
    return {
        "accuracy": (before == y).float().mean().item(),
        "quantized_accuracy": (after == y).float().mean().item(),
        "agreement": (before == after).float().mean().item(),
    }
