"""Mutant: log-probabilities (log_softmax after fc2) instead of the raw logits."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"logits", "forward", "eval_mode"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        return F.log_softmax(super().forward(x), dim=-1)
