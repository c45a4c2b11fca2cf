"""Alternative: ``str.removeprefix`` in a loop over an OrderedDict; the checkpoint saved through
``strip_prefix`` (a no-op on a plain MotifNet); loading into a wrapper through its own keys with
``add_prefix``, into a plain model with ``strip_prefix``."""
from collections import OrderedDict

import torch
from torch import nn


def wrap(model):
    wrapper = nn.DataParallel(module=model)
    return wrapper


def strip_prefix(state_dict):
    out = OrderedDict()
    for key, value in state_dict.items():
        out[key.removeprefix("module.")] = value
    return out


def add_prefix(state_dict):
    out = OrderedDict()
    for key, value in state_dict.items():
        out[f"module.{key}"] = value
    return out


def save_checkpoint(model, path):
    torch.save(strip_prefix(model.state_dict()), path)


def load_checkpoint(model, path):
    plain = strip_prefix(torch.load(path, map_location="cpu", weights_only=True))
    if isinstance(model, nn.DataParallel):
        model.load_state_dict(add_prefix(plain), strict=True)
    else:
        model.load_state_dict(plain, strict=True)
    return model
