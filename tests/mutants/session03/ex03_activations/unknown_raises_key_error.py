"""Mutant: the activation looked up in a dict, so an unknown name raises KeyError."""
from reference.session03.ex03_activations import *  # noqa: F401,F403
from reference.session03.ex03_activations import ACTIVATIONS
from reference.session03.ex03_activations import MLPWithActivation as _Reference

CAUGHT_BY = {"unknown_activation"}


class MLPWithActivation(_Reference):
    def __init__(self, activation="relu"):
        ACTIVATIONS[activation]  # KeyError for an unknown name
        super().__init__(activation)
