"""Mutant: use_bn is ignored, batch norm is always there."""
from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"no_bn_identity", "param_count"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=True):
        super().__init__(True)
