"""Mutant: two outputs (splice site or not) instead of three classes."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"architecture", "param_count", "logits"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.fc2 = nn.Linear(32, 2)
