"""Mutant: the ``return`` indented one level too deep: the loop renames the first key that carries the
prefix and returns, so every other ``module.`` key keeps its prefix and a strict load fails."""
from collections import OrderedDict

import torch
from torch import nn

from reference.session12.ex04_data_parallel import add_prefix, save_checkpoint, wrap  # noqa: F401

CAUGHT_BY = {"strip_prefix", "inner_names_kept", "checkpoint_round_trip"}


def strip_prefix(state_dict):
    out = OrderedDict()
    items = list(state_dict.items())
    for i, (key, value) in enumerate(items):
        if key.startswith("module."):
            out[key[len("module."):]] = value
            out.update(items[i + 1:])
            return out
        out[key] = value
    return out


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = model.module if isinstance(model, nn.DataParallel) else model
    target.load_state_dict(strip_prefix(state))
    return model
