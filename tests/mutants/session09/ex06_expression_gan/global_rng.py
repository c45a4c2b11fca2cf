"""Mutant: generate_expression ignores its generator and draws z from torch's global generator."""
import torch

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, minibatch_std, plot_gene_means,
    scale_to_unit, train_expression_gan, unscale)

CAUGHT_BY = {"generate_expression"}


def generate_expression(G, n, low, high, generator=None):
    """n generated cells [n, genes] in log-expression: unscale(G(z)), z ~ N(0, 1) [n, latent_dim]."""
    first = G.net[0]
    z = torch.randn(n, first.in_features, device=first.weight.device)
    with torch.no_grad():
        return unscale(G(z), low, high)
