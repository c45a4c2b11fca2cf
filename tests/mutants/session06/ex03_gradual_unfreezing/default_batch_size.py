"""Mutant: train_gradually's default batch_size is 16 (the spec says 32)."""
from reference.session06.ex03_gradual_unfreezing import train_gradually as _reference
from reference.session06.ex03_gradual_unfreezing import make_optimizer, set_stage  # noqa: F401

CAUGHT_BY = {"defaults"}


def train_gradually(model, x, y, epochs_per_stage=2, batch_size=16, head_lr=1e-3, trunk_lr=1e-4, seed=0):
    return _reference(model, x, y, epochs_per_stage, batch_size, head_lr, trunk_lr, seed)
