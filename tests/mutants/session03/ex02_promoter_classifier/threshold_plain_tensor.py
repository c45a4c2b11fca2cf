"""Mutant: the decision threshold kept as a plain tensor attribute and used in forward."""
import torch

from reference.session03.ex02_promoter_classifier import *  # noqa: F401,F403
from reference.session03.ex02_promoter_classifier import PromoterClassifier as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class PromoterClassifier(_Reference):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__(input_size, hidden_sizes, dropout)
        self.temperature = torch.ones(1)

    def forward(self, x):
        return self.network(x / self.temperature).squeeze(-1)
