"""Mutant: forward calls self.eval() to keep BatchNorm frozen: the trunk is right, but the
whole model is switched to eval mode, so the adapter's dropout never acts in training."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"eval_features"}


class AdaptedModel(_Reference):
    def forward(self, x):
        self.eval()
        return self.adapter(self.features(x))
