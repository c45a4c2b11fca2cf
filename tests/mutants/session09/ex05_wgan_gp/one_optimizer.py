"""Mutant: one Adam over the parameters of both networks, stepped on the critic loss (with fake
not detached) and on the generator loss: critic steps move G too, generator steps move the
critic."""
import torch

from reference.session09.ex05_wgan_gp import Critic, critic_loss, generator_loss, gradient_penalty  # noqa: F401

CAUGHT_BY = {"n_critic_schedule"}


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    opt = torch.optim.Adam(list(critic.parameters()) + list(G.parameters()), lr=lr, betas=betas)
    logs = {"critic_loss": [], "generator_loss": []}
    for _ in range(steps):
        for _ in range(n_critic):
            idx = torch.randint(0, real.shape[0], (batch_size,), generator=generator)
            z = torch.randn(batch_size, latent_dim, generator=generator)
            loss = critic_loss(critic, real[idx], G(z), generator=generator)
            opt.zero_grad()
            loss.backward()
            opt.step()
            logs["critic_loss"].append(loss.item())
        loss = generator_loss(critic, G(torch.randn(batch_size, latent_dim, generator=generator)))
        opt.zero_grad()
        loss.backward()
        opt.step()
        logs["generator_loss"].append(loss.item())
    return logs
