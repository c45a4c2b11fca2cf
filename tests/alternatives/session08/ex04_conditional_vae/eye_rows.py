"""Alternative: one-hot rows picked from an identity matrix, a reparameterize helper, batches
from torch.split of the permutation, and F.mse_loss(reduction="sum") / batch size."""
import torch
import torch.nn.functional as F
from torch import nn


def one_hot(labels, n_classes):
    if not bool(((labels >= 0) & (labels < n_classes)).all()):
        raise ValueError(f"every label must be in 0..{n_classes - 1}, got {labels.tolist()}")
    return torch.eye(n_classes, device=labels.device)[labels]


class ConditionalVAE(nn.Module):
    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__()
        self.classes = n_classes
        self.latent = latent_dim
        self.encoder = nn.Sequential(
            nn.Linear(input_dim + n_classes, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, latent_dim * 2),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim + n_classes, hidden_dim),
            nn.ReLU(),
            nn.Linear(hidden_dim, input_dim),
        )

    def encode(self, x, labels):
        h = self.encoder(torch.hstack([x, one_hot(labels, self.classes)]))
        mu, logvar = h.chunk(2, dim=-1)
        return mu, logvar

    def decode(self, z, labels):
        return self.decoder(torch.hstack([z, one_hot(labels, self.classes)]))

    def reparameterize(self, mu, logvar, generator):
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return mu + eps * (0.5 * logvar).exp()

    def forward(self, x, labels, generator=None):
        mu, logvar = self.encode(x, labels)
        z = self.reparameterize(mu, logvar, generator) if self.training else mu
        return self.decode(z, labels), mu, logvar

    def generate(self, labels, generator=None):
        with torch.no_grad():
            z = torch.randn((len(labels), self.latent), generator=generator, device=labels.device)
            return self.decode(z, labels)


def train_cvae(model, x, labels, epochs=50, lr=1e-2, batch_size=64, generator=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for epoch in range(epochs):
        perm = torch.randperm(x.shape[0], generator=generator, device=x.device)
        seen, running = 0, 0.0
        for batch in torch.split(perm, batch_size):
            recon, mu, logvar = model(x[batch], labels[batch], generator=generator)
            rec = F.mse_loss(recon, x[batch], reduction="sum") / len(batch)
            kld = torch.sum(-0.5 * (1 + logvar - mu ** 2 - torch.exp(logvar))) / len(batch)
            loss = rec + kld
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += float(loss.detach()) * len(batch)
            seen += len(batch)
        history.append(running / seen)
    return history
