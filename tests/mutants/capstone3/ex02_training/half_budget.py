"""Mutant: train_designer defaults to 400 steps of 64 rows, a quarter of the budget the spec
fixes (the outcome bars were set at 800 steps of 128)."""
import torch

from reference.capstone3.ex02_training import denoising_loss, drop_condition  # noqa: F401

CAUGHT_BY = {'training_budget'}


def train_designer(model, x0, labels, alpha_bar, steps=400, batch_size=64, lr=3e-3, p_uncond=0.1,
                   generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, x0.shape[0], (batch_size,), generator=generator, device=x0.device)
        loss = denoising_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
