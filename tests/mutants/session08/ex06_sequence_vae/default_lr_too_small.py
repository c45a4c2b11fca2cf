"""Mutant: train_sequence_vae's default learning rate is 1e-4 (a value copied from elsewhere)
instead of the spec's 3e-3: within the default 10 epochs the model barely leaves its
initialisation and reconstructs little more than the commonest base at each position."""
from reference.session08.ex06_sequence_vae import (SequenceVAE, base_probabilities,  # noqa: F401
                                                   reconstruction_log_prob, sequence_vae_loss)
from reference.session08.ex06_sequence_vae import train_sequence_vae as _train

CAUGHT_BY = {"reconstructs_bases"}


def train_sequence_vae(model, x, epochs=10, lr=1e-4, batch_size=32, generator=None):
    return _train(model, x, epochs, lr, batch_size, generator)
