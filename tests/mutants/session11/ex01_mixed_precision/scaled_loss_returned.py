"""Mutant: the scaled loss (scale * loss, 65,536 times too large) returned instead of the loss."""
import torch
import torch.nn.functional as F

from reference.session11.ex01_mixed_precision import mixed_precision_step, train_mixed  # noqa: F401

CAUGHT_BY = {"scaler_skips_inf"}


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    optimizer.zero_grad()
    with torch.autocast(device_type, dtype=dtype):
        loss = scaler.scale(F.cross_entropy(model(x), y))
    loss.backward()
    before = scaler.get_scale()
    scaler.step(optimizer)
    scaler.update()
    return loss.item(), scaler.get_scale() >= before
