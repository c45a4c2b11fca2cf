"""Mutant: train() keeps the trunk in eval mode, but __init__ never puts it there, so a base
model handed over in train mode runs its BatchNorm in train mode until train() or eval()
is first called."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"eval_features"}


class AdaptedModel(_Reference):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        training = base_model.features.training
        super().__init__(base_model, num_classes, hidden, dropout)
        self.features.train(training)
