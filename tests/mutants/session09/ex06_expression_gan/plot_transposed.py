"""Mutant: the scatter has its axes swapped (generated means on x, real means on y) while the
labels still say x = real, y = generated."""
from matplotlib import pyplot as plt

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, generate_expression, minibatch_std,
    scale_to_unit, train_expression_gan, unscale)

CAUGHT_BY = {"plot_gene_means"}


def plot_gene_means(real, fake):
    real_means, fake_means = real.mean(dim=0), fake.mean(dim=0)
    fig, ax = plt.subplots()
    ax.scatter(fake_means.tolist(), real_means.tolist())
    lo = min(real_means.min().item(), fake_means.min().item())
    hi = max(real_means.max().item(), fake_means.max().item())
    ax.plot([lo, hi], [lo, hi], "k--")
    ax.set_xlabel("real mean")
    ax.set_ylabel("generated mean")
    return fig
