"""Mutant: dropout with p = 0.2 (a common choice elsewhere) instead of the guide's 0.5."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"eval_mode"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.dropout = nn.Dropout(0.2)
