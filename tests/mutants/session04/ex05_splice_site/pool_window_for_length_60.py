"""Mutant: nn.MaxPool1d(44), a window that covers the 44 positions left from a length-60
input only, instead of a global (adaptive) max pool."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"architecture"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool1d(kernel_size=44)
