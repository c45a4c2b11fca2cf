"""Mutant: the default feature_dim is 256 (the guide's hidden width) instead of 512, the
width of MotifCNN.features."""
from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"registration", "param_count"}


class MultiOrganismModel(_Reference):
    def __init__(self, trunk, num_classes=None, feature_dim=256):
        super().__init__(trunk, num_classes, feature_dim)
