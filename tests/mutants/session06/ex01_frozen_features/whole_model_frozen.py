"""Mutant: the adapter is built first and then the whole model is frozen
(self.requires_grad_(False)): the new head is frozen too and never learns."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"trainable_count", "frozen_trunk", "head_learns"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__(base_model, num_classes, hidden, dropout)
        self.requires_grad_(False)
