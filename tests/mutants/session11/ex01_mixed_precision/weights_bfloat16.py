"""Mutant: the model itself cast to bfloat16 ("mixed precision = bfloat16 weights"): the forward
pass looks the same, but the parameters, their gradients and the optimizer's state are bfloat16,
and small updates are rounded to the bfloat16 spacing around each weight (no float32 master copy)."""
import torch
import torch.nn.functional as F

from reference.session11.ex01_mixed_precision import scaled_step  # noqa: F401

CAUGHT_BY = {"float32_master_weights", "close_to_float32", "uses_device_type"}


def mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16):
    model.to(dtype)
    optimizer.zero_grad()
    with torch.autocast(device_type, dtype=dtype):
        loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def train_mixed(model, x, y, steps=30, lr=1e-3, batch_size=32, generator=None, device_type="cpu",
                dtype=torch.bfloat16):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,), generator=generator)
        losses.append(mixed_precision_step(model, x[idx], y[idx], optimizer, device_type, dtype))
    return losses
