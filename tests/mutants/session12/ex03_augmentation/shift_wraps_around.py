"""Mutant: the shift done with torch.roll: the bases that leave one end come back at the other (a circular
sequence that is not in the genome) where N should come in."""
import torch

from reference.session12.ex03_augmentation import mutate, reverse_complement  # noqa: F401

CAUGHT_BY = {"shift", "n_untouched"}


def random_shift(x, max_shift, generator):
    if x.dim() == 2:
        s = int(torch.randint(-max_shift, max_shift + 1, (1,), generator=generator))
        return torch.roll(x, s, dims=-1)
    shifts = torch.randint(-max_shift, max_shift + 1, (x.shape[0],), generator=generator).tolist()
    return torch.stack([torch.roll(row, s, dims=-1) for row, s in zip(x, shifts)])
