"""Mutant: the per-position loss is taken at every position (one-hot of the labels) and
masked afterwards, so a padded label of -100 is used as a class index and fails
(the graders pad the training labels with -100 too)."""
import torch
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss", "ignore_padding", "learns"}


def masked_cross_entropy(logits, labels, lengths):
    per_position = -(F.one_hot(labels, logits.shape[-1]) * F.log_softmax(logits, dim=-1)).sum(-1)
    mask = (torch.arange(logits.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)).float()
    return (per_position * mask).sum() / mask.sum()
