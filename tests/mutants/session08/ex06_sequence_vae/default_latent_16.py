"""Mutant: SequenceVAE's default latent_dim is 16 instead of 8 (a different model than the spec's
SequenceVAE())."""
from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"param_count"}


class SequenceVAE(_Reference):
    def __init__(self, seq_len=40, latent_dim=16, hidden_dim=128):
        super().__init__(seq_len, latent_dim, hidden_dim)
