"""Mutant: train_cgan defaults to 30 steps (a budget copied from a smaller example): the defaults
are part of the interface, and 30 adversarial steps do not teach the generator the types."""
from reference.session09.ex04_conditional_gan import ConditionalGAN, scale_to_unit, unscale  # noqa: F401
from reference.session09.ex04_conditional_gan import train_cgan as _train

CAUGHT_BY = {"generates_requested_class"}


def train_cgan(model, x_scaled, labels, steps=30, batch_size=64, lr=2e-3, generator=None):
    return _train(model, x_scaled, labels, steps, batch_size, lr, generator)
