"""Mutant: DANN defaults to feature_dim=256 instead of 512 (the MotifCNN trunk's width)."""
from reference.session06.ex04_domain_adaptation import DANN as _Reference
from reference.session06.ex04_domain_adaptation import GradientReversal, adabn, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients"}


class DANN(_Reference):
    def __init__(self, features, feature_dim=256, num_classes=4):
        super().__init__(features, feature_dim, num_classes)
