"""Mutant: one critic step per generator step (the plain GAN schedule): n_critic is accepted but
never used."""
import torch

from reference.session09.ex05_wgan_gp import Critic, critic_loss, generator_loss, gradient_penalty  # noqa: F401

CAUGHT_BY = {"n_critic_schedule"}


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    opt_c = torch.optim.Adam(critic.parameters(), lr=lr, betas=betas)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=betas)
    logs = {"critic_loss": [], "generator_loss": []}
    for _ in range(steps):
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
