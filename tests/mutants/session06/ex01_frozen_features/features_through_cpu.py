"""Mutant: the features are "frozen" by detaching them and copying them to the CPU
(.detach().cpu()): the adapter then gets CPU tensors on any other device."""
from reference.session06.ex01_frozen_features import AdaptedModel as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class AdaptedModel(_Reference):
    def forward(self, x):
        return self.adapter(self.features(x).detach().cpu())
