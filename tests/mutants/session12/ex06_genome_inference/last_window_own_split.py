"""Mutant: each window written over the result from its own ``overlap // 2`` on, in order, later windows
overwriting earlier ones: the shifted-back last window then takes over positions the spec gives to the one
before it (right with a full overlap, another rule than the spec's with a small one)."""
import torch

from reference.session12.ex06_genome_inference import _window_starts, checkpointed_forward  # noqa: F401

CAUGHT_BY = {"overlap_split"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    starts = _window_starts(length, window, overlap)
    was_training = model.training
    model.eval()
    result = None
    with torch.no_grad():
        for first in range(0, len(starts), batch_size):
            group = starts[first:first + batch_size]
            outputs = model(torch.stack([fetch(s, min(s + window, length)) for s in group]))
            if result is None:
                result = torch.empty(outputs.shape[1], length)
            for start, output in zip(group, outputs):
                skip = 0 if start == 0 else overlap // 2
                result[:, start + skip:start + output.shape[1]] = output[:, skip:]
    model.train(was_training)
    return result
