"""Mutant: exercise 1's freezing carried over: the trunk's parameters get
requires_grad = False, so the shared trunk is never fine-tuned by any organism."""
from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"chosen_head_gradients"}


class MultiOrganismModel(_Reference):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__(trunk, num_classes, feature_dim)
        for param in self.trunk.parameters():
            param.requires_grad = False
