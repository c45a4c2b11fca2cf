"""Mutant: one_hot fills torch.zeros(len(labels), n_classes) (made on the CPU, no device=) with
scatter_, so it breaks as soon as the labels live on another device."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import train_cvae  # noqa: F401

CAUGHT_BY = {"follows_device"}


def one_hot(labels, n_classes):
    if labels.numel() and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    return torch.zeros(len(labels), n_classes).scatter_(1, labels[:, None], 1.0)


class ConditionalVAE(_Reference):
    def encode(self, x, labels):
        return self.encoder(torch.cat([x, one_hot(labels, self.n_classes)], dim=-1)).chunk(2, dim=-1)

    def decode(self, z, labels):
        return self.decoder(torch.cat([z, one_hot(labels, self.n_classes)], dim=-1))
