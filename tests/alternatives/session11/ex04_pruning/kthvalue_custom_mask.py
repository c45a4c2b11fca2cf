"""Alternative: the global threshold computed by hand (torch.kthvalue over all |w| concatenated), each
layer's keep-mask applied with prune.custom_from_mask; batches from a shuffled permutation."""
import torch
import torch.nn.functional as F
import torch.nn.utils.prune as prune
from torch import nn


def prunable_weights(model):
    pairs = []
    for module in model.modules():
        if isinstance(module, nn.Conv1d) or isinstance(module, nn.Linear):
            pairs.append((module, "weight"))
    return pairs


def prune_globally(model, sparsity):
    pairs = prunable_weights(model)
    magnitudes = torch.cat([module.weight.detach().abs().reshape(-1) for module, _ in pairs])
    k = round(sparsity * magnitudes.numel())
    for module, name in pairs:
        if k == 0:
            keep = torch.ones_like(module.weight)
        else:
            threshold = torch.kthvalue(magnitudes, k).values
            keep = (module.weight.detach().abs() > threshold).to(module.weight.dtype)
        prune.custom_from_mask(module, name, keep)
    return model


def fine_tune(model, x, y, steps=50, lr=1e-3, batch_size=64, generator=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history, queue = [], torch.empty(0, dtype=torch.long)
    while len(history) < steps:
        if queue.numel() < batch_size:
            queue = torch.cat([queue, torch.randperm(len(y), generator=generator)])
        batch, queue = queue[:batch_size].to(x.device), queue[batch_size:]
        opt.zero_grad()
        loss = F.cross_entropy(model(x[batch]), y[batch])
        loss.backward()
        opt.step()
        history.append(float(loss.detach()))
    model.eval()
    return history


def make_permanent(model):
    for module in list(model.modules()):
        if isinstance(module, (nn.Linear, nn.Conv1d)) and hasattr(module, "weight_mask"):
            prune.remove(module, "weight")
    return model


def sparsity_report(model):
    out = {}
    for name, module in model.named_modules():
        if isinstance(module, (nn.Linear, nn.Conv1d)):
            w = module.weight
            out[name] = 1.0 - torch.count_nonzero(w).item() / w.numel()
    return out
