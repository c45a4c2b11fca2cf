"""Reference solution: session 9, exercise 5 (WGAN-GP: the gradient penalty and the critic schedule)."""
import torch
from torch import nn


class Critic(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(input_dim, 512),
            nn.LeakyReLU(0.2),
            nn.Linear(512, 256),
            nn.LeakyReLU(0.2),
            nn.Linear(256, 1),
        )

    def forward(self, x):
        return self.net(x)


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.size(0)
    alpha = torch.rand(batch, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.view(batch, *([1] * (real.dim() - 1)))
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    scores = critic(x_hat)
    grads = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)[0]
    norms = grads.reshape(batch, -1).norm(2, dim=1)
    return lambda_gp * ((norms - 1) ** 2).mean()


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    wasserstein = critic(fake).mean() - critic(real).mean()
    return wasserstein + gradient_penalty(critic, real, fake, lambda_gp, generator)


def generator_loss(critic, fake):
    return -critic(fake).mean()


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    opt_c = torch.optim.Adam(critic.parameters(), lr=lr, betas=betas)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=betas)
    logs = {"critic_loss": [], "generator_loss": []}
    for _step in range(steps):
        for _ in range(n_critic):
            idx = torch.randint(0, real.shape[0], (batch_size,), generator=generator, device=real.device)
            z = torch.randn(batch_size, latent_dim, generator=generator, dtype=real.dtype, device=real.device)
            with torch.no_grad():
                fake = G(z)
            loss = critic_loss(critic, real[idx], fake, generator=generator)
            opt_c.zero_grad()
            loss.backward()
            opt_c.step()
            logs["critic_loss"].append(loss.item())
        z = torch.randn(batch_size, latent_dim, generator=generator, dtype=real.dtype, device=real.device)
        loss = generator_loss(critic, G(z))
        opt_g.zero_grad()
        loss.backward()
        opt_g.step()
        logs["generator_loss"].append(loss.item())
    return logs
