"""Mutant: BatchNorm1d(64, track_running_stats=False), so eval mode still normalises with
the batch's own statistics and a sequence's logits depend on its batch."""
from torch import nn

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"architecture", "eval_mode"}


class SpliceSiteCNN(_Reference):
    def __init__(self):
        super().__init__()
        self.bn1 = nn.BatchNorm1d(64, track_running_stats=False)
        self.bn2 = nn.BatchNorm1d(64, track_running_stats=False)
