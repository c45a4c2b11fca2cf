"""Mutant: train_with_validation's default learning rate is 0.01 where the spec states 0.001."""
from reference.session03.ex02_promoter_classifier import PromoterClassifier, encode_sequence  # noqa: F401
from reference.session03.ex02_promoter_classifier import train_with_validation as _train

CAUGHT_BY = {"train_trajectory"}


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.01):
    return _train(model, X_train, y_train, X_val, y_val, epochs, lr)
