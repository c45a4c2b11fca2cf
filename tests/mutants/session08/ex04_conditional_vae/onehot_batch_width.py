"""Mutant: one_hot is F.one_hot(labels) without num_classes, so its width is the largest label of
the batch + 1: a batch missing the last types gets fewer columns (and the model then fails or
reads the wrong columns)."""
import torch
import torch.nn.functional as F

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import train_cvae  # noqa: F401

CAUGHT_BY = {"one_hot", "batch_independent"}


def one_hot(labels, n_classes):
    if labels.numel() and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    return F.one_hot(labels).float()


class ConditionalVAE(_Reference):
    def encode(self, x, labels):
        return self.encoder(torch.cat([x, one_hot(labels, self.n_classes)], dim=-1)).chunk(2, dim=-1)

    def decode(self, z, labels):
        return self.decoder(torch.cat([z, one_hot(labels, self.n_classes)], dim=-1))
