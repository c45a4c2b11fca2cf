"""Mutant: train() overridden with mode=False as its default, so a bare model.train()
switches the model to eval mode and the adapter's dropout never acts."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"eval_features"}


class AdaptedModel(_Reference):
    def train(self, mode=False):
        return super().train(mode)
