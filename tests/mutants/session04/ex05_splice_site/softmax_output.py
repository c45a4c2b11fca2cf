"""Mutant: a softmax on the output, so the model returns probabilities, not logits
(F.cross_entropy would then apply log-softmax on top of a softmax)."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"logits", "forward", "eval_mode"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        return F.softmax(super().forward(x), dim=1)
