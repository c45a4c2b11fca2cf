"""Mutant: ``key.lstrip("module.")``: lstrip removes the CHARACTERS m, o, d, u, l, e and '.' from the
left, not a prefix: ``module.motif_module.weight`` becomes ``tif_module.weight``."""
import torch
from torch import nn

from reference.session12.ex04_data_parallel import add_prefix, save_checkpoint, wrap  # noqa: F401

CAUGHT_BY = {"strip_prefix", "inner_names_kept", "checkpoint_round_trip"}


def strip_prefix(state_dict):
    return {key.lstrip("module."): value for key, value in state_dict.items()}


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = model.module if isinstance(model, nn.DataParallel) else model
    if any(key.startswith("module.") for key in state):
        state = strip_prefix(state)
    target.load_state_dict(state)
    return model
