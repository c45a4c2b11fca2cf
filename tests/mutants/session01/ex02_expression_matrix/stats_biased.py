"""Mutant: the statistics use the biased std and variance (dividing by n), numpy's default."""
import numpy as np
import torch

from reference.session01.ex02_expression_matrix import normalize_expression, top_variable_genes  # noqa: F401

CAUGHT_BY = {"statistics"}


def expression_statistics(expr_matrix):
    values = expr_matrix.numpy()
    return {"gene_mean": torch.from_numpy(np.mean(values, axis=1)),
            "gene_std": torch.from_numpy(np.std(values, axis=1)),
            "gene_var": torch.from_numpy(np.var(values, axis=1)),
            "sample_mean": torch.from_numpy(np.mean(values, axis=0)),
            "sample_std": torch.from_numpy(np.std(values, axis=0))}
