"""Mutant: train() is overridden without `return self`, so model.train() returns None and
chained calls such as model.train().to(device) break."""
from torch import nn

from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"eval_features"}


class AdaptedModel(_Reference):
    def train(self, mode=True):
        nn.Module.train(self, mode)
        self.features.eval()
