"""Alternative: the complement as a product with the 4 x 4 matrix that swaps A <-> T and C <-> G, then the
columns reversed; the shift drawn sequence by sequence in a Python loop and done by gathering the source
column j - s; the new base by rejection: draw any of the four bases and draw again wherever the old base came
back."""
import torch

SWAP = torch.tensor([[0.0, 0.0, 0.0, 1.0],
                     [0.0, 0.0, 1.0, 0.0],
                     [0.0, 1.0, 0.0, 0.0],
                     [1.0, 0.0, 0.0, 0.0]])


def reverse_complement(x):
    return torch.flip(SWAP.to(x.dtype) @ x, dims=(-1,))


def _shift_one(sequence, s):
    length = sequence.shape[-1]
    source = torch.arange(length) - s
    valid = (source >= 0) & (source < length)
    out = torch.zeros_like(sequence)
    out[:, valid] = sequence[:, source[valid]]
    return out


def random_shift(x, max_shift, generator):
    if x.dim() == 2:
        return _shift_one(x, int(torch.randint(-max_shift, max_shift + 1, (), generator=generator)))
    rows = []
    for sequence in x:
        s = int(torch.randint(-max_shift, max_shift + 1, (), generator=generator))
        rows.append(_shift_one(sequence, s))
    return torch.stack(rows)


def mutate(x, rate, generator):
    is_base = x.amax(dim=-2) > 0
    old = x.argmax(dim=-2)
    chosen = (torch.rand(old.shape, generator=generator) < rate) & is_base
    new = old.clone()
    pending = chosen.clone()
    while bool(pending.any()):
        new[pending] = torch.randint(0, 4, (int(pending.sum()),), generator=generator)
        pending = chosen & (new == old)
    out = torch.zeros_like(x)
    out.scatter_(-2, new.unsqueeze(-2), 1.0)
    return out * is_base.unsqueeze(-2).to(x.dtype)
