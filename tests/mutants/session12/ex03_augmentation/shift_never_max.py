"""Mutant: s drawn with torch.randint(-max_shift, max_shift): randint's upper end is exclusive, so +max_shift
never occurs (and max_shift = 0 fails: randint(0, 0) has no value)."""
import torch

from reference.session12.ex03_augmentation import mutate, reverse_complement  # noqa: F401

CAUGHT_BY = {"shift"}


def random_shift(x, max_shift, generator):
    length = x.shape[-1]
    high = max(max_shift, -max_shift + 1)  # keep randint defined at max_shift = 0
    shifts = torch.randint(-max_shift, high, x.shape[:-2], generator=generator)
    out = torch.zeros_like(x)
    for index in (range(x.shape[0]) if x.dim() == 3 else [...]):
        s = int(shifts[index]) if x.dim() == 3 else int(shifts)
        if s >= 0:
            out[index][..., s:] = x[index][..., :length - s]
        else:
            out[index][..., :length + s] = x[index][..., -s:]
    return out
