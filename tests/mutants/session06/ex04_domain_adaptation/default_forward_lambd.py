"""Mutant: DANN.forward defaults to lambd=0.1 instead of 1.0."""
from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients"}


class DANN(_Reference):
    def forward(self, x, lambd=0.1):
        return super().forward(x, lambd)
