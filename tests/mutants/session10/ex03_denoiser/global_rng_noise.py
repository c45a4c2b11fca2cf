"""Mutant: the noise drawn with torch.randn_like(x0), from torch's global generator, whatever generator
is given (t does come from it): not reproducible from the generator, and it moves the global state."""
import torch
import torch.nn.functional as F

from reference.session10.ex03_denoiser import DenoisingModel, sinusoidal_embedding  # noqa: F401

CAUGHT_BY = {"noise_loss", "learns"}


def noise_prediction_loss(model, x0, alpha_bar, t=None, noise=None, generator=None):
    batch = x0.shape[0]
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (batch,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn_like(x0)
    ab = alpha_bar.to(x0.device)[t].to(x0.dtype).view(batch, *([1] * (x0.dim() - 1)))
    xt = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    return F.mse_loss(model(xt, t), noise)


def train_denoiser(model, x0, alpha_bar, steps=100, batch_size=128, lr=3e-3, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, x0.shape[0], (batch_size,), generator=generator, device=x0.device)
        loss = noise_prediction_loss(model, x0[idx], alpha_bar, generator=generator)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
