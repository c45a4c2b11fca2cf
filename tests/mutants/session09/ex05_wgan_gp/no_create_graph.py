"""Mutant: the input gradient is taken without create_graph=True (torch.autograd.grad's default),
so it is a constant: the penalty has the right value but no gradient reaches the critic's
weights (the issue's named mistake: no double backpropagation)."""
import torch

from reference.session09.ex05_wgan_gp import Critic, critic_loss, generator_loss, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"penalty_gradient"}


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    batch = real.shape[0]
    alpha = torch.rand(batch, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.view(batch, *([1] * (real.dim() - 1)))
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    grads = torch.autograd.grad(critic(x_hat).sum(), x_hat)[0]
    return lambda_gp * ((grads.reshape(batch, -1).norm(2, dim=1) - 1) ** 2).mean()
