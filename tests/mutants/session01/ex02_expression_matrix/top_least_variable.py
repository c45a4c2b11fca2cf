"""Mutant: argsort without descending=True: the k least variable genes."""
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, normalize_expression  # noqa: F401

CAUGHT_BY = {"top_variable"}


def top_variable_genes(expr_matrix, k=10):
    return torch.argsort(expr_matrix.var(dim=1))[:k]
