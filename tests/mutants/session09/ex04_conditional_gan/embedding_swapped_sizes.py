"""Mutant: label_emb = nn.Embedding(latent_dim, n_classes), the two sizes swapped (a table of
latent_dim rows of n_classes numbers); the generator then reads latent_dim + n_classes inputs."""
from torch import nn

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"label_embedding", "generator_uses_label", "param_count"}


class ConditionalGAN(_Reference):
    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__(latent_dim, n_classes, output_dim, hidden_dim)
        self.label_emb = nn.Embedding(latent_dim, n_classes)
        self.generator[0] = nn.Linear(latent_dim + n_classes, hidden_dim)
