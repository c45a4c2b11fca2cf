"""Mutant: forward adds a skip connection, x + decode(encode(x)) ("residuals help"): the
output no longer has to pass through the bottleneck, so the decoder can learn to output
zeros and the "reconstruction" is the input itself."""
from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"encode_decode", "never_beats_pca"}


class Autoencoder(_Reference):
    def forward(self, x):
        return x + self.decode(self.encode(x))
