"""Mutant: padding="same" in both convolutions (keeps the length; not the guide's layers)."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"architecture", "forward"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 64, kernel_size=11, padding="same")
        self.conv2 = nn.Conv1d(64, 64, kernel_size=7, padding="same")
