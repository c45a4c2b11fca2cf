"""Mutant: BatchNorm1d(momentum=0.5), so the running statistics move too fast."""
from torch import nn

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"architecture", "running_stats"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=True):
        super().__init__(use_bn)
        if use_bn:
            self.bn1, self.bn2 = nn.BatchNorm1d(50, momentum=0.5), nn.BatchNorm1d(30, momentum=0.5)
