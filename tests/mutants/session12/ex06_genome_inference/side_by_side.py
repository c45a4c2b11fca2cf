"""Mutant: no overlap handling: the windows laid side by side (stride = window, the overlap ignored), each
window's whole output kept: the positions near every inner window edge see zero padding instead of their
neighbours."""
import torch

from reference.session12.ex06_genome_inference import checkpointed_forward  # noqa: F401

CAUGHT_BY = {"stitched_equals_whole", "overlap_split", "bounded_memory"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    starts = list(range(0, length, window))
    was_training = model.training
    model.eval()
    pieces = []
    with torch.no_grad():
        for first in range(0, len(starts), batch_size):
            group = starts[first:first + batch_size]
            for start in group:  # the last window may be shorter: one call each
                pieces.append(model(fetch(start, min(start + window, length))[None])[0])
    model.train(was_training)
    return torch.cat(pieces, dim=1)
