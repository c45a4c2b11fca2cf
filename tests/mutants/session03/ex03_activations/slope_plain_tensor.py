"""Mutant: leaky_relu's slope kept as a plain tensor attribute, left behind by .to(device)."""
import torch

from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="relu"):
        super().__init__(activation)
        self.slope = torch.full((1,), 0.01)
        if activation == "leaky_relu":
            self.activation = lambda h: torch.where(h >= 0, h, self.slope * h)
