"""Mutant: the default batch size is 16 instead of 8."""
from reference.session06.ex02_fine_tuning import fine_tune as _reference
from reference.session06.ex02_fine_tuning import load_trunk, new_species_model  # noqa: F401

CAUGHT_BY = {"fine_tune_steps"}


def fine_tune(model, x, y, epochs=10, lr=1e-3, batch_size=16, seed=0):
    return _reference(model, x, y, epochs, lr, batch_size, seed)
