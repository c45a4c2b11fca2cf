"""Mutant: the notebook habit: plot_gene_means draws everything, then calls plt.show() and
returns nothing."""
from matplotlib import pyplot as plt

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, generate_expression, minibatch_std,
    scale_to_unit, train_expression_gan, unscale)

CAUGHT_BY = {"plot_gene_means"}


def plot_gene_means(real, fake):
    real_means, fake_means = real.mean(dim=0), fake.mean(dim=0)
    plt.figure()
    plt.scatter(real_means.tolist(), fake_means.tolist())
    lo = min(real_means.min().item(), fake_means.min().item())
    hi = max(real_means.max().item(), fake_means.max().item())
    plt.plot([lo, hi], [lo, hi], "k--")
    plt.xlabel("real mean")
    plt.ylabel("generated mean")
    plt.show()
