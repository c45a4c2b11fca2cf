"""Mutant: the checkpoint built from ``named_parameters()``: the BatchNorm's running_mean, running_var and
num_batches_tracked (buffers, not parameters) are left out, and the loading side does not notice
(``strict=False``): the loaded model normalises with fresh statistics."""
import torch
from torch import nn

from reference.session12.ex04_data_parallel import add_prefix, strip_prefix, wrap  # noqa: F401

CAUGHT_BY = {"checkpoint_round_trip"}


def save_checkpoint(model, path):
    plain = model.module if isinstance(model, nn.DataParallel) else model
    torch.save({name: p.detach() for name, p in plain.named_parameters()}, path)


def load_checkpoint(model, path):
    state = torch.load(path, map_location="cpu", weights_only=True)
    target = model.module if isinstance(model, nn.DataParallel) else model
    target.load_state_dict(strip_prefix(state), strict=False)
    return model
