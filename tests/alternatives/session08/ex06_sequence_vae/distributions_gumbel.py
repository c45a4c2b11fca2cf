"""Alternative: torch.distributions for the likelihood pieces (Categorical probabilities,
Normal KL), F.cross_entropy over [B, 4, L] for the log-probability, and sampling by the
Gumbel-max trick (argmax of logits plus Gumbel noise is a draw from the softmax)."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import Categorical, Normal, kl_divergence


class SequenceVAE(nn.Module):
    def __init__(self, seq_len=40, latent_dim=8, hidden_dim=128):
        super().__init__()
        self.seq_len = seq_len
        self.latent_dim = latent_dim
        layers = [nn.Flatten(), nn.Linear(seq_len * 4, hidden_dim), nn.ReLU(),
                  nn.Linear(hidden_dim, latent_dim * 2)]
        self.encoder = nn.Sequential(*layers)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, seq_len * 4))

    def encode(self, x):
        stats = self.encoder(x)
        mu, logvar = torch.chunk(stats, 2, dim=1)
        return mu, logvar

    def decode(self, z):
        return self.decoder(z).reshape(z.shape[0], 4, self.seq_len)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if not self.training:
            return self.decode(mu), mu, logvar
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(mu + eps * (logvar / 2).exp()), mu, logvar

    @torch.no_grad()
    def sample(self, n, generator=None):
        ref = self.decoder[-1].weight
        z = torch.randn(n, self.latent_dim, generator=generator, device=ref.device, dtype=ref.dtype)
        logits = self.decode(z)
        u = torch.rand(logits.shape, generator=generator, device=ref.device, dtype=ref.dtype)
        gumbel = -torch.log(-torch.log(u.clamp_min(1e-12)))  # u in [1e-12, 1): -log(u) > 0
        bases = (logits + gumbel).argmax(dim=1)
        return F.one_hot(bases, num_classes=4).permute(0, 2, 1).to(torch.float32)


def base_probabilities(logits):
    return Categorical(logits=logits.transpose(1, 2)).probs.transpose(1, 2)


def reconstruction_log_prob(logits, x):
    return -F.cross_entropy(logits, x.argmax(dim=1), reduction="none").sum(dim=1)


def sequence_vae_loss(logits, x, mu, logvar):
    posterior = Normal(mu, torch.exp(0.5 * logvar))
    prior = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = kl_divergence(posterior, prior).sum(dim=-1)
    return (kl - reconstruction_log_prob(logits, x)).mean()


def train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr)
    history = []
    model.train()
    for epoch in range(epochs):
        per_batch = []
        for idx in torch.split(torch.randperm(x.size(0), generator=generator), batch_size):
            out = model(x[idx], generator=generator)
            loss = sequence_vae_loss(out[0], x[idx], out[1], out[2])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            per_batch.append((loss.item(), len(idx)))
        history.append(sum(v * k for v, k in per_batch) / sum(k for _, k in per_batch))
    model.eval()
    return history
