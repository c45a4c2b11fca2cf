"""Mutant: alpha drawn for every element (torch.rand(real.shape)) instead of one number per
sample: the points x_hat no longer lie on the lines between real and fake samples."""
import torch

from reference.session09.ex05_wgan_gp import Critic, generator_loss, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"per_sample_norms", "critic_loss"}


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.shape[0]
    alpha = torch.rand(real.shape, generator=generator, dtype=real.dtype, device=real.device)
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    grads = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
    return lambda_gp * ((grads.reshape(batch, -1).norm(2, dim=1) - 1) ** 2).mean()


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return critic(fake).mean() - critic(real).mean() + penalty
