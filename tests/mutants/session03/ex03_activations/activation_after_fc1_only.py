"""Mutant: the activation applied after fc1 only, not after fc2."""
from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"activations"}


class MLPWithActivation(_Reference):
    def forward(self, x):
        return self.fc3(self.fc2(self.activation(self.fc1(x))))
