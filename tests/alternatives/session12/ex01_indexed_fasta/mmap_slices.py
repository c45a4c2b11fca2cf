"""Alternative: the file is memory-mapped (mmap): the index is found by walking the map from one line break
to the next (mm.find), kept as one list per field, and an item is a slice of the map (the operating system
pages in what is touched; no read() calls). Windows are located with torch.searchsorted over a tensor of
running totals. Each process maps the file itself; the map is left out of the pickled state."""
import mmap
import os

import torch
from torch.utils.data import Dataset

LOOKUP = torch.full((256,), 4, dtype=torch.long)
for _row, _letters in enumerate((b"Aa", b"Cc", b"Gg", b"Tt")):
    for _letter in _letters:
        LOOKUP[_letter] = _row


def encode(raw):
    """bytes of letters -> float32 [4, L] (rows A, C, G, T; anything else a zero column)."""
    if not raw:
        return torch.zeros(4, 0)
    codes = LOOKUP[torch.frombuffer(bytearray(raw), dtype=torch.uint8).long()]
    return torch.nn.functional.one_hot(codes, 5)[:, :4].T.float().contiguous()


class GenomicsDataset(Dataset):
    def __init__(self, fasta_file, window=None, stride=None):
        self.path = str(fasta_file)
        self.window, self.stride = window, (stride if stride is not None else window)
        self.names, self.labels, self.lengths = [], [], []
        self.offsets, self.line_bases, self.line_bytes = [], [], []
        with open(self.path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            pos, end = 0, len(mm)
            while pos < end:
                stop = mm.find(b"\n", pos)
                stop = end if stop == -1 else stop + 1
                if mm[pos] == ord(">"):
                    header = mm[pos + 1:stop].split()
                    self.names.append(header[0].decode())
                    self.labels.append(int([f for f in header if f.startswith(b"label=")][0][6:]))
                    self.lengths.append(0)
                    self.offsets.append(stop)
                    self.line_bases.append(0)
                    self.line_bytes.append(0)
                else:
                    bases = stop - pos - (mm[stop - 1] == ord("\n"))
                    if self.line_bases[-1] == 0:
                        self.line_bases[-1], self.line_bytes[-1] = bases, stop - pos
                    self.lengths[-1] += bases
                pos = stop
        if window is None:
            counts = [1] * len(self.lengths)
        else:
            counts = [max(0, (n - window) // self.stride + 1) if n >= window else 0 for n in self.lengths]
        self.ends = torch.tensor(counts, dtype=torch.long).cumsum(0)  # items up to and including each record
        self.map = None
        self.owner = None

    def __getstate__(self):
        return {k: (None if k in ("map", "owner") else v) for k, v in self.__dict__.items()}

    def _mapped(self):
        if self.map is None or self.owner != os.getpid():
            with open(self.path, "rb") as fh:
                self.map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            self.owner = os.getpid()
        return self.map

    def __len__(self):
        return int(self.ends[-1]) if len(self.ends) else 0

    def __getitem__(self, idx):
        if idx < 0 or idx >= len(self):
            raise IndexError(f"{idx} is not in 0..{len(self) - 1}")
        r = int(torch.searchsorted(self.ends, torch.tensor(idx), right=True))
        if self.window is None:
            first, count = 0, self.lengths[r]
        else:
            before = int(self.ends[r - 1]) if r else 0
            first, count = (idx - before) * self.stride, self.window
        width, line = self.line_bases[r], self.line_bytes[r]
        at = lambda i: self.offsets[r] + (i // width) * line + i % width  # noqa: E731
        raw = self._mapped()[at(first):at(first + count - 1) + 1] if count else b""
        return encode(raw.replace(b"\n", b"")), self.labels[r]
