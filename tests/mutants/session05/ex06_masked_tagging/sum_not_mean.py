"""Mutant: the losses of the valid positions are summed, not averaged."""
import torch
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss"}


def masked_cross_entropy(logits, labels, lengths):
    valid = torch.arange(logits.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)
    return F.cross_entropy(logits[valid], labels[valid], reduction="sum")
