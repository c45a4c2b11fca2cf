"""Mutant: BatchNorm1d(track_running_stats=False): batch statistics even in eval mode."""
from torch import nn

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"architecture", "forward_order", "running_stats"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=True):
        super().__init__(use_bn)
        if use_bn:
            self.bn1 = nn.BatchNorm1d(50, track_running_stats=False)
            self.bn2 = nn.BatchNorm1d(30, track_running_stats=False)
