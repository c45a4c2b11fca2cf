"""Mutant: the region written for the CPU only, torch.autocast("cpu", dtype=dtype), whatever
device_type says: on a GPU nothing is autocast, and the "cuda" float16 steps run in float32."""
import torch
import torch.nn.functional as F

CAUGHT_BY = {"uses_device_type", "cuda_parity"}


def mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16):
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=dtype):
        loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=dtype):
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
