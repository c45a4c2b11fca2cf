"""Mutant: unfreezes from the bottom up: stage 1 opens the first conv block (features[0],
features[1]) instead of the block next to the head."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages", "frozen_stay_put", "unfreezing_order"}


def set_stage(model, stage):
    if stage not in (0, 1, 2):
        raise ValueError(stage)
    model.requires_grad_(False)
    model.train()
    parts = [model.classifier]
    if stage >= 1:
        parts += [model.features[0], model.features[1]]
    if stage >= 2:
        parts += [model.features[4], model.features[5]]
    for part in parts:
        part.requires_grad_(True)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm1d) and not m.weight.requires_grad:
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

