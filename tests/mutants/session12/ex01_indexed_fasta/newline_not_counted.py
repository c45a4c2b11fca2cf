"""Mutant: a line-break off-by-one in the offset arithmetic: bytes per line taken as the bases per line
(len(line.strip()), the "\\n" not counted), so the byte of base i is computed as offset + i; the item is
then read line by line until it has its bases. Right for an item that starts on a record's first line
(every record, the first windows), shifted by one base per line break before it further on: wrong bases
after the first line."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"windows_match", "unpickled_copy", "two_workers"}


class GenomicsDataset(_Reference):
    def __init__(self, fasta_file, window=None, stride=None):
        super().__init__(fasta_file, window, stride)
        self.index = [(name, label, length, offset, line_bases, line_bases)
                      for name, label, length, offset, line_bases, _ in self.index]

    def _read(self, entry, start, stop):
        _name, _label, _length, offset, line_bases, line_bytes = entry
        fh = self._file()
        fh.seek(offset + (start // line_bases) * line_bytes + start % line_bases)
        bases = b""
        while len(bases) < stop - start:
            bases += fh.readline().rstrip(b"\n")
        return bases[:stop - start].decode("ascii")
