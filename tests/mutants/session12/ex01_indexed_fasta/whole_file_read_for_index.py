"""Mutant: the index is built from the whole file read at once (data = fh.read(), then the records found
with data.find): right offsets and items, and nothing kept, but building the index needs the whole
genome in memory, if only for a moment."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"streaming_index"}


def build_index(path):
    with open(path, "rb") as fh:
        data = fh.read()
    index, start = [], data.find(b">")
    while start != -1:
        header_end = data.find(b"\n", start)
        fields = data[start + 1:header_end].split()
        label = int(next(f for f in fields if f.startswith(b"label="))[6:])
        following = data.find(b">", header_end)
        end = len(data) if following == -1 else following
        body = data[header_end + 1:end]
        first_line = body.find(b"\n")
        length = len(body) - body.count(b"\n")
        index.append((fields[0].decode(), label, length, header_end + 1, first_line, first_line + 1))
        start = following
    return index


class GenomicsDataset(_Reference):
    def __init__(self, fasta_file, window=None, stride=None):
        self.fasta_file = str(fasta_file)
        self.window = window
        self.stride = None if window is None else (stride or window)
        self.index = build_index(self.fasta_file)
        self.first_item, self.total = [], 0
        for entry in self.index:
            self.first_item.append(self.total)
            self.total += self._items_in(entry[2])
        self._handle = self._pid = None
