"""Mutant: one minimum and maximum over all genes (x.min(), x.max()) instead of each gene's own:
lowly expressed genes are squeezed near -1 and no gene but the widest spans [-1, 1]."""
from reference.session09.ex04_conditional_gan import ConditionalGAN, train_cgan  # noqa: F401

CAUGHT_BY = {"generates_requested_class"}


def scale_to_unit(x, low, high):
    return 2 * (x - low.min()) / (high.max() - low.min()) - 1


def unscale(x_scaled, low, high):
    return (x_scaled + 1) / 2 * (high.max() - low.min()) + low.min()
