"""Reference solution: session 12, exercise 1 (an indexed FASTA dataset)."""
import bisect
import operator
import os

from torch.utils.data import Dataset

from coursekit.data.session12 import one_hot


def _parse_header(line):
    """``b'>NAME label=1 ...'`` -> ``('NAME', 1)``."""
    fields = line[1:].split()
    label = next(int(f[len(b"label="):]) for f in fields[1:] if f.startswith(b"label="))
    return fields[0].decode("ascii"), label


def _build_index(path):
    """One streaming pass: per record (name, label, length, offset, line_bases, line_bytes)."""
    index, current, offset = [], None, 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.startswith(b">"):
                if current is not None:
                    index.append(tuple(current))
                name, label = _parse_header(line)
                current = [name, label, 0, offset + len(line), 0, 0]
            elif current is not None:
                bases = len(line.rstrip(b"\r\n"))
                if bases and current[4] == 0:  # the first line gives the record's width
                    current[4], current[5] = bases, len(line)
                current[2] += bases
            offset += len(line)
    if current is not None:
        index.append(tuple(current))
    return index


class GenomicsDataset(Dataset):
    def __init__(self, fasta_file, window=None, stride=None):
        self.fasta_file = os.fspath(fasta_file)
        self.window = window
        self.stride = None if window is None else (window if stride is None else stride)
        self.index = _build_index(self.fasta_file)
        self.first_item = []  # items before each record
        total = 0
        for _name, _label, length, *_ in self.index:
            self.first_item.append(total)
            total += self._items_in(length)
        self.total = total
        self._handle = None
        self._pid = None

    def _items_in(self, length):
        if self.window is None:
            return 1
        return 0 if length < self.window else (length - self.window) // self.stride + 1

    def _file(self):
        """The open file of THIS process (a forked worker opens its own: the offset of a
        descriptor inherited from the parent is shared with it)."""
        if self._handle is None or self._pid != os.getpid():
            self._handle = open(self.fasta_file, "rb")
            self._pid = os.getpid()
        return self._handle

    def _read(self, entry, start, stop):
        """Bases [start, stop) of a record: one seek, one read of the bytes they span."""
        _name, _label, _length, offset, line_bases, line_bytes = entry
        if stop <= start:
            return ""
        first = offset + (start // line_bases) * line_bytes + start % line_bases
        last = offset + ((stop - 1) // line_bases) * line_bytes + (stop - 1) % line_bases
        fh = self._file()
        fh.seek(first)
        raw = fh.read(last + 1 - first)
        return raw.replace(b"\n", b"").replace(b"\r", b"").decode("ascii")

    def __len__(self):
        return self.total

    def __getitem__(self, idx):
        idx = operator.index(idx)
        if not 0 <= idx < self.total:
            raise IndexError(f"index {idx} out of range for {self.total} items")
        record = bisect.bisect_right(self.first_item, idx) - 1
        entry = self.index[record]
        if self.window is None:
            start, stop = 0, entry[2]
        else:
            start = (idx - self.first_item[record]) * self.stride
            stop = start + self.window
        return one_hot(self._read(entry, start, stop)), entry[1]

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_handle"] = None
        state["_pid"] = None
        return state
