"""Mutant: the mask keeps positions t <= lengths[b], one step past each sequence's end."""
import torch
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss", "ignore_padding"}


def masked_cross_entropy(logits, labels, lengths):
    valid = torch.arange(logits.shape[1]).unsqueeze(0) <= lengths.unsqueeze(1)
    return F.cross_entropy(logits[valid], labels[valid])
