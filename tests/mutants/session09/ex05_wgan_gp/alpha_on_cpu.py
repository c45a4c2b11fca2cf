"""Mutant: alpha created without device= (on the CPU whatever the data's device): works on CPU
tensors, fails as soon as the critic and the data move to a GPU."""
import torch

from reference.session09.ex05_wgan_gp import Critic, generator_loss, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"follows_device"}


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.shape[0]
    alpha = torch.rand(batch, 1, generator=generator, dtype=real.dtype)
    alpha = alpha.view(batch, *([1] * (real.dim() - 1)))
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    grads = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]
    return lambda_gp * ((grads.reshape(batch, -1).norm(2, dim=1) - 1) ** 2).mean()


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return critic(fake).mean() - critic(real).mean() + penalty
