"""Mutant: an off-by-one in the split: ``(overlap - 1) // 2`` dropped at a window's start, the rest at its
end: with overlap 28 a kept position can have 13 bases of context on its left, not 14."""
import torch

from reference.session12.ex06_genome_inference import _window_starts, checkpointed_forward  # noqa: F401

CAUGHT_BY = {"stitched_equals_whole", "overlap_split"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    starts = _window_starts(length, window, overlap)
    drop_right = overlap - max(0, (overlap - 1) // 2)
    was_training = model.training
    model.eval()
    pieces, done = [], 0
    with torch.no_grad():
        for first in range(0, len(starts), batch_size):
            group = starts[first:first + batch_size]
            outputs = model(torch.stack([fetch(s, min(s + window, length)) for s in group]))
            for k, (start, output) in enumerate(zip(group, outputs), start=first):
                stop = length if k == len(starts) - 1 else start + window - drop_right
                pieces.append(output[:, done - start:stop - start])
                done = stop
    model.train(was_training)
    return torch.cat(pieces, dim=1)
