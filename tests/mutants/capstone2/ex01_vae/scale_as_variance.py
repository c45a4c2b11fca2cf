"""Mutant: the Gaussian log-likelihood reads its scale as a variance (Normal(mean, scale ** 2))."""
import torch

from reference.capstone2.ex01_vae import CellVAE, kl_to_prior, nb_log_likelihood  # noqa: F401

CAUGHT_BY = {"likelihoods_match", "elbo_formula"}


def gaussian_log_likelihood(x, mean, scale):
    return torch.distributions.Normal(mean, scale ** 2).log_prob(x).sum(dim=1)


def negative_elbo(model, x, library=None):
    mean, mu, logvar = model(x, library)
    if model.likelihood == "nb":
        log_likelihood = nb_log_likelihood(x, mean, model.dispersion())
    else:
        log_likelihood = gaussian_log_likelihood(x, mean, model.dispersion())
    return (kl_to_prior(mu, logvar) - log_likelihood).mean()
