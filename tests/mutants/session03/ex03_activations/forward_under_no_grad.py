"""Mutant: forward wrapped in torch.no_grad() "for speed", so nothing can be trained."""
import torch

from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"learns"}


class MLPWithActivation(_Reference):
    def forward(self, x):
        with torch.no_grad():
            return super().forward(x)
