"""Mutant: the loss is a plain mean over every position, padding included (the padded
labels are read as if they were real residues' labels)."""
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss", "ignore_padding"}


def masked_cross_entropy(logits, labels, lengths):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
