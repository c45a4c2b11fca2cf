"""Mutant: no __getstate__ that drops the open file: pickling the dataset pickles its whole __dict__, the
open file included, which fails (TypeError: cannot pickle '_io.BufferedReader' object) as soon as the
dataset has read an item, so no spawn/forkserver worker (macOS, Windows) can start."""
from reference.session12.ex01_indexed_fasta import GenomicsDataset as _Reference

CAUGHT_BY = {"unpickled_copy"}


class GenomicsDataset(_Reference):
    def __getstate__(self):
        return self.__dict__  # what pickle takes without a __getstate__ of one's own
