"""Random DNA with planted motifs, and base codes as one-hot: shared by the sessions' seeded
generators."""
from __future__ import annotations

import torch

BASES = "ACGT"
_ROWS = torch.full((256,), 4, dtype=torch.int64)  # byte -> one-hot row; 4: a column of zeros
for _row, _base in enumerate(BASES):
    _ROWS[ord(_base)] = _ROWS[ord(_base.lower())] = _row


def random_bases(length: int, g: torch.Generator) -> str:
    """``length`` bases drawn uniformly from A, C, G, T with ``g``."""
    return "".join(BASES[i] for i in torch.randint(0, 4, (length,), generator=g).tolist())


def planted(lengths: list[int], motif: str, g: torch.Generator):
    """One sequence per length: the first half hold ``motif`` exactly once, at a start
    drawn uniformly; the rest never hold it (draws that break this are redrawn). Shuffled
    together: ``(sequences, labels float32, starts int64 with -1 for negatives)``."""
    n = len(lengths)
    sequences, starts = [], []
    for i, length in enumerate(lengths):
        positive = i < n // 2
        while True:
            text = random_bases(length, g)
            start = int(torch.randint(0, length - len(motif) + 1, (1,), generator=g)) if positive else -1
            if positive:
                text = text[:start] + motif + text[start + len(motif):]
            if text.count(motif) == (1 if positive else 0):
                break
        sequences.append(text)
        starts.append(start)
    order = torch.randperm(n, generator=g).tolist()
    labels = torch.tensor([1.0 if starts[i] >= 0 else 0.0 for i in order])
    return [sequences[i] for i in order], labels, torch.tensor([starts[i] for i in order])


def one_hot_codes(codes: torch.Tensor) -> torch.Tensor:
    """Base codes int64 ``[N, L]`` (A 0, C 1, G 2, T 3) as one-hot float32 ``[N, 4, L]``
    (channels first, as ``nn.Conv1d`` reads DNA)."""
    return torch.nn.functional.one_hot(codes, 4).transpose(1, 2).float().contiguous()


def one_hot_sequence(sequence: str) -> torch.Tensor:
    """float32 ``[4, len(sequence)]``: rows A, C, G, T; lowercase as uppercase; ``N`` and any
    other letter a column of zeros (vectorised: a 40 kb sequence in a few milliseconds)."""
    if not sequence:
        return torch.zeros(4, 0)
    data = bytearray(sequence.encode("ascii", "replace"))  # one byte per letter; others become "?"
    rows = _ROWS[torch.frombuffer(data, dtype=torch.uint8).long()]
    out = torch.zeros(5, len(sequence))
    out[rows, torch.arange(len(sequence))] = 1.0
    return out[:4].contiguous()
