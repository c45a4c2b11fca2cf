"""Mutant: train_gradually's default head_lr is 1e-2 (the spec says 1e-3)."""
from reference.session06.ex03_gradual_unfreezing import train_gradually as _reference
from reference.session06.ex03_gradual_unfreezing import make_optimizer, set_stage  # noqa: F401

CAUGHT_BY = {"defaults"}


def train_gradually(model, x, y, epochs_per_stage=2, batch_size=32, head_lr=1e-2, trunk_lr=1e-4, seed=0):
    return _reference(model, x, y, epochs_per_stage, batch_size, head_lr, trunk_lr, seed)
