"""Mutant: the reversal sits on the label path instead of the domain path, so the trunk
unlearns the labelled task and helps the domain classifier."""
from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients", "adversarial_losses"}


class DANN(_Reference):
    def forward(self, x, lambd=1.0):
        shared = self.features(x)
        return self.label_head(grad_reverse(shared, lambd)), self.domain_head(shared).squeeze(-1)
