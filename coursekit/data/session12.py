"""Data for session 12 (large-scale genomics): FASTA files on disk, variable-length sequences.

Every generator draws from its own ``torch.Generator``, so it neither reads nor changes the
global random state.

- ``random_records(n, seed, ...)``: ``Record(name, label, sequence)`` tuples: DNA with
  soft-masked (lowercase) stretches and runs of ``N``, labels 0 or 1.
- ``write_fasta(path, records, line_width)``: the records as a FASTA file, each header
  ``>NAME label=LABEL``, each sequence wrapped at its line width (one width per record,
  as ``samtools faidx`` requires; records may differ), ``\\n`` line ends.
- ``read_fasta(path)``: the trusted whole-file parser the graders compare with.
- ``one_hot(sequence)``: float32 ``[4, L]``, rows A, C, G, T; lowercase reads as uppercase;
  ``N`` (and any other letter) is a column of zeros.
- ``VariableLengthDataset(n, seed)``: a map-style dataset of one-hot sequences of varied
  length with a random crop drawn from its own ``generator`` on every read: a loader's
  ``worker_init_fn`` reseeds that generator in each worker.
- ``ShardDataset(n, length, seed)``: ``(x, y, index)`` items for training on several processes
  (a loop records the indices it saw); ``ShardNet()``: a small model without BatchNorm or
  Dropout, ``[N, 4, L]`` -> logits ``[N]``.
- ``GenomeCNN()``: a per-position model ``[N, 4, L] -> [N, 3, L]`` of 3 dilated convolution blocks
  (``.blocks``, with Dropout) and a ``.head``; receptive field 29 bases.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import torch
from torch import nn
from torch.utils.data import Dataset

from coursekit.data.motifs import one_hot_sequence as one_hot  # noqa: F401  (the session's encoder)
from coursekit.data.motifs import random_bases



class Record(NamedTuple):
    name: str
    label: int
    sequence: str  # as written in the file: case kept, N kept


def random_records(n: int, seed: int, min_length: int = 50, max_length: int = 400,
                   lowercase_rate: float = 0.1, n_rate: float = 0.02) -> list[Record]:
    """``n`` records named ``seq00000``, ``seq00001``, ...: lengths uniform in
    ``[min_length, max_length]``, labels 0 or 1 drawn fairly; runs of 5-40 bases made
    lowercase (about ``lowercase_rate`` of them) and runs of 1-20 made ``N`` (about
    ``n_rate``)."""
    g = torch.Generator().manual_seed(seed)
    records = []
    for i in range(n):
        length = int(torch.randint(min_length, max_length + 1, (1,), generator=g))
        letters = list(random_bases(length, g))
        for rate, shortest, longest, change in ((lowercase_rate, 5, 40, str.lower),
                                                (n_rate, 1, 20, lambda b: "N")):
            mean_run = (shortest + longest) / 2
            for _ in range(int(torch.poisson(torch.tensor(rate * length / mean_run), generator=g))):
                run = int(torch.randint(shortest, longest + 1, (1,), generator=g))
                start = int(torch.randint(0, max(1, length - run + 1), (1,), generator=g))
                letters[start:start + run] = [change(b) for b in letters[start:start + run]]
        label = int(torch.randint(0, 2, (1,), generator=g))
        records.append(Record(f"seq{i:05d}", label, "".join(letters)))
    return records


def write_fasta(path, records, line_width=60) -> Path:
    """Write ``records`` to ``path`` as FASTA; ``line_width``: one width for all records,
    or one per record (a sequence of ints)."""
    widths = [line_width] * len(records) if isinstance(line_width, int) else list(line_width)
    path = Path(path)
    with open(path, "w", newline="\n") as out:
        for record, width in zip(records, widths):
            out.write(f">{record.name} label={record.label}\n")
            for start in range(0, len(record.sequence), width):
                out.write(record.sequence[start:start + width] + "\n")
    return path


def read_fasta(path) -> list[Record]:
    """The records of a FASTA file written by ``write_fasta``, read whole (the graders'
    trusted parser: fine for a test file, not for a genome)."""
    records, name, label, lines = [], None, 0, []
    with open(path) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith(">"):
                if name is not None:
                    records.append(Record(name, label, "".join(lines)))
                words = line[1:].split()
                name, lines = words[0], []
                label = int(next(w for w in words[1:] if w.startswith("label="))[len("label="):])
            elif line:
                lines.append(line)
    if name is not None:
        records.append(Record(name, label, "".join(lines)))
    return records


class VariableLengthDataset(Dataset):
    """``n`` sequences (lengths uniform in ``[min_length, max_length]``, labels 0 or 1, fixed by
    ``seed``). Item ``i``: ``(x, label)``, ``x`` float32 one-hot ``[4, L]`` of a random crop of
    sequence ``i`` (``L`` at least ``min_crop`` and at most its length, the crop's length and
    start drawn from ``self.generator``), ``label`` a Python int. ``self.generator``: a
    ``torch.Generator`` seeded with ``seed`` at construction; whoever wants other draws (a
    loader's worker) reseeds it."""

    def __init__(self, n: int = 64, seed: int = 0, min_length: int = 20, max_length: int = 60,
                 min_crop: int = 10):
        self.records = random_records(n, seed, min_length, max_length, lowercase_rate=0.0, n_rate=0.0)
        self.min_crop = min_crop
        self.generator = torch.Generator().manual_seed(seed)

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index: int):
        record = self.records[index]
        length = len(record.sequence)
        crop = int(torch.randint(min(self.min_crop, length), length + 1, (1,), generator=self.generator))
        start = int(torch.randint(0, length - crop + 1, (1,), generator=self.generator))
        return one_hot(record.sequence[start:start + crop]), record.label


