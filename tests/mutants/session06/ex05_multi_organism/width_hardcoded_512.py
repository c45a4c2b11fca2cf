"""Mutant: feature_dim ignored: every head is nn.Linear(512, k), right only for the
MotifCNN trunk; a trunk of another width gets heads of the wrong size."""
from torch import nn

from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"registration", "param_count", "routing", "chosen_head_gradients"}


class MultiOrganismModel(_Reference):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__(trunk, num_classes, feature_dim)
        for name in list(self.heads):
            self.heads[name] = nn.Linear(512, self.heads[name].out_features)
