"""Mutant: the critic loss written as the Wasserstein estimate itself, mean D(real) - mean D(fake)
+ penalty: minimising it pushes real scores DOWN and fake scores up."""
from reference.session09.ex05_wgan_gp import Critic, generator_loss, gradient_penalty, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"critic_loss"}


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return critic(real).mean() - critic(fake).mean() + penalty
