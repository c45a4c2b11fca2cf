"""Mutant: train_scrna_vae's default learning rate is 1e-5 (a fine-tuning habit): within
the default epochs the model barely moves."""
from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood, scRNAVAE, scrna_vae_loss  # noqa: F401
from reference.session08.ex05_scrna_vae import train_scrna_vae as _train


CAUGHT_BY = {"heldout_nll_falls"}


def train_scrna_vae(model, counts, epochs=10, lr=1e-5, batch_size=64, generator=None):
    return _train(model, counts, epochs, lr, batch_size, generator)
