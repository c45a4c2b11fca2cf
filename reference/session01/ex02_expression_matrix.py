"""Reference solution: session 1, exercise 2 (normalising and summarising an expression matrix)."""
import torch


def normalize_expression(expr_matrix: torch.Tensor, method: str = "zscore") -> torch.Tensor:
    if method == "zscore":
        centre = expr_matrix.mean(dim=1, keepdim=True)
        spread = expr_matrix.std(dim=1, keepdim=True)
    elif method == "minmax":
        centre = expr_matrix.amin(dim=1, keepdim=True)
        spread = expr_matrix.amax(dim=1, keepdim=True) - centre
    else:
        raise ValueError(f"unknown normalisation method {method!r}: use 'zscore' or 'minmax'")
    constant = expr_matrix.amax(dim=1, keepdim=True) == expr_matrix.amin(dim=1, keepdim=True)
    divisor = torch.where(constant, torch.ones_like(spread), spread)
    return torch.where(constant, torch.zeros_like(expr_matrix), (expr_matrix - centre) / divisor)


def expression_statistics(expr_matrix: torch.Tensor) -> dict[str, torch.Tensor]:
    return {
        "gene_mean": expr_matrix.mean(dim=1),
        "gene_std": expr_matrix.std(dim=1),
        "gene_var": expr_matrix.var(dim=1),
        "sample_mean": expr_matrix.mean(dim=0),
        "sample_std": expr_matrix.std(dim=0),
    }


def top_variable_genes(expr_matrix: torch.Tensor, k: int = 10) -> torch.Tensor:
    return torch.argsort(expr_matrix.var(dim=1), descending=True)[:k]
