"""Mutant: linear=True is ignored, so the "linear" autoencoder keeps its hidden ReLU
layers: a nonlinear decoder can bend through the clusters and beat PCA."""
from reference.session08.ex01_autoencoder import Autoencoder as _Reference
from reference.session08.ex01_autoencoder import reconstruction_error, train_autoencoder  # noqa: F401

CAUGHT_BY = {"architecture", "param_count", "never_beats_pca"}


class Autoencoder(_Reference):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__(input_dim, latent_dim, hidden_dim, False)
