"""Mutant: variances taken per sample (dim=0): indices of samples, not of genes."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, normalize_expression  # noqa: F401

CAUGHT_BY = {"top_variable"}


def top_variable_genes(expr_matrix, k=10):
    return torch.topk(expr_matrix.var(dim=0), min(k, expr_matrix.shape[1])).indices
