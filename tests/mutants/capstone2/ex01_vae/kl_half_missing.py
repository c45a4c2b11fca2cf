"""Mutant: the KL term without its factor 1/2."""
from reference.capstone2.ex01_vae import CellVAE, gaussian_log_likelihood, nb_log_likelihood  # noqa: F401

CAUGHT_BY = {"kl_matches", "elbo_formula"}


def kl_to_prior(mu, logvar):
    return (mu.pow(2) + logvar.exp() - 1 - logvar).sum(dim=1)


def negative_elbo(model, x, library=None):
    mean, mu, logvar = model(x, library)
    if model.likelihood == "nb":
        log_likelihood = nb_log_likelihood(x, mean, model.dispersion())
    else:
        log_likelihood = gaussian_log_likelihood(x, mean, model.dispersion())
    return (kl_to_prior(mu, logvar) - log_likelihood).mean()
