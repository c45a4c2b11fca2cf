"""Mutant: the tissue head reads the raw input instead of the shared features."""
from torch import nn

from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"heads", "param_count"}


class MultiTaskModel(_Reference):
    def __init__(self, input_size, hidden_size, n_tissues):
        super().__init__(input_size, hidden_size, n_tissues)
        self.tissue_head[0] = nn.Linear(input_size, 20)

    def forward(self, x):
        return self.expression_head(self.shared(x)).squeeze(-1), self.tissue_head(x)
