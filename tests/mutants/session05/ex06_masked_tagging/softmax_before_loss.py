"""Mutant: softmax is applied to the logits before cross_entropy (which applies its own
log-softmax), so the loss is computed on probabilities."""
import torch
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss"}


def masked_cross_entropy(logits, labels, lengths):
    valid = torch.arange(logits.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)
    return F.cross_entropy(torch.softmax(logits[valid], dim=-1), labels[valid])
