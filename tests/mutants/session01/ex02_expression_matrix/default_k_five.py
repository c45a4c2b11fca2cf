"""Mutant: k defaults to 5 instead of 10."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, normalize_expression  # noqa: F401

CAUGHT_BY = {"top_variable"}


def top_variable_genes(expr_matrix, k=5):
    return torch.argsort(expr_matrix.var(dim=1), descending=True)[:k]
