"""Mutant: one learning rate for everything: all trainable parameters in one group at head_lr."""
import torch
import torch.nn.functional as F

from reference.session06.ex03_gradual_unfreezing import set_stage  # noqa: F401

CAUGHT_BY = {"param_groups", "defaults", "unfreezing_order"}


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4):
    params = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.SGD(params, lr=head_lr, momentum=momentum, weight_decay=weight_decay)


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

