"""Mutant: train_gradually's default epochs_per_stage is 1 (the spec says 2)."""
from reference.session06.ex03_gradual_unfreezing import train_gradually as _reference
from reference.session06.ex03_gradual_unfreezing import make_optimizer, set_stage  # noqa: F401

CAUGHT_BY = {"defaults"}


def train_gradually(model, x, y, epochs_per_stage=1, batch_size=32, head_lr=1e-3, trunk_lr=1e-4, seed=0):
    return _reference(model, x, y, epochs_per_stage, batch_size, head_lr, trunk_lr, seed)
