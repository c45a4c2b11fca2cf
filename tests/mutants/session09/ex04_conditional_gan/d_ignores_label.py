"""Mutant: the course guide's generator-only conditioning: the discriminator never sees the label
(discriminator = Sequential(Linear(output_dim, hidden_dim), ...) on x alone), so it cannot ask
"is this a real profile OF TYPE y?" and nothing makes the generator follow its label."""
from torch import nn

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, train_cgan, unscale  # noqa: F401

CAUGHT_BY = {"discriminator_uses_label", "param_count", "generates_requested_class"}


class ConditionalGAN(_Reference):
    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__(latent_dim, n_classes, output_dim, hidden_dim)
        self.discriminator = nn.Sequential(
            nn.Linear(output_dim, hidden_dim), nn.LeakyReLU(0.2),
            nn.Linear(hidden_dim, hidden_dim), nn.LeakyReLU(0.2),
            nn.Linear(hidden_dim, 1))

    def discriminate(self, x, labels):
        return self.discriminator(x)
