"""Mutant: "freezes" by zeroing gradients (a hook that returns zeros) instead of
requires_grad=False: the parameters stay in the optimizer and weight decay and momentum
move them."""
import torch
import torch.nn.functional as F
from torch import nn

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


def train_gradually(model, x, y, epochs_per_stage=2, batch_size=32, head_lr=1e-3, trunk_lr=1e-4, seed=0):
    g = torch.Generator().manual_seed(seed)
    history = []
    for stage in (0, 1, 2):
        set_stage(model, stage)
        optimizer = make_optimizer(model, head_lr=head_lr, trunk_lr=trunk_lr)
        losses = []
        for _ in range(epochs_per_stage):
            for batch in torch.randperm(len(y), generator=g).split(batch_size):
                optimizer.zero_grad()
                loss = F.cross_entropy(model(x[batch]), y[batch])
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        history.append({"stage": stage, "trainable": trainable, "losses": losses})
    model.eval()
    return history

