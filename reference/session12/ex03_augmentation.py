"""Reference solution: session 12, exercise 3 (augmentation: reverse complement, random shifts, mutations)."""
import torch
import torch.nn.functional as F


def reverse_complement(x):
    return torch.flip(x, dims=(-2, -1))


def random_shift(x, max_shift, generator):
    length = x.shape[-1]
    shifts = torch.randint(-max_shift, max_shift + 1, x.shape[:-2], generator=generator)  # one per sequence
    source = torch.arange(length) - shifts.unsqueeze(-1)  # out[..., j] = x[..., j - s]
    inside = (source >= 0) & (source < length)
    index = source.clamp(0, length - 1).unsqueeze(-2).expand(x.shape)
    moved = torch.gather(x, -1, index)
    return torch.where(inside.unsqueeze(-2), moved, torch.zeros_like(moved))


def mutate(x, rate, generator):
    is_base = x.sum(dim=-2) > 0  # [..., L]: False at N
    codes = x.argmax(dim=-2)
    chosen = (torch.rand(codes.shape, generator=generator) < rate) & is_base
    step = torch.randint(1, 4, codes.shape, generator=generator)  # 1, 2 or 3: another base, 1/3 each
    new_codes = torch.where(chosen, (codes + step) % 4, codes)
    out = F.one_hot(new_codes, 4).movedim(-1, -2).to(x.dtype)
    return torch.where(is_base.unsqueeze(-2), out, torch.zeros_like(out))
