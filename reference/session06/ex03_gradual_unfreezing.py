"""Reference solution: session 6, exercise 3 (gradual unfreezing, per-group learning rates)."""
import torch
import torch.nn.functional as F
from torch import nn


def _ex03_stage_modules(model: nn.Module, stage: int) -> list:
    """The modules trainable at ``stage``: the head, then the block nearest to it, then the first."""
    head = [model.classifier]
    second_block = [model.features[4], model.features[5]]
    first_block = [model.features[0], model.features[1]]
    return head + (second_block if stage >= 1 else []) + (first_block if stage >= 2 else [])


def set_stage(model: nn.Module, stage: int) -> None:
    """Make exactly the stage's parameters trainable; frozen BatchNorm layers go to eval mode."""
    if stage not in (0, 1, 2):
        raise ValueError(f"stage must be 0, 1 or 2, not {stage!r}")
    model.requires_grad_(False)
    model.train()
    for module in _ex03_stage_modules(model, stage):
        module.requires_grad_(True)
    for norm in (model.features[1], model.features[5]):
        if not norm.weight.requires_grad:
            norm.eval()  # a frozen block's BatchNorm keeps its running statistics


def make_optimizer(model: nn.Module, head_lr: float = 1e-3, trunk_lr: float = 1e-4,
                   momentum: float = 0.9, weight_decay: float = 1e-4) -> torch.optim.SGD:
    """SGD with a head group (head_lr) and a group of the trainable trunk parameters (trunk_lr)."""
    head = [p for p in model.classifier.parameters() if p.requires_grad]
    trunk = [p for p in model.features.parameters() if p.requires_grad]
    groups = [{"params": head, "lr": head_lr}]
    if trunk:
        groups.append({"params": trunk, "lr": trunk_lr})
    return torch.optim.SGD(groups, lr=head_lr, momentum=momentum, weight_decay=weight_decay)


def train_gradually(model: nn.Module, x: torch.Tensor, y: torch.Tensor, epochs_per_stage: int = 2,
                    batch_size: int = 32, head_lr: float = 1e-3, trunk_lr: float = 1e-4,
                    seed: int = 0) -> list:
    """Stages 0, 1, 2 in turn, a new optimizer each; one dict per stage, model left in eval mode."""
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
