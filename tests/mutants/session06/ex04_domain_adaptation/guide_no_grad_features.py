"""Mutant: the course guide's AdaptedModel pattern, features computed under torch.no_grad():
the trunk gets no gradient at all, so the reversal changes nothing."""
import torch

from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients", "adversarial_losses"}


class DANN(_Reference):
    def forward(self, x, lambd=1.0):
        with torch.no_grad():
            shared = self.features(x)
        return self.label_head(shared), self.domain_head(grad_reverse(shared, lambd)).squeeze(-1)
