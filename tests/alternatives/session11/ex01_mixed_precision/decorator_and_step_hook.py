"""Correct alternative: torch.amp.autocast applied as a decorator to an inner forward-and-loss
function, nn.CrossEntropyLoss, gradients zeroed in place and backward through
torch.autograd.backward; scaled_step learns whether the optimizer stepped from a step hook on it
(scaler.step does not call optimizer.step when it skips); train_mixed counts its steps in a while
loop."""
import torch
from torch import nn

_criterion = nn.CrossEntropyLoss()


def _forward_loss(model, x, y, device_type, dtype):
    @torch.amp.autocast(device_type=device_type, dtype=dtype)
    def run():
        return _criterion(model(x), y)
    return run()


def mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16):
    optimizer.zero_grad(set_to_none=False)
    loss = _forward_loss(model, x, y, device_type, dtype)
    torch.autograd.backward(loss)
    optimizer.step()
    return float(loss.detach())


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    optimizer.zero_grad()
    loss = _forward_loss(model, x, y, device_type, dtype)
    stepped = []
    handle = optimizer.register_step_post_hook(lambda *args: stepped.append(True))
    try:
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    finally:
        handle.remove()
    return float(loss.detach()), bool(stepped)


def train_mixed(model, x, y, steps=30, lr=1e-3, batch_size=32, generator=None, device_type="cpu",
                dtype=torch.bfloat16):
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    step = 0
    while step < steps:
        rows = torch.randint(len(x), (batch_size,), generator=generator)
        losses.append(mixed_precision_step(model, x[rows], y[rows], adam, device_type=device_type,
                                           dtype=dtype))
        step += 1
    return losses
