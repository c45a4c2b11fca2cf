"""Correct alternative: the region entered through a contextlib.ExitStack, the logits turned to
float32 before the loss, backward inside the region; scaled_step unscales first and clips the
gradients (a loose norm, as a real loop would) before scaler.step, and tells a skipped step by the
scale having dropped."""
import contextlib

import torch
import torch.nn.functional as F


def _region(device_type, dtype):
    stack = contextlib.ExitStack()
    stack.enter_context(torch.autocast(device_type=device_type, dtype=dtype, enabled=True))
    return stack


def mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16):
    for p in model.parameters():
        p.grad = None
    with _region(device_type, dtype):
        logits = model(x)
        loss = F.cross_entropy(logits.float(), y, reduction="mean")
        loss.backward()
    optimizer.step()
    return loss.item()


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    optimizer.zero_grad(set_to_none=True)
    with _region(device_type, dtype):
        loss = F.cross_entropy(model(x).float(), y)
    scaler.scale(loss).backward()
    old_scale = scaler.get_scale()
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1e6)
    scaler.step(optimizer)
    scaler.update()
    skipped = scaler.get_scale() < old_scale
    return loss.item(), not skipped


def train_mixed(model, x, y, steps=30, lr=1e-3, batch_size=32, generator=None, device_type="cpu",
                dtype=torch.bfloat16):
    optimizer = torch.optim.Adam(params=list(model.parameters()), lr=lr)
    out = []
    for _ in range(steps):
        pick = torch.randint(low=0, high=x.size(0), size=(batch_size,), generator=generator)
        out.append(mixed_precision_step(model, x.index_select(0, pick), y.index_select(0, pick), optimizer,
                                        device_type, dtype))
    return out
