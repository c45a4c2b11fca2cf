"""Mutant: bn2 copied from bn1's line, nn.BatchNorm1d(50), though fc2 has 30 outputs."""
from torch import nn

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"architecture", "param_count", "forward_order", "running_stats"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=True):
        super().__init__(use_bn)
        if use_bn:
            self.bn2 = nn.BatchNorm1d(50)
