"""Mutant: normalised in numpy (float64) and handed back without converting to float32."""
import numpy as np
import torch

from reference.session01.ex02_expression_matrix import expression_statistics, top_variable_genes  # noqa: F401

CAUGHT_BY = {"zscore", "minmax"}


def normalize_expression(expr_matrix, method="zscore"):
    values = expr_matrix.numpy().astype(np.float64)
    if method == "zscore":
        centre, scale = values.mean(axis=1, keepdims=True), values.std(axis=1, ddof=1, keepdims=True)
    elif method == "minmax":
        centre, scale = values.min(axis=1, keepdims=True), np.ptp(values, axis=1, keepdims=True)
    else:
        raise ValueError(f"unknown method {method!r}")
    flat = np.ptp(values, axis=1, keepdims=True) == 0
    return torch.from_numpy(np.where(flat, 0.0, (values - centre) / np.where(flat, 1.0, scale)))
