"""Mutant: the course guide's decoder and loss: a Sigmoid after the last Linear and binary cross
entropy. Scaled expression is not a probability (it is centred, negative half the time), so the
decoder cannot reach the profiles (BCE against targets outside [0, 1] is not a likelihood)."""
import torch
import torch.nn.functional as F
from torch import nn

from reference.session08.ex04_conditional_vae import ConditionalVAE as _Reference
from reference.session08.ex04_conditional_vae import one_hot  # noqa: F401

CAUGHT_BY = {"param_count", "batch_independent", "decoder_uses_label", "generates_its_type"}


class ConditionalVAE(_Reference):
    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__(input_dim, n_classes, latent_dim, hidden_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim + n_classes, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim), nn.Sigmoid())


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
            bce = F.binary_cross_entropy(recon, xb, reduction="sum")
            kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
            loss = (bce + kl) / len(idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        losses.append(total / n)
    return losses
