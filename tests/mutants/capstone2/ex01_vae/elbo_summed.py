"""Mutant: the negative ELBO summed over the cells of the batch instead of averaged."""
from reference.capstone2.ex01_vae import CellVAE, gaussian_log_likelihood, kl_to_prior  # noqa: F401
from reference.capstone2.ex01_vae import nb_log_likelihood

CAUGHT_BY = {"elbo_formula"}


def negative_elbo(model, x, library=None):
    mean, mu, logvar = model(x, library)
    if model.likelihood == "nb":
        log_likelihood = nb_log_likelihood(x, mean, model.dispersion())
    else:
        log_likelihood = gaussian_log_likelihood(x, mean, model.dispersion())
    return (kl_to_prior(mu, logvar) - log_likelihood).sum()
