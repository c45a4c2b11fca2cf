"""Mutant: ``load_state_dict(torch.load(path), strict=False)`` on the model as given, no prefix handled:
the keys that do not match are skipped silently, and the model keeps its own weights."""
import torch

from reference.session12.ex04_data_parallel import (add_prefix, save_checkpoint, strip_prefix,  # noqa: F401
                                                    wrap)

CAUGHT_BY = {"checkpoint_round_trip"}


def load_checkpoint(model, path):
    model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True), strict=False)
    return model
