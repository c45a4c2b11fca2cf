"""Mutant: no ValueError: any stage above 1 unfreezes everything, a negative one acts as 0."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages"}


def set_stage(model, stage):
    model.requires_grad_(False)
    model.train()
    model.classifier.requires_grad_(True)
    if stage >= 1:
        model.features[4].requires_grad_(True)
        model.features[5].requires_grad_(True)
    if stage >= 2:
        model.features.requires_grad_(True)
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

