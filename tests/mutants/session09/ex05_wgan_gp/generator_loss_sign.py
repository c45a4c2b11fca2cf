"""Mutant: generator_loss = +mean D(fake) (copied from the fake term of the critic loss): the
generator then learns to make its samples look MORE fake."""
from reference.session09.ex05_wgan_gp import Critic, critic_loss, gradient_penalty, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"critic_loss"}


def generator_loss(critic, fake):
    return critic(fake).mean()
