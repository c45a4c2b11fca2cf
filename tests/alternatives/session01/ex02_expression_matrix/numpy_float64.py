"""Correct alternative: numpy in float64 (ddof=1, np.ptp for constant rows), converted back
to float32 tensors; the top genes from a stable argsort of the negated variances."""
import numpy as np
import torch


def _as_array(expr_matrix):
    return expr_matrix.detach().cpu().numpy().astype(np.float64)


def normalize_expression(expr_matrix, method="zscore"):
    values = _as_array(expr_matrix)
    if method == "zscore":
        shift, scale = values.mean(axis=1, keepdims=True), values.std(axis=1, ddof=1, keepdims=True)
    elif method == "minmax":
        shift, scale = values.min(axis=1, keepdims=True), np.ptp(values, axis=1, keepdims=True)
    else:
        raise ValueError("normalize_expression: no method called %r" % (method,))
    level = np.ptp(values, axis=1) == 0
    scale[level] = 1.0
    out = (values - shift) / scale
    out[level] = 0.0
    return torch.from_numpy(out.astype(np.float32))


def expression_statistics(expr_matrix):
    values = _as_array(expr_matrix)
    stats = {}
    for prefix, axis in (("gene", 1), ("sample", 0)):
        stats[prefix + "_mean"] = values.mean(axis=axis)
        stats[prefix + "_std"] = values.std(axis=axis, ddof=1)
        if prefix == "gene":
            stats["gene_var"] = values.var(axis=1, ddof=1)
    return {key: torch.tensor(value, dtype=torch.float32) for key, value in stats.items()}


def top_variable_genes(expr_matrix, k=10):
    spread = _as_array(expr_matrix).var(axis=1, ddof=1)
    return torch.from_numpy(np.argsort(-spread, kind="stable")[:k].astype(np.int64))
