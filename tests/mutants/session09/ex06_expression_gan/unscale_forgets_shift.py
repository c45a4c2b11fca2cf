"""Mutant: unscale leaves out the gene's low: generated cells start at 0, not at each gene's minimum."""
import torch

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, minibatch_std, plot_gene_means,
    scale_to_unit, train_expression_gan)

CAUGHT_BY = {"generate_expression", "scaling_round_trip"}


def _span(low, high):
    span = high - low
    return torch.where(span > 0, span, torch.ones_like(span))


def unscale(x_scaled, low, high):
    """The inverse of scale_to_unit: low + (x_scaled + 1) / 2 * span."""
    return (x_scaled + 1) / 2 * _span(low, high)


def generate_expression(G, n, low, high, generator=None):
    """n generated cells [n, genes] in log-expression: unscale(G(z)), z ~ N(0, 1) [n, latent_dim]."""
    first = G.net[0]
    z = torch.randn(n, first.in_features, generator=generator, device=first.weight.device)
    with torch.no_grad():
        return unscale(G(z), low, high)
