"""Mutant: the scatter of per-gene means with default axis labels ("Real", "Generated") and no
y = x line to judge it against."""
from matplotlib import pyplot as plt

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, generate_expression, minibatch_std,
    scale_to_unit, train_expression_gan, unscale)

CAUGHT_BY = {"plot_gene_means"}


def plot_gene_means(real, fake):
    fig, ax = plt.subplots()
    ax.scatter(real.mean(dim=0).tolist(), fake.mean(dim=0).tolist())
    ax.set_xlabel("Real")
    ax.set_ylabel("Generated")
    return fig
