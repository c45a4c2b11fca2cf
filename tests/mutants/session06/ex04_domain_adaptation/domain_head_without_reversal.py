"""Mutant: the domain head reads the features directly (grad_reverse forgotten): the trunk
learns to make the domains easier to tell apart."""
from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients", "adversarial_losses"}


class DANN(_Reference):
    def forward(self, x, lambd=1.0):
        shared = self.features(x)
        return self.label_head(shared), self.domain_head(shared).squeeze(-1)
