"""Mutant: PromoterClassifier's default hidden sizes are [64, 32] instead of [128, 64]."""
from reference.session03.ex02_promoter_classifier import encode_sequence, train_with_validation  # noqa: F401
from reference.session03.ex02_promoter_classifier import PromoterClassifier as _Reference

CAUGHT_BY = {"param_count"}


class PromoterClassifier(_Reference):
    def __init__(self, input_size=200, hidden_sizes=[64, 32], dropout=0.2):
        super().__init__(input_size, hidden_sizes, dropout)
