"""Mutant: fc2 without a bias (one parameter short)."""
from torch import nn

from reference.session03.ex01_simple_mlp import *  # noqa: F401,F403
from reference.session03.ex01_simple_mlp import SimpleMLP as _Reference

CAUGHT_BY = {"architecture", "param_count"}


class SimpleMLP(_Reference):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__(input_size, hidden_size, output_size)
        self.fc2 = nn.Linear(hidden_size, output_size, bias=False)
