"""Mutant: the negative binomial through torch.distributions with its success probability the
wrong way round, probs = theta / (theta + mean): the mean it models is theta^2 / mean."""
import torch

from reference.capstone2.ex01_vae import CellVAE, gaussian_log_likelihood, kl_to_prior  # noqa: F401

CAUGHT_BY = {"likelihoods_match", "elbo_formula"}


def nb_log_likelihood(x, mean, theta):
    nb = torch.distributions.NegativeBinomial(total_count=theta, probs=theta / (theta + mean))
    return nb.log_prob(x).sum(dim=1)


def negative_elbo(model, x, library=None):
    mean, mu, logvar = model(x, library)
    if model.likelihood == "nb":
        log_likelihood = nb_log_likelihood(x, mean, model.dispersion())
    else:
        log_likelihood = gaussian_log_likelihood(x, mean, model.dispersion())
    return (kl_to_prior(mu, logvar) - log_likelihood).mean()
