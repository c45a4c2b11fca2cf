"""Mutant: DANN defaults to num_classes=2 (source vs target) instead of the 4 promoter elements."""
from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients"}


class DANN(_Reference):
    def __init__(self, features, feature_dim=512, num_classes=2):
        super().__init__(features, feature_dim, num_classes)
