"""Alternative: a regular expression anchored at the start (``^module\\.``, at most one substitution),
the ``_metadata`` of a real state dict carried over; the checkpoint's prefix consumed in place by torch's
own ``consume_prefix_in_state_dict_if_present`` when every key carries it (the loaded dict is ours)."""
import re

import torch
from torch import nn
from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present

_LEADING = re.compile(r"^module\.")


def wrap(model):
    return nn.DataParallel(model)


def _renamed(state_dict, rename, rename_module):
    out = type(state_dict)((rename(key), value) for key, value in state_dict.items())
    metadata = getattr(state_dict, "_metadata", None)
    if metadata is not None:  # keyed by module name: "" the root, "module" the wrapped model
        out._metadata = type(metadata)((rename_module(key), v) for key, v in metadata.items())
    return out


def strip_prefix(state_dict):
    return _renamed(state_dict, lambda key: _LEADING.sub("", key, count=1),
                    lambda name: "" if name == "module" else _LEADING.sub("", name, count=1))


def add_prefix(state_dict):
    return _renamed(state_dict, lambda key: "module." + key,
                    lambda name: "module." + name if name else "module")


def save_checkpoint(model, path):
    inner = model.module if isinstance(model, nn.DataParallel) else model
    torch.save(inner.state_dict(), path)


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    if state and all(key.startswith("module.") for key in state):
        consume_prefix_in_state_dict_if_present(state, "module.")
    inner = model.module if isinstance(model, nn.DataParallel) else model
    inner.load_state_dict(state)
    return model
