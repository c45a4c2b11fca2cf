"""Mutant: nn.LayerNorm instead of nn.BatchNorm1d (same parameter count, no batch stats)."""
from torch import nn

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"architecture", "forward_order", "running_stats"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=True):
        super().__init__(use_bn)
        if use_bn:
            self.bn1, self.bn2 = nn.LayerNorm(50), nn.LayerNorm(30)
