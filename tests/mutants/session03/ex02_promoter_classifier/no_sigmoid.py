"""Mutant: no Sigmoid at the end, so the model returns logits, not probabilities."""
from reference.session03.ex02_promoter_classifier import *  # noqa: F401,F403
from reference.session03.ex02_promoter_classifier import PromoterClassifier as _Reference

CAUGHT_BY = {"architecture", "forward"}


class PromoterClassifier(_Reference):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__(input_size, hidden_sizes, dropout)
        self.network = self.network[:-1]
