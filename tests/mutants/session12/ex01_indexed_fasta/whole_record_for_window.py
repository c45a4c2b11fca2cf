"""Mutant: every item reads its whole record (seek to the record's first base, read all its lines) and cuts
the window out of it: right items, but one 1000-base window of a 200,000-base chromosome reads 200 KB
(and a window of a real chromosome, 250 MB)."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"bytes_read"}


class GenomicsDataset(_Reference):
    def _read(self, entry, start, stop):
        _name, _label, length, offset, line_bases, line_bytes = entry
        fh = self._file()
        fh.seek(offset)
        lines = -(-length // line_bases)
        sequence = fh.read(lines * line_bytes).replace(b"\n", b"").decode("ascii")
        return sequence[start:stop]
