"""Mutant: compare evaluates correctly but ends with model.train() whatever mode each model came in: a model
handed over in eval mode (ready for inference) is given back in train mode."""
import torch

from reference.session11.ex03_quantization import quantize, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"predictions_agree", "accuracy_kept"}


def compare(model, quantized, x, y):
    model.eval()
    quantized.eval()
    with torch.no_grad():
        before, after = model(x).argmax(dim=1), quantized(x).argmax(dim=1)
    model.train()
    quantized.train()
    return {
        "accuracy": (before == y).float().mean().item(),
        "quantized_accuracy": (after == y).float().mean().item(),
        "agreement": (before == after).float().mean().item(),
    }
