"""Mutant: a learnable-looking slope kept as a plain tensor, left behind by .to(device)."""
import torch

from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="relu"):
        super().__init__(activation)
        self.scale = torch.ones(1)

    def forward(self, x):
        return super().forward(x) * self.scale
