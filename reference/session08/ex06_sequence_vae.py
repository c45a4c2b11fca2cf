"""Reference solution: session 8, exercise 6 (a sequence VAE with a per-position categorical decoder).

One-hot DNA [B, 4, L] in, an MLP encoder to (mu, logvar), z = mu + eps * exp(logvar / 2) with eps
from a seeded generator (z = mu in eval mode), an MLP decoder to logits [B, 4, L] (channel-major
reshape), a categorical distribution over the 4 bases at every position (softmax over dim 1);
loss = batch mean of (-sum over positions of log p(true base) + KL to N(0, I)); samples from the prior.
"""
import torch
import torch.nn.functional as F
from torch import nn


class SequenceVAE(nn.Module):
    def __init__(self, seq_len=40, latent_dim=8, hidden_dim=128):
        super().__init__()
        self.seq_len = seq_len
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, 4 * seq_len))

    def encode(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=-1)
        return mu, logvar

    def decode(self, z):
        return self.decoder(z).view(-1, 4, self.seq_len)

    def forward(self, x, generator=None):
        centre, log_var = self.encode(x)
        if not self.training:
            return self.decode(centre), centre, log_var
        eps = torch.randn(centre.shape, generator=generator, dtype=centre.dtype, device=centre.device)
        return self.decode(centre + eps * torch.exp(log_var / 2)), centre, log_var

    @torch.no_grad()
    def sample(self, n, generator=None):
        weight = self.decoder[0].weight
        z = torch.randn((n, self.latent_dim), generator=generator, dtype=weight.dtype, device=weight.device)
        probs = base_probabilities(self.decode(z))                      # [n, 4, L]
        flat = probs.transpose(1, 2).reshape(-1, 4)                      # [n * L, 4]
        bases = torch.multinomial(flat, 1, generator=generator).view(n, self.seq_len)
        return F.one_hot(bases, 4).transpose(1, 2).float()


def base_probabilities(logits):
    return torch.softmax(logits, dim=1)


def reconstruction_log_prob(logits, x):
    return (F.log_softmax(logits, dim=1) * x).sum(dim=(1, 2))


def sequence_vae_loss(logits, x, mu, logvar):
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (kl - reconstruction_log_prob(logits, x)).mean()


def train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for _ in range(epochs):
        order = torch.randperm(x.shape[0], generator=generator)
        total = 0.0
        for batch in torch.split(order, batch_size):
            xb = x[batch]
            logits, mu, logvar = model(xb, generator=generator)
            loss = sequence_vae_loss(logits, xb, mu, logvar)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        history.append(total / x.shape[0])
    model.eval()
    return history

