"""Mutant: the usual idiom ``if torch.cuda.device_count() > 1: model = nn.DataParallel(model)``: with fewer
than two GPUs the model comes back unwrapped (the spec asks for the wrapper always). Caught on a machine
with no GPU or one GPU; with two or more it is right."""
import torch
from torch import nn

from reference.session12.ex04_data_parallel import (add_prefix, load_checkpoint, save_checkpoint,  # noqa: F401
                                                    strip_prefix)

CAUGHT_BY = {"wrapped_outputs"}


def wrap(model):
    if torch.cuda.device_count() > 1:
        return nn.DataParallel(model)
    return model
