"""Mutant: forward squeezes the output to [N], against the spec's [N, output_size]."""
from reference.session03.ex01_simple_mlp import *  # noqa: F401,F403
from reference.session03.ex01_simple_mlp import SimpleMLP as _Reference

CAUGHT_BY = {"output_shape", "forward"}


class SimpleMLP(_Reference):
    def forward(self, x):
        return super().forward(x).squeeze(-1)
