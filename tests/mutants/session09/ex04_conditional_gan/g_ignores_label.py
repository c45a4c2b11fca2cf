"""Mutant: label_emb is built (the guide's line) but never used: the generator reads the noise alone
(generator = Sequential(Linear(latent_dim, hidden_dim), ...) on z), so the label changes nothing."""
from torch import nn

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"label_embedding", "generator_uses_label", "param_count", "generates_requested_class"}


class ConditionalGAN(_Reference):
    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__(latent_dim, n_classes, output_dim, hidden_dim)
        self.generator = nn.Sequential(
            nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, output_dim), nn.Tanh())

    def forward(self, z, labels):
        return self.generator(z)
