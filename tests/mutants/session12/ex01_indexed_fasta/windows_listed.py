"""Mutant: __init__ lists every window as a (record, start) pair and __getitem__ looks it up: right
items, but the list grows with the genome (3 billion pairs for the human genome at stride 1) and is
pickled into every worker. A running total of windows per record locates any window."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference
from reference.session12.ex01_indexed_fasta import one_hot

CAUGHT_BY = {"small_pickle"}


class GenomicsDataset(_Reference):
    def __init__(self, fasta_file, window=None, stride=None):
        super().__init__(fasta_file, window, stride)
        self.windows = []
        for record, entry in enumerate(self.index):
            if window is None:
                self.windows.append((record, 0, entry[2]))
            else:
                starts = range(0, entry[2] - window + 1, self.stride)
                self.windows += [(record, s, s + window) for s in starts]

    def __len__(self):
        return len(self.windows)

    def __getitem__(self, idx):
        record, start, stop = self.windows[idx]
        entry = self.index[record]
        return one_hot(self._read(entry, start, stop)), entry[1]
