"""Mutant: reconstruction_error sums the squared error over genes and averages over
cells (a per-cell loss), instead of the mean over every entry."""
import torch

from reference.session08.ex01_autoencoder import Autoencoder, train_autoencoder  # noqa: F401

CAUGHT_BY = {"encode_decode"}


def reconstruction_error(model, x):
    model.eval()
    with torch.no_grad():
        return ((model(x) - x) ** 2).sum(dim=1).mean().item()
