"""Mutant: the default heads give every SPECIES organism the source's 4 classes instead of
as many classes as that organism has motifs (zebrafish 3, yeast 2)."""
from coursekit.data.session06 import SPECIES
from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"registration", "param_count"}


class MultiOrganismModel(_Reference):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        if num_classes is None:
            num_classes = {name: 4 for name in SPECIES}
        super().__init__(trunk, num_classes, feature_dim)
