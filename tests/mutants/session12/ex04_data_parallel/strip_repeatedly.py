"""Mutant: ``while key.startswith("module.")``: the prefix removed as long as it is there, so a model's
own submodule named ``module`` loses its name too (``module.module.x`` becomes ``x``, not ``module.x``)."""
import torch
from torch import nn

from reference.session12.ex04_data_parallel import add_prefix, save_checkpoint, wrap  # noqa: F401

CAUGHT_BY = {"strip_prefix", "inner_names_kept"}


def strip_prefix(state_dict):
    out = {}
    for key, value in state_dict.items():
        while key.startswith("module."):
            key = key[len("module."):]
        out[key] = value
    return out


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = model.module if isinstance(model, nn.DataParallel) else model
    target.load_state_dict(strip_prefix(state))
    return model
