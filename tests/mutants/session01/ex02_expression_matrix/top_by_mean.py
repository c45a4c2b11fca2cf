"""Mutant: genes ranked by their mean expression instead of their variance."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, normalize_expression  # noqa: F401

CAUGHT_BY = {"top_variable"}


def top_variable_genes(expr_matrix, k=10):
    return torch.argsort(expr_matrix.mean(dim=1), descending=True)[:k]
