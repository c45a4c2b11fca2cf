"""Mutant: lambda * mean(||g|| - 1) without the square: a one-sided pull that rewards gradient
norms below 1 instead of a two-sided penalty."""
import torch

from reference.session09.ex05_wgan_gp import Critic, generator_loss, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"penalty_linear_critic", "penalty_gradient", "per_sample_norms", "critic_loss"}


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.shape[0]
    alpha = torch.rand(batch, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.view(batch, *([1] * (real.dim() - 1)))
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    grads = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
    return lambda_gp * (grads.reshape(batch, -1).norm(2, dim=1) - 1).mean()


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return critic(fake).mean() - critic(real).mean() + penalty
