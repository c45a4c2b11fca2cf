"""Mutant: "freezes" by zeroing gradients (a hook that returns zeros) instead of
requires_grad=False: the parameters stay in the optimizer and weight decay and momentum
move them."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401
from torch import nn

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages", "frozen_stay_put", "unfreezing_order"}


def _ex03_zero_when_frozen(param):
    def hook(grad):
        return torch.zeros_like(grad) if getattr(param, "_frozen", False) else grad
    return hook


def set_stage(model, stage):
    if stage not in (0, 1, 2):
        raise ValueError(stage)
    open_parts = {0: ("classifier.",), 1: ("classifier.", "features.4.", "features.5."), 2: ("",)}[stage]
    for name, param in model.named_parameters():
        param.requires_grad_(True)
        if not hasattr(param, "_frozen"):
            param.register_hook(_ex03_zero_when_frozen(param))
        param._frozen = not name.startswith(open_parts)
    model.train()
    for m in model.modules():
        if isinstance(m, nn.BatchNorm1d) and m.weight._frozen:
            m.eval()


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
