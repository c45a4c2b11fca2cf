"""Mutant: the KL term's sign flipped, kl = 0.5 * sum(1 + logvar - mu^2 - exp(logvar)):
Adam then pushes the posteriors away from the prior instead of towards it."""
import torch

from reference.session08.ex04_conditional_vae import ConditionalVAE, one_hot  # noqa: F401

CAUGHT_BY = {"generates_its_type"}


def train_cvae(model, x, labels, epochs=50, lr=1e-2, batch_size=64, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    n, losses = len(x), []
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator, device=x.device)
        total = 0.0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            xb, yb = x[idx], labels[idx]
            recon, mu, logvar = model(xb, yb, generator=generator)
            reconstruction = ((recon - xb) ** 2).sum(dim=1)
            kl = 0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
            loss = (reconstruction + kl).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        losses.append(total / n)
    return losses
