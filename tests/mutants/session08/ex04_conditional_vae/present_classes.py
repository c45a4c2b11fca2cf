"""Mutant: the one-hot columns are the classes present in the batch, in sorted order
(labels.unique(return_inverse=True)): the width is right, but a batch of type-2 cells alone
puts them in column 0."""
import torch
import torch.nn.functional as F

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import train_cvae  # noqa: F401

CAUGHT_BY = {"one_hot", "batch_independent"}


def one_hot(labels, n_classes):
    if labels.numel() and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    _, index = labels.unique(sorted=True, return_inverse=True)
    return F.one_hot(index, n_classes).float()


class ConditionalVAE(_Reference):
    def encode(self, x, labels):
        return self.encoder(torch.cat([x, one_hot(labels, self.n_classes)], dim=-1)).chunk(2, dim=-1)

    def decode(self, z, labels):
        return self.decoder(torch.cat([z, one_hot(labels, self.n_classes)], dim=-1))
