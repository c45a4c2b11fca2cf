"""Mutant: the file is opened lazily and left out of the pickled state, but a handle, once open, is used by
every process: a forked DataLoader worker reads through the file the main process opened, whose offset
it shares with the main process and the other worker (their seeks and reads interleave)."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"two_workers"}


class GenomicsDataset(_Reference):
    def _file(self):
        if self._handle is None:
            self._handle = open(self.fasta_file, "rb")
        return self._handle
