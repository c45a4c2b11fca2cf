"""Mutant: the loss is accumulated with .item() in a loop and returned as a new tensor:
the right number, but cut off from the autograd graph, so nothing can train."""
import torch
import torch.nn.functional as F

from reference.session05.ex06_masked_tagging import SequenceTagger  # noqa: F401

CAUGHT_BY = {"masked_loss", "ignore_padding", "learns"}


def masked_cross_entropy(logits, labels, lengths):
    total, count = 0.0, 0
    for b, n in enumerate(lengths.tolist()):
        total += F.cross_entropy(logits[b, :n], labels[b, :n], reduction="sum").item()
        count += n
    return torch.tensor(total / count)
