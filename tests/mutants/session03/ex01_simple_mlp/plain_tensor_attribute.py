"""Mutant: an output scale kept as a plain tensor attribute, left behind by .to(device)."""
import torch

from reference.session03.ex01_simple_mlp import *  # noqa: F401,F403
from reference.session03.ex01_simple_mlp import SimpleMLP as _Reference

CAUGHT_BY = {"follows_device"}


class SimpleMLP(_Reference):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__(input_size, hidden_size, output_size)
        self.scale = torch.ones(output_size)

    def forward(self, x):
        return super().forward(x) * self.scale
