"""Mutant: the gradients unscaled by hand, then optimizer.step() instead of scaler.step(optimizer):
the scale still halves after an overflow, but the step with inf gradients is taken."""
import torch
import torch.nn.functional as F

from reference.session11.ex01_mixed_precision import mixed_precision_step, train_mixed  # noqa: F401

CAUGHT_BY = {"scaler_skips_inf"}


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    optimizer.zero_grad()
    with torch.autocast(device_type, dtype=dtype):
        loss = F.cross_entropy(model(x), y)
    scaler.scale(loss).backward()
    before = scaler.get_scale()
    scaler.unscale_(optimizer)
    optimizer.step()
    scaler.update()
    return loss.item(), scaler.get_scale() >= before
