"""Mutant: one_hot returns F.one_hot's int64 tensor without .float() (torch.cat promotes it, so
the model itself still runs)."""
import torch.nn.functional as F

from reference.session08.ex04_conditional_vae import ConditionalVAE, train_cvae  # noqa: F401

CAUGHT_BY = {"one_hot"}


def one_hot(labels, n_classes):
    if labels.numel() and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in 0..{n_classes - 1}")
    return F.one_hot(labels, n_classes)
