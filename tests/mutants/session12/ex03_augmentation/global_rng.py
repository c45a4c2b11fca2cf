"""Mutant: the draws come from torch's global random state (torch.randint / torch.rand without generator=):
right laws, but the training loop's random state moves, and the given generator is ignored."""
import torch
import torch.nn.functional as F

from reference.session12.ex03_augmentation import reverse_complement  # noqa: F401

CAUGHT_BY = {"generator_only"}


def random_shift(x, max_shift, generator):
    length = x.shape[-1]
    shifts = torch.randint(-max_shift, max_shift + 1, x.shape[:-2])
    source = torch.arange(length) - shifts.unsqueeze(-1)
    inside = (source >= 0) & (source < length)
    moved = torch.gather(x, -1, source.clamp(0, length - 1).unsqueeze(-2).expand(x.shape))
    return torch.where(inside.unsqueeze(-2), moved, torch.zeros_like(moved))


def mutate(x, rate, generator):
    is_base = x.sum(dim=-2) > 0
    codes = x.argmax(dim=-2)
    chosen = (torch.rand(codes.shape) < rate) & is_base
    new_codes = torch.where(chosen, (codes + torch.randint(1, 4, codes.shape)) % 4, codes)
    out = F.one_hot(new_codes, 4).movedim(-1, -2).to(x.dtype)
    return torch.where(is_base.unsqueeze(-2), out, torch.zeros_like(out))
