"""Mutant: torch's ``consume_prefix_in_state_dict_if_present`` run on the argument itself (it works in
place) and the argument returned: the caller's dict is renamed under it (and, with keys of both kinds,
reordered)."""
import torch
from torch import nn
from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present

from reference.session12.ex04_data_parallel import add_prefix, save_checkpoint, wrap  # noqa: F401

CAUGHT_BY = {"strip_prefix"}


def strip_prefix(state_dict):
    consume_prefix_in_state_dict_if_present(state_dict, "module.")
    return state_dict


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = model.module if isinstance(model, nn.DataParallel) else model
    target.load_state_dict(strip_prefix(state))
    return model
