"""Mutant: windows at 0, s, 2s, ... to the end, the short last window padded with zeros to a full window
(so that every batch stacks): the zeros are not the model's own padding once a layer has a bias (ReLU(bias)
beyond the end where the whole sequence has zeros): the last bases' outputs are wrong."""
import torch
import torch.nn.functional as F

from reference.session12.ex06_genome_inference import checkpointed_forward  # noqa: F401

CAUGHT_BY = {"stitched_equals_whole", "overlap_split"}


def predict_genome(model, fetch, length, window, overlap, batch_size):
    stride = window - overlap
    starts = list(range(0, max(length - overlap, 1), stride))
    drop_right = overlap - overlap // 2
    was_training = model.training
    model.eval()
    pieces, done = [], 0
    with torch.no_grad():
        for first in range(0, len(starts), batch_size):
            group = starts[first:first + batch_size]
            pieces_in = [fetch(s, min(s + window, length)) for s in group]
            batch = torch.stack([F.pad(p, (0, window - p.shape[1])) for p in pieces_in])
            for k, (start, output) in enumerate(zip(group, model(batch)), start=first):
                stop = length if k == len(starts) - 1 else start + window - drop_right
                pieces.append(output[:, done - start:stop - start])
                done = stop
    model.train(was_training)
    return torch.cat(pieces, dim=1)
