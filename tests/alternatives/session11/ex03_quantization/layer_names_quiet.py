"""Alternative: the Linear layers named one by one (a set of module names, as quantize_dynamic also
accepts) with the deprecation warnings silenced; the size from the buffer's bytes; compare through a
context manager that sets eval mode and turns gradients off."""
import contextlib
import io
import warnings

import torch
from torch import nn


def quantize(model):
    names = {name for name, layer in model.named_modules() if isinstance(layer, nn.Linear)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, names, dtype=torch.qint8)


def state_dict_bytes(model):
    out = io.BytesIO()
    torch.save(model.state_dict(), out)
    return len(out.getvalue())


@contextlib.contextmanager
def _evaluating(*models):
    before = [m.training for m in models]
    for m in models:
        m.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        for m, mode in zip(models, before):
            m.train(mode)


def compare(model, quantized, x, y):
    with _evaluating(model, quantized):
        first = torch.max(model(x), 1).indices
        second = torch.max(quantized(x), 1).indices
    share = lambda mask: float(mask.double().mean())  # noqa: E731
    return {"accuracy": share(first.eq(y)), "quantized_accuracy": share(second.eq(y)),
            "agreement": share(first.eq(second))}
