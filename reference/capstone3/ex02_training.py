"""Reference solution: capstone 3, module 2 (training with condition dropout, in a fixed budget)."""
import torch
import torch.nn.functional as F


def drop_condition(labels, null_label, p, generator=None):
    coins = torch.rand(labels.shape[0], generator=generator, device=labels.device)
    return torch.where(coins < p, torch.full_like(labels, null_label), labels)


def denoising_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    batch = x0.shape[0]
    seen = drop_condition(labels, model.null_label, p_uncond, generator)
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (batch,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    ab = alpha_bar.to(x0.device)[t].to(x0.dtype).view(batch, 1)
    x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
    return F.mse_loss(model(x_t, t, seen), noise)


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
