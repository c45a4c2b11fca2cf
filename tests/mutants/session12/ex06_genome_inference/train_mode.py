"""Mutant: ``model.eval()`` forgotten: a model handed over straight from training keeps Dropout on, and every
window's output is randomly masked and rescaled."""
import torch

from reference.session12.ex06_genome_inference import _window_starts, checkpointed_forward  # noqa: F401

CAUGHT_BY = {"stitched_equals_whole", "overlap_split", "bounded_memory"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    starts = _window_starts(length, window, overlap)
    drop_right = overlap - overlap // 2
    pieces, done = [], 0
    with torch.no_grad():
        for first in range(0, len(starts), batch_size):
            group = starts[first:first + batch_size]
            outputs = model(torch.stack([fetch(s, min(s + window, length)) for s in group]))
            for k, (start, output) in enumerate(zip(group, outputs), start=first):
                stop = length if k == len(starts) - 1 else start + window - drop_right
                pieces.append(output[:, done - start:stop - start])
                done = stop
    return torch.cat(pieces, dim=1)
