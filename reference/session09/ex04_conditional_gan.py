"""Reference solution: session 9, exercise 4 (a conditional GAN: the cell type to both networks)."""
import torch
import torch.nn.functional as F
from torch import nn


def scale_to_unit(x, low, high):
    """Per-gene min-max to [-1, 1]: 2 (x - low) / (high - low) - 1."""
    return 2.0 * (x - low) / (high - low) - 1.0


def unscale(x_scaled, low, high):
    """The inverse of scale_to_unit: (x_scaled + 1) / 2 * (high - low) + low."""
    return (x_scaled + 1.0) / 2.0 * (high - low) + low


class ConditionalGAN(nn.Module):
    """G(cat([z, label_emb(y)])) ends in Tanh; D(cat([x, one_hot(y)])) gives a raw logit."""

    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__()
        self.latent_dim, self.n_classes = latent_dim, n_classes
        self.label_emb = nn.Embedding(n_classes, latent_dim)
        self.generator = nn.Sequential(
            nn.Linear(2 * latent_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, output_dim), nn.Tanh())
        self.discriminator = nn.Sequential(
            nn.Linear(output_dim + n_classes, hidden_dim), nn.LeakyReLU(0.2),
            nn.Linear(hidden_dim, hidden_dim), nn.LeakyReLU(0.2),
            nn.Linear(hidden_dim, 1))

    def forward(self, z, labels):
        return self.generator(torch.cat([z, self.label_emb(labels)], dim=1))

    def generate(self, labels, generator=None):
        z = torch.randn(len(labels), self.latent_dim, generator=generator, device=labels.device)
        return self(z, labels)

    def discriminate(self, x, labels):
        one_hot = F.one_hot(labels, self.n_classes).to(x.dtype)
        return self.discriminator(torch.cat([x, one_hot], dim=1))


def train_cgan(model, x_scaled, labels, steps=150, batch_size=64, lr=2e-3, generator=None):
    """Alternating D and G Adam steps on minibatches drawn with replacement; the fakes of a step
    are made for the real batch's labels. Returns (d_losses, g_losses), one float per step."""
    g_params = list(model.label_emb.parameters()) + list(model.generator.parameters())
    opt_g = torch.optim.Adam(g_params, lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(model.discriminator.parameters(), lr=lr, betas=(0.5, 0.999))
    model.train()
    d_losses, g_losses = [], []
    for _step in range(steps):
        idx = torch.randint(0, len(x_scaled), (batch_size,), generator=generator, device=x_scaled.device)
        real, y = x_scaled[idx], labels[idx]
        fake = model.generate(y, generator=generator)
        real_logits = model.discriminate(real, y)
        fake_logits = model.discriminate(fake.detach(), y)
        d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                  + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        logits = model.discriminate(fake, y)
        g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
    return d_losses, g_losses
