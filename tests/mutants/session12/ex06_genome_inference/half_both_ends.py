"""Mutant: ``overlap // 2`` dropped at BOTH ends of a window (``output[:, half:window - half]``): for an odd
overlap each window's part is one position too long, the parts overlap and the result has too many
columns."""
import torch

from reference.session12.ex06_genome_inference import _window_starts, checkpointed_forward  # noqa: F401

CAUGHT_BY = {"stitched_equals_whole", "overlap_split"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    starts = _window_starts(length, window, overlap)
    half = overlap // 2
    was_training = model.training
    model.eval()
    pieces = []
    with torch.no_grad():
        for first in range(0, len(starts), batch_size):
            group = starts[first:first + batch_size]
            outputs = model(torch.stack([fetch(s, min(s + window, length)) for s in group]))
            for k, (start, output) in enumerate(zip(group, outputs), start=first):
                if k == len(starts) - 1:  # the last: from where the previous part ended
                    begin = 0 if k == 0 else starts[k - 1] + window - half - start
                    pieces.append(output[:, begin:])
                else:
                    pieces.append(output[:, (0 if k == 0 else half):window - half])
    model.train(was_training)
    return torch.cat(pieces, dim=1)
