"""Mutant: no scaling: scale_to_unit leaves the log-expression as it is (0 to about 7), which a
Tanh generator cannot reach; unscale is then the identity too."""
from reference.session09.ex04_conditional_gan import ConditionalGAN, train_cgan  # noqa: F401

CAUGHT_BY = {"generates_requested_class"}


def scale_to_unit(x, low, high):
    return x.clone()


def unscale(x_scaled, low, high):
    return x_scaled.clone()
