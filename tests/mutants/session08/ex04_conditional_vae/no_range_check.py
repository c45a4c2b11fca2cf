"""Mutant: one_hot trusts its labels: no ValueError for a label outside 0..n_classes-1 (a
negative label even indexes from the end, silently)."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE, train_cvae  # noqa: F401

CAUGHT_BY = {"one_hot"}


def one_hot(labels, n_classes):
    return torch.eye(n_classes + 1, device=labels.device)[labels][:, :n_classes]
