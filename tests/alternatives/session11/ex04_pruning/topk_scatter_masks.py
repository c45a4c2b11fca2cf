"""Alternative: the globally smallest weights found with torch.topk(largest=False) over the
concatenated |w|, the flat keep-mask scattered back and split per layer, applied with
prune.custom_from_mask; the fine-tune's batches drawn with torch.multinomial."""
import torch
import torch.nn.utils.prune as prune
from torch import nn

KINDS = (nn.Linear, nn.Conv1d)


def prunable_weights(model):
    return [(m, "weight") for m in model.modules() if isinstance(m, KINDS)]


def prune_globally(model, sparsity):
    layers = [m for m, _ in prunable_weights(model)]
    flat = torch.cat([m.weight.detach().flatten().abs() for m in layers])
    n_prune = round(sparsity * flat.numel())
    keep = torch.ones_like(flat)
    if n_prune:
        keep[torch.topk(flat, n_prune, largest=False).indices] = 0.0
    start = 0
    for m in layers:
        size = m.weight.numel()
        prune.custom_from_mask(m, "weight", keep[start:start + size].view_as(m.weight))
        start += size
    return model


def fine_tune(model, x, y, steps=50, lr=1e-3, batch_size=64, generator=None):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    weights = torch.ones(y.shape[0], device=x.device)
    losses = []
    model.train()
    for _ in range(steps):
        rows = torch.multinomial(weights, batch_size, replacement=True, generator=generator)
        optimizer.zero_grad()
        loss = criterion(model(x[rows]), y[rows])
        loss.backward()
        optimizer.step()
        losses.append(loss.detach().item())
    model.eval()
    return losses


def make_permanent(model):
    for m, name in prunable_weights(model):
        if prune.is_pruned(m):
            prune.remove(m, name)
    return model


def sparsity_report(model):
    layers = ((n, m) for n, m in model.named_modules() if isinstance(m, KINDS))
    return {n: float((m.weight == 0).float().mean()) for n, m in layers}
