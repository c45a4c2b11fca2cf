"""Mutant: backward returns lambd * grad_output: the sign is lost, so the trunk helps the
domain classifier instead of fighting it."""
import torch

from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import adabn, dann_losses  # noqa: F401

CAUGHT_BY = {"reversal_backward", "dann_gradients", "adversarial_losses"}


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.lambd = lambd
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return ctx.lambd * grad_output, None


def grad_reverse(x, lambd=1.0):
    return GradientReversal.apply(x, lambd)


class DANN(_Reference):
    def forward(self, x, lambd=1.0):
        shared = self.features(x)
        return self.label_head(shared), self.domain_head(grad_reverse(shared, lambd)).squeeze(-1)
