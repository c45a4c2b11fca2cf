"""Mutant: one shift drawn for the whole batch: every sequence of a batch is moved by the same s (the batch
axis treated like the one-sequence case)."""
import torch

from reference.session12.ex03_augmentation import mutate, reverse_complement  # noqa: F401

CAUGHT_BY = {"shift"}


def random_shift(x, max_shift, generator):
    s = int(torch.randint(-max_shift, max_shift + 1, (1,), generator=generator))
    length = x.shape[-1]
    out = torch.zeros_like(x)
    if s >= 0:
        out[..., s:] = x[..., :length - s]
    else:
        out[..., :length + s] = x[..., -s:]
    return out
