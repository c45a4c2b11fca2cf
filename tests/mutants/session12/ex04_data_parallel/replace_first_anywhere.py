"""Mutant: ``key.replace("module.", "", 1)``: the first ``module.`` removed wherever it is, not only at
the start: ``module.module.x`` comes out right, but ``motif_module.weight`` becomes ``motif_weight``."""
import torch
from torch import nn

from reference.session12.ex04_data_parallel import add_prefix, save_checkpoint, wrap  # noqa: F401

CAUGHT_BY = {"strip_prefix", "inner_names_kept", "checkpoint_round_trip"}


def strip_prefix(state_dict):
    return {key.replace("module.", "", 1): value for key, value in state_dict.items()}


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = model.module if isinstance(model, nn.DataParallel) else model
    target.load_state_dict(strip_prefix(state))
    return model
