"""Mutant: backward returns -grad_output whatever lambd is (lambd never kept on ctx), so
lambd = 0 still reverses and lambd = 2 does not scale."""
import torch

from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import adabn, dann_losses  # noqa: F401

CAUGHT_BY = {"reversal_backward", "dann_gradients", "adversarial_losses"}


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return -grad_output, None


def grad_reverse(x, lambd=1.0):
    return GradientReversal.apply(x, lambd)


class DANN(_Reference):
    def forward(self, x, lambd=1.0):
        shared = self.features(x)
        return self.label_head(shared), self.domain_head(grad_reverse(shared, lambd)).squeeze(-1)
