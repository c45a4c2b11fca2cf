"""Mutant: the student guide's version: __init__ reads every record into lists (self.sequences,
self.labels) and lists every window, and items are cut from those strings. Right items, but the
whole file lives in memory and travels, pickled, to every worker: wrong for a genome."""
from torch.utils.data import Dataset

from coursekit.data.session12 import one_hot

CAUGHT_BY = {"streaming_index", "small_pickle"}


class GenomicsDataset(Dataset):
    def __init__(self, fasta_file, window=None, stride=None):
        self.sequences = []
        self.labels = []
        with open(fasta_file) as fh:
            for line in fh:
                line = line.strip()
                if line.startswith(">"):
                    self.labels.append(int(line.split("label=")[1].split()[0]))
                    self.sequences.append([])
                elif line:
                    self.sequences[-1].append(line)
        self.sequences = ["".join(parts) for parts in self.sequences]
        self.window = window
        self.stride = stride or window
        if window is None:
            self.items = [(k, 0, len(s)) for k, s in enumerate(self.sequences)]
        else:
            self.items = [(k, start, start + window) for k, s in enumerate(self.sequences)
                          for start in range(0, len(s) - window + 1, self.stride)]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        k, start, stop = self.items[idx]
        return one_hot(self.sequences[k][start:stop]), self.labels[k]
