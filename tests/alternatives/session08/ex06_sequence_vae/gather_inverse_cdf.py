"""Alternative: log-probabilities picked with gather, an nn.Unflatten ending the decoder, and
sampling by inverse CDF (one uniform per position compared with the cumulative probabilities)."""
import torch
import torch.nn.functional as F
from torch import nn


class SequenceVAE(nn.Module):
    def __init__(self, seq_len=40, latent_dim=8, hidden_dim=128):
        super().__init__()
        self.seq_len, self.latent_dim = seq_len, latent_dim
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, 4 * seq_len),
            nn.Unflatten(1, (4, seq_len)))

    def encode(self, x):
        h = self.encoder(x)
        return h[:, :self.latent_dim], h[:, self.latent_dim:]

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        z = mu
        if self.training:
            z = mu + torch.exp(0.5 * logvar) * torch.randn(mu.shape, generator=generator, dtype=mu.dtype,
                                                            device=mu.device)
        return self.decode(z), mu, logvar

    def sample(self, n, generator=None):
        device = next(self.parameters()).device
        with torch.no_grad():
            z = torch.randn((n, self.latent_dim), generator=generator, device=device)
            cumulative = base_probabilities(self.decode(z)).cumsum(dim=1)           # [n, 4, L]
            u = torch.rand((n, 1, self.seq_len), generator=generator, device=device)
            bases = (cumulative < u).sum(dim=1).clamp(max=3)                          # [n, L]
            channels = torch.arange(4, device=device).view(1, 4, 1)
            return (channels == bases.unsqueeze(1)).float()


def base_probabilities(logits):
    return (logits - logits.logsumexp(dim=1, keepdim=True)).exp()


def reconstruction_log_prob(logits, x):
    picked = F.log_softmax(logits, dim=1).gather(1, x.argmax(dim=1, keepdim=True))  # [B, 1, L]
    return picked.squeeze(1).sum(dim=-1)


def sequence_vae_loss(logits, x, mu, logvar):
    kl = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(dim=1)
    return torch.mean(kl - reconstruction_log_prob(logits, x))


def train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None):
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        running = 0.0
        for start in range(0, len(x), batch_size):
            batch = x[order[start:start + batch_size]]
            logits, mu, logvar = model(batch, generator)
            loss = sequence_vae_loss(logits, batch, mu, logvar)
            adam.zero_grad()
            loss.backward()
            adam.step()
            running += loss.item() * batch.shape[0]
        losses.append(running / len(x))
    return losses
