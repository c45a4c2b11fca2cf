"""Alternative: the complement by indexing the rows in the order T, G, C, A, then the columns flipped; the
shift as a window cut from x padded with max_shift zero columns on each side, one sequence at a time; the new
base drawn with torch.multinomial over the weights 1 - x of each column (the three other bases, 1/3 each) and
the positions chosen with torch.bernoulli."""
import torch
import torch.nn.functional as F


def reverse_complement(x):
    return x[..., [3, 2, 1, 0], :].flip(-1)


def _window(sequence, s, max_shift):
    length = sequence.shape[-1]
    padded = F.pad(sequence, (max_shift, max_shift))  # zero columns on both sides
    start = max_shift - s                              # out[j] = padded[j + max_shift - s] = x[j - s]
    return padded[..., start:start + length]


def random_shift(x, max_shift, generator):
    batch = x if x.dim() == 3 else x.unsqueeze(0)
    shifts = torch.randint(-max_shift, max_shift + 1, (batch.shape[0],), generator=generator)
    out = torch.stack([_window(seq, int(s), max_shift) for seq, s in zip(batch, shifts)])
    return out if x.dim() == 3 else out[0]


def mutate(x, rate, generator):
    columns = x.movedim(-2, -1).reshape(-1, 4)  # one row per position
    is_base = columns.sum(-1) > 0
    coins = torch.bernoulli(torch.full((columns.shape[0],), float(rate)), generator=generator)
    chosen = coins.bool() & is_base
    out = columns.clone()
    picked = columns[chosen]
    if len(picked):
        new = torch.multinomial(1.0 - picked, 1, generator=generator).squeeze(-1)
        out[chosen] = F.one_hot(new, 4).to(x.dtype)
    return out.reshape(*x.shape[:-2], x.shape[-1], 4).movedim(-1, -2).contiguous()
