"""Mutant: the mean of per-sequence mean losses, so a short sequence's residues weigh
more than a long one's (not the mean over all valid positions of the batch)."""
import torch
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss"}


def masked_cross_entropy(logits, labels, lengths):
    means = [F.cross_entropy(logits[b, :n], labels[b, :n]) for b, n in enumerate(lengths.tolist())]
    return torch.stack(means).mean()
