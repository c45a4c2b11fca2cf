"""Mutant: the stride defaults to 1 (every position starts a window) instead of the window (windows side
by side): far more windows than the spec's."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"windows_match", "bytes_read"}


class GenomicsDataset(_Reference):
    def __init__(self, fasta_file, window=None, stride=1):
        super().__init__(fasta_file, window, stride)
