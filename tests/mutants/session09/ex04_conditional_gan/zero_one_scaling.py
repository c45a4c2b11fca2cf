"""Mutant: min-max scaling to [0, 1] (scikit-learn's MinMaxScaler default) instead of [-1, 1]: half
of the Tanh's range is wasted and the data's minimum sits at the generator's midpoint."""
from reference.session09.ex04_conditional_gan import ConditionalGAN, train_cgan  # noqa: F401

CAUGHT_BY = {"generates_requested_class"}


def scale_to_unit(x, low, high):
    return (x - low) / (high - low)


def unscale(x_scaled, low, high):
    return x_scaled * (high - low) + low
