"""Reference solution: session 11, exercise 4 (global magnitude pruning, fine-tuned and made permanent)."""
import torch
import torch.nn.functional as F
import torch.nn.utils.prune as prune
from torch import nn

PRUNED_TYPES = (nn.Linear, nn.Conv1d)


def prunable_weights(model):
    return [(module, "weight") for module in model.modules() if isinstance(module, PRUNED_TYPES)]


def prune_globally(model, sparsity):
    prune.global_unstructured(prunable_weights(model), pruning_method=prune.L1Unstructured, amount=sparsity)
    return model


def fine_tune(model, x, y, steps=50, lr=1e-3, batch_size=64, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, y.shape[0], (batch_size,), generator=generator, device=x.device)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    return losses


def make_permanent(model):
    for module, name in prunable_weights(model):
        if prune.is_pruned(module):
            prune.remove(module, name)
    return model


def sparsity_report(model):
    report = {}
    for name, module in model.named_modules():
        if isinstance(module, PRUNED_TYPES):
            weight = module.weight
            report[name] = (weight == 0).sum().item() / weight.numel()
    return report
