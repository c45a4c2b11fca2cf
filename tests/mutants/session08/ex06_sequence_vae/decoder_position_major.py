"""Mutant: decode reads the decoder's 4 * seq_len outputs position-major (.view(-1, seq_len, 4)
then .transpose(1, 2)) instead of channel-major (.view(-1, 4, seq_len)): logit [b, c, l] comes
from output l * 4 + c, not c * seq_len + l as the spec fixes."""
from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"forward_modes", "prior_composition"}


class SequenceVAE(_Reference):
    def decode(self, z):
        return self.decoder(z).view(-1, self.seq_len, 4).transpose(1, 2)
