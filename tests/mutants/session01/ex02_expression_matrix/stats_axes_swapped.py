"""Mutant: gene and sample statistics taken along the wrong dimension (genes along dim=0)."""
from reference.session01.ex02_expression_matrix import normalize_expression, top_variable_genes  # noqa: F401

CAUGHT_BY = {"statistics"}


def expression_statistics(expr_matrix):
    return {"gene_mean": expr_matrix.mean(dim=0), "gene_std": expr_matrix.std(dim=0),
            "gene_var": expr_matrix.var(dim=0), "sample_mean": expr_matrix.mean(dim=1),
            "sample_std": expr_matrix.std(dim=1)}
