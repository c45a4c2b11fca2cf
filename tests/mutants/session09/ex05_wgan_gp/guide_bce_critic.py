"""Mutant: the guide's discriminator loss kept for the critic (BCE-with-logits, real labelled 1 and
fake 0) with the gradient penalty added: a classifier, not a Wasserstein critic."""
import torch
import torch.nn.functional as F

from reference.session09.ex05_wgan_gp import Critic, generator_loss, gradient_penalty, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"critic_loss"}


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    real_scores, fake_scores = critic(real), critic(fake)
    bce = (F.binary_cross_entropy_with_logits(real_scores, torch.ones_like(real_scores))
           + F.binary_cross_entropy_with_logits(fake_scores, torch.zeros_like(fake_scores)))
    return bce + gradient_penalty(critic, real, fake, lambda_gp, generator)
