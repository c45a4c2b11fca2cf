"""Mutant: the student's own one-hot encoding, with a table of the uppercase letters only: soft-masked
(lowercase) bases, real bases, come out as columns of zeros, like N."""
import bisect
import operator

import torch

from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"records_match", "windows_match"}

ROWS = {"A": 0, "C": 1, "G": 2, "T": 3}


def encode(bases):
    x = torch.zeros(4, len(bases))
    for j, base in enumerate(bases):
        if base in ROWS:
            x[ROWS[base], j] = 1.0
    return x


class GenomicsDataset(_Reference):
    def __getitem__(self, idx):
        idx = operator.index(idx)
        if not 0 <= idx < len(self):
            raise IndexError(idx)
        record = bisect.bisect_right(self.first_item, idx) - 1
        entry = self.index[record]
        start = 0 if self.window is None else (idx - self.first_item[record]) * self.stride
        stop = entry[2] if self.window is None else start + self.window
        return encode(self._read(entry, start, stop)), entry[1]
