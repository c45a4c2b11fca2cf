"""Mutant: global average pooling (AdaptiveAvgPool1d) instead of the max over positions."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"forward"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool1d(1)
