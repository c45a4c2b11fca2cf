"""Reference solution: session 12, exercise 4 (DataParallel and the module. prefix in checkpoints)."""
import torch
from torch import nn


def wrap(model):
    return nn.DataParallel(model)


def strip_prefix(state_dict):
    prefix = "module."
    return {(key[len(prefix):] if key.startswith(prefix) else key): value
            for key, value in state_dict.items()}


def add_prefix(state_dict):
    return {"module." + key: value for key, value in state_dict.items()}


def _unwrapped(model):
    return model.module if isinstance(model, nn.DataParallel) else model


def save_checkpoint(model, path):
    torch.save(_unwrapped(model).state_dict(), path)


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = _unwrapped(model)
    if set(state) != set(target.state_dict()):
        state = strip_prefix(state)
    target.load_state_dict(state, strict=True)
    return model
