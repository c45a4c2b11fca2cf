"""Alternative: named layers in an OrderedDict, a one-hot built with scatter, the networks called
as functions of the module, and the losses written out with log-sigmoids."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


def scale_to_unit(x, low, high):
    return torch.sub(torch.div(x - low, high - low).mul(2), 1)


def unscale(x_scaled, low, high):
    return torch.addcmul(low, x_scaled.add(1).div(2), high - low)


def _one_hot(labels, n_classes, dtype):
    out = torch.zeros(labels.shape[0], n_classes, dtype=dtype, device=labels.device)
    return out.scatter(1, labels.unsqueeze(1), 1.0)


class ConditionalGAN(nn.Module):
    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__()
        self.latent_dim, self.n_classes = latent_dim, n_classes
        self.label_emb = nn.Embedding(n_classes, latent_dim)
        self.generator = nn.Sequential(OrderedDict([
            ("fc1", nn.Linear(2 * latent_dim, hidden_dim)), ("act1", nn.ReLU()),
            ("fc2", nn.Linear(hidden_dim, hidden_dim)), ("act2", nn.ReLU()),
            ("out", nn.Linear(hidden_dim, output_dim)), ("squash", nn.Tanh())]))
        self.discriminator = nn.Sequential(OrderedDict([
            ("fc1", nn.Linear(output_dim + n_classes, hidden_dim)), ("act1", nn.LeakyReLU(0.2)),
            ("fc2", nn.Linear(hidden_dim, hidden_dim)), ("act2", nn.LeakyReLU(0.2)),
            ("logit", nn.Linear(hidden_dim, 1))]))

    def forward(self, z, labels):
        return self.generator(torch.hstack([z, self.label_emb.weight[labels]]))

    def generate(self, labels, generator=None):
        shape = (labels.numel(), self.latent_dim)
        return self(torch.randn(shape, generator=generator, device=labels.device), labels)

    def discriminate(self, x, labels):
        return self.discriminator(torch.hstack([x, _one_hot(labels, self.n_classes, x.dtype)]))


def train_cgan(model, x_scaled, labels, steps=150, batch_size=64, lr=2e-3, generator=None):
    g_opt = torch.optim.Adam(list(model.label_emb.parameters()) + list(model.generator.parameters()),
                             lr=lr, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(model.discriminator.parameters(), lr=lr, betas=(0.5, 0.999))
    model.train()
    d_losses, g_losses = [], []
    for _ in range(steps):
        idx = torch.randint(x_scaled.shape[0], (batch_size,), generator=generator, device=x_scaled.device)
        cells, types = x_scaled[idx], labels[idx]
        made = model.generate(types, generator=generator)
        # BCE-with-logits written out: -log sigmoid(l) for "real", -log(1 - sigmoid(l)) = -log sigmoid(-l)
        d_loss = -F.logsigmoid(model.discriminate(cells, types)).mean() \
            - F.logsigmoid(-model.discriminate(made.detach(), types)).mean()
        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        g_loss = -F.logsigmoid(model.discriminate(made, types)).mean()
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()
        d_losses.append(float(d_loss.detach()))
        g_losses.append(float(g_loss.detach()))
    return d_losses, g_losses
