"""Mutant: the whole forward pass under torch.no_grad(), so nothing can be trained."""
import torch

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"logits", "learns_synthetic", "learns_uci"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        with torch.no_grad():
            return super().forward(x)