class MotifNet(nn.Module):
    """``[N, 4, L]`` -> logits ``[N, 2]``: ``motif_module`` Conv1d(4, 8, 9, padding=4), ReLU,
    ``norm`` BatchNorm1d(8), the maximum over positions, ``head`` Linear(8, 2). 330
    parameters; the ``state_dict`` also holds ``norm.running_mean``, ``norm.running_var`` and
    ``norm.num_batches_tracked``."""

    def __init__(self):
        super().__init__()
        self.motif_module = nn.Conv1d(4, 8, 9, padding=4)
        self.norm = nn.BatchNorm1d(8)
        self.head = nn.Linear(8, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.norm(torch.relu(self.motif_module(x))).amax(dim=-1))


# ---------------------------------------------------------------- exercise 5: distributed training ---

class ShardDataset(Dataset):
    """``n`` one-hot sequences of ``length`` bp for training on several processes: item ``i`` is
    ``(x, y, i)``, ``x`` float32 ``[4, length]``, ``y`` a float32 scalar tensor (1.0 when the
    sequence holds ``TATAAT``, planted in half of them; else 0.0) and ``i`` the item's own index
    (an ``int``), so a training loop can record which items it saw. The same ``(n, length, seed)``
    give the same items in every process; nothing is drawn on reading."""

    MOTIF = "TATAAT"

    def __init__(self, n: int = 64, length: int = 32, seed: int = 0):
        from coursekit.data.motifs import planted

        sequences, labels, _ = planted([length] * n, self.MOTIF, torch.Generator().manual_seed(seed))
        self.x = torch.stack([one_hot(s) for s in sequences])
        self.y = labels.float()

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, index: int):
        return self.x[index], self.y[index], int(index)


class ShardNet(nn.Module):
    """``[N, 4, L]`` -> logits ``[N]``: ``conv`` Conv1d(4, 8, 5), ReLU, the maximum over
    positions, ``head`` Linear(8, 1), squeezed. 177 parameters; no BatchNorm and no Dropout,
    so several processes training copies of it compute exactly what one process would."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 5)
        self.head = nn.Linear(8, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.relu(self.conv(x)).amax(dim=-1)).squeeze(-1)


# ---------------------------------------------------------------- exercise 6: genome inference ------

class GenomeCNN(nn.Module):
    """A per-position model ``[N, 4, L]`` -> ``[N, n_outputs, L]`` for any ``L >= 1`` (one output column
    per base): ``blocks`` an ``nn.Sequential`` of 3 blocks, each an ``nn.Sequential`` of
    ``Conv1d(kernel_size 5, dilation d, padding 2 * d)`` ('same' zero padding), ``ReLU`` and
    ``Dropout(dropout)``, with dilations 1, 2 and 4 and ``channels`` channels (4 in, ``channels`` out,
    then ``channels`` to ``channels``); ``head`` a ``Conv1d(channels, n_outputs, 1)``.
    Receptive field ``RECEPTIVE_FIELD`` = 1 + 4 * (1 + 2 + 4) = 29 bases: the output at a position
    depends on the 14 bases either side of it (zeros beyond the sequence's ends). With the
    defaults (16 channels, 3 outputs) 2,979 parameters."""

    RECEPTIVE_FIELD = 29

    def __init__(self, channels: int = 16, n_outputs: int = 3, dropout: float = 0.2):
        super().__init__()
        blocks, width = [], 4
        for dilation in (1, 2, 4):
            conv = nn.Conv1d(width, channels, 5, dilation=dilation, padding=2 * dilation)
            blocks.append(nn.Sequential(conv, nn.ReLU(), nn.Dropout(dropout)))
            width = channels
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Conv1d(channels, n_outputs, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.blocks(x))
