"""Mutant: the two filter widths swapped, conv1 7 wide and conv2 11 wide."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"architecture", "param_count"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 64, kernel_size=7)
        self.conv2 = nn.Conv1d(64, 64, kernel_size=11)
