"""Mutant: MLPWithBatchNorm's default is use_bn=False."""
from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"param_count"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=False):
        super().__init__(use_bn)
