"""Mutant: grad_reverse puts a gradient hook on x and returns x itself: no new graph node,
so every gradient reaching x is flipped, also the one of the label head."""
from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses  # noqa: F401

CAUGHT_BY = {"reversal_forward", "reversal_backward", "dann_gradients"}


def grad_reverse(x, lambd=1.0):
    if x.requires_grad:
        x.register_hook(lambda grad: -lambd * grad)
    return x


class DANN(_Reference):
    def forward(self, x, lambd=1.0):
        shared = self.features(x)
        return self.label_head(shared), self.domain_head(grad_reverse(shared, lambd)).squeeze(-1)
