"""Mutant: PromoterClassifier's default dropout is 0.5 (nn.Dropout's own) instead of 0.2."""
from reference.session03.ex02_promoter_classifier import encode_sequence, train_with_validation  # noqa: F401
from reference.session03.ex02_promoter_classifier import PromoterClassifier as _Reference

CAUGHT_BY = {"dropout_modes"}


class PromoterClassifier(_Reference):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.5):
        super().__init__(input_size, hidden_sizes, dropout)
