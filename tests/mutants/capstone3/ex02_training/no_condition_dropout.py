"""Mutant: denoising_loss computes the dropped labels but calls the model with the
original ones, so no label is ever replaced in training: the null label's embedding stays as initialised
and the unconditional noise that guidance starts from is garbage."""
import torch
import torch.nn.functional as F

from reference.capstone3.ex02_training import drop_condition  # noqa: F401

CAUGHT_BY = {'learns', 'loss_formula', 'training_budget'}


def denoising_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    batch = x0.shape[0]
    seen = drop_condition(labels, model.null_label, p_uncond, generator)  # noqa: F841 (computed, unused)
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (batch,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    ab = alpha_bar.to(x0.device)[t].to(x0.dtype).view(batch, 1)
    x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    return F.mse_loss(model(x_t, t, labels), noise)


def train_designer(model, x0, labels, alpha_bar, steps=800, batch_size=128, lr=3e-3, p_uncond=0.1,
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
