"""Mutant: alpha drawn from the global random generator (torch.rand(B, 1) without
generator=...): the generator argument is ignored and torch's global state moves."""
import torch

from reference.session09.ex05_wgan_gp import Critic, generator_loss  # noqa: F401

CAUGHT_BY = {"per_sample_norms", "critic_loss", "n_critic_schedule"}


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.shape[0]
    alpha = torch.rand(batch, 1, dtype=real.dtype, device=real.device)
    alpha = alpha.view(batch, *([1] * (real.dim() - 1)))
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    grads = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
    return lambda_gp * ((grads.reshape(batch, -1).norm(2, dim=1) - 1) ** 2).mean()


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return critic(fake).mean() - critic(real).mean() + penalty


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    opt_c = torch.optim.Adam(critic.parameters(), lr=lr, betas=betas)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=betas)
    logs = {"critic_loss": [], "generator_loss": []}
    for _ in range(steps):
        for _ in range(n_critic):
            idx = torch.randint(0, real.shape[0], (batch_size,), generator=generator)
            z = torch.randn(batch_size, latent_dim, generator=generator)
            loss = critic_loss(critic, real[idx], G(z).detach(), generator=generator)
            opt_c.zero_grad()
            loss.backward()
            opt_c.step()
            logs["critic_loss"].append(loss.item())
        loss = generator_loss(critic, G(torch.randn(batch_size, latent_dim, generator=generator)))
        opt_g.zero_grad()
        loss.backward()
        opt_g.step()
        logs["generator_loss"].append(loss.item())
    return logs
