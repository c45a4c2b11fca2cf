"""Mutant: grads.norm(2, dim=-1) written for [B, F] inputs: on one-hot DNA [B, 4, L] it gives a
norm per position ([B, 4]), not one per sample over all 4 x L entries."""
import torch

from reference.session09.ex05_wgan_gp import Critic, generator_loss, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"per_sample_norms"}


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.shape[0]
    alpha = torch.rand(batch, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.view(batch, *([1] * (real.dim() - 1)))
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    grads = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
    return lambda_gp * ((grads.norm(2, dim=-1) - 1) ** 2).mean()


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return critic(fake).mean() - critic(real).mean() + penalty
