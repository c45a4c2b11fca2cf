"""Mutant: the activation applied after fc3 too."""
from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"activations", "learns"}


class MLPWithActivation(_Reference):
    def forward(self, x):
        return self.activation(super().forward(x))
