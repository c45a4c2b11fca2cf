"""Mutant: the guide's `torch.cuda.amp.autocast()` (deprecated, CUDA-only): on the CPU it switches
itself off with a warning, and the whole step silently stays float32."""
import torch
import torch.nn.functional as F

CAUGHT_BY = {"autocast_dtypes", "float32_master_weights", "scaler_skips_inf", "uses_device_type"}


def mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16):
    optimizer.zero_grad()
    with torch.cuda.amp.autocast():
        loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    optimizer.zero_grad()
    with torch.cuda.amp.autocast():
        loss = F.cross_entropy(model(x), y)
    scaler.scale(loss).backward()
    before = scaler.get_scale()
    scaler.step(optimizer)
    scaler.update()
    return loss.item(), scaler.get_scale() >= before


def train_mixed(model, x, y, steps=30, lr=1e-3, batch_size=32, generator=None, device_type="cpu",
                dtype=torch.bfloat16):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,), generator=generator)
        losses.append(mixed_precision_step(model, x[idx], y[idx], optimizer, device_type, dtype))
    return losses
