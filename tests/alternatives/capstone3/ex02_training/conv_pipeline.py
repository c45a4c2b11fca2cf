"""Correct alternative: the training batches are taken as consecutive slices of a shuffled order of the
rows (torch.randperm from the generator, a fresh permutation drawn whenever too few rows are left),
instead of sampling rows with replacement by torch.randint; the condition dropout is a masked_fill of
the null label where the generator's coins fall below p; the loss is written as the mean of the squared
differences. Every random number still comes from the generator, in the spec's order within a step
(coins, then t, then noise), and the budget is the spec's: Adam, one model call on batch_size rows per
step."""
import torch


def drop_condition(labels, null_label, p, generator=None):
    coins = torch.rand(labels.shape[0], generator=generator, device=labels.device)
    return labels.masked_fill(coins < p, null_label)


def denoising_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    rows = x0.shape[0]
    shown = drop_condition(labels, model.null_label, p_uncond, generator)
    if t is None:
        t = torch.randint(0, alpha_bar.shape[0], (rows,), generator=generator, device=x0.device)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    keep = alpha_bar.to(x0.device)[t].to(x0.dtype).unsqueeze(1)
    x_t = torch.sqrt(keep) * x0 + torch.sqrt(1 - keep) * noise
    return ((model(x_t, t, shown) - noise) ** 2).mean()


def _shuffled_batches(n, batch_size, generator, device):
    """Endless batches of batch_size row indices: consecutive slices of shuffled orders."""
    draw_on = generator.device if generator is not None else device
    pending = torch.empty(0, dtype=torch.long, device=draw_on)
    while True:
        while pending.numel() < batch_size:
            pending = torch.cat([pending, torch.randperm(n, generator=generator, device=draw_on)])
        batch, pending = pending[:batch_size], pending[batch_size:]
        yield batch.to(device)


def train_designer(model, x0, labels, alpha_bar, steps=800, batch_size=128, lr=3e-3, p_uncond=0.1,
                   generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    batches = _shuffled_batches(x0.shape[0], batch_size, generator, x0.device)
    history = []
    for _ in range(steps):
        rows = next(batches)
        loss = denoising_loss(model, x0[rows], labels[rows], alpha_bar, p_uncond, generator=generator)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history.append(float(loss.item()))
    return history
