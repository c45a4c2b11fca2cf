"""Mutant: the guide's variable names as keys (gene_means, gene_stds, ...), no variance."""
from reference.session01.ex02_expression_matrix import normalize_expression, top_variable_genes  # noqa: F401

CAUGHT_BY = {"statistics"}


def expression_statistics(expr_matrix):
    return {"gene_means": expr_matrix.mean(dim=1), "gene_stds": expr_matrix.std(dim=1),
            "sample_means": expr_matrix.mean(dim=0), "sample_stds": expr_matrix.std(dim=0)}
