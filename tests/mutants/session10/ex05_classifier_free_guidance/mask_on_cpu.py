"""Mutant: the coins created without device= (on the CPU whatever the labels' device): works on
CPU tensors, fails as soon as the model and the data move to a GPU."""
import torch
import torch.nn.functional as F

from reference.session10.ex05_classifier_free_guidance import (ConditionalDenoiser, guided_noise,  # noqa: F401
                                                               sinusoidal_embedding)

CAUGHT_BY = {"follows_device"}


def drop_labels(labels, null_label, p, generator=None):
    coins = torch.rand(labels.shape[0], generator=generator)
    return torch.where(coins < p, torch.full_like(labels, null_label), labels)


def cfg_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    batch = x0.shape[0]
    seen = drop_labels(labels, model.null_label, p_uncond, generator)
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (batch,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    ab = alpha_bar.to(device=x0.device)[t].to(x0.dtype).view(batch, 1)
    x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    return F.mse_loss(model(x_t, t, seen), noise)


def train_cfg(model, x0, labels, alpha_bar, steps=200, batch_size=64, lr=1e-3, p_uncond=0.1, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, x0.shape[0], (batch_size,), generator=generator, device=x0.device)
        loss = cfg_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
