"""Alternative: each window's part in closed form (window k < last owns ``[k*s + overlap//2,
(k+1)*s + overlap//2)``, the first from 0, the last to ``length``) written into a preallocated result; the
windows batched by a ``DataLoader`` over their starts; ``torch.inference_mode()``; the mode restored by a
context manager. Checkpointing by ``functools.reduce`` over the blocks."""
import contextlib
import functools

import torch
from torch.utils.checkpoint import checkpoint
from torch.utils.data import DataLoader


@contextlib.contextmanager
def _evaluating(model):
    modes = [(m, m.training) for m in model.modules()]
    model.eval()
    try:
        yield model
    finally:
        for m, training in modes:
            m.training = training


def predict_genome(model, fetch, length, window, overlap, batch_size):
    stride, half = window - overlap, overlap // 2
    n = 1 if length <= window else -(-(length - window) // stride) + 1
    starts = [k * stride for k in range(n - 1)] + [max(0, length - window)]
    def collate(items):
        return ([k for k, _ in items], [s for _, s in items],
                torch.stack([fetch(s, min(s + window, length)) for _, s in items]))

    loader = DataLoader(list(enumerate(starts)), batch_size=batch_size, shuffle=False, collate_fn=collate)
    result = None
    with _evaluating(model), torch.inference_mode():
        for ks, group, batch in loader:
            outputs = model(batch)
            if result is None:
                result = torch.empty(outputs.shape[1], length, dtype=outputs.dtype)
            for k, start, output in zip(ks, group, outputs):
                lo = 0 if k == 0 else k * stride + half
                hi = length if k == n - 1 else (k + 1) * stride + half
                result[:, lo:hi] = output[:, lo - start:hi - start]
    return result.clone()


def checkpointed_forward(blocks, x):
    return functools.reduce(lambda h, block: checkpoint(block, h, use_reentrant=False), blocks, x)
