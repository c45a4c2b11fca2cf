"""Mutant: windows at 0, stride, 2 * stride, ... up to the record's end (range(0, length, stride)), the
last ones running past it and padded with zero columns (as if N); a record shorter than the window gives
one padded window. Windows must fit entirely in the record."""
import bisect
import operator

import torch

from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference
from reference.session12.ex01_indexed_fasta import one_hot

CAUGHT_BY = {"windows_match", "small_pickle", "bytes_read", "unpickled_copy", "two_workers"}


class GenomicsDataset(_Reference):
    def _items_in(self, length):
        if self.window is None:
            return 1
        return -(-length // self.stride)

    def __getitem__(self, idx):
        if self.window is None:
            return super().__getitem__(idx)
        idx = operator.index(idx)
        if not 0 <= idx < len(self):
            raise IndexError(idx)
        record = bisect.bisect_right(self.first_item, idx) - 1
        entry = self.index[record]
        start = (idx - self.first_item[record]) * self.stride
        stop = min(start + self.window, entry[2])
        x = torch.zeros(4, self.window)
        bases = self._read(entry, start, stop)
        x[:, :len(bases)] = one_hot(bases)
        return x, entry[1]
