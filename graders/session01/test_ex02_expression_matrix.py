"""Graders: session 1, exercise 2 (normalize_expression, expression_statistics, top_variable_genes)."""
import numpy as np
import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session01 import expression_matrix

NORM_TOL = {"rtol": 1e-4, "atol": 1e-4}
STAT_TOL = {"rtol": 1e-4, "atol": 1e-5}
UNBIASED = "the unbiased std divides by n - 1 (torch's default, numpy's ddof=1)"
FLAT_HINT = ("a constant gene (max == min in its row) gives a row of zeros: pick it with torch.where; "
             "dividing by std + 1e-8, or replacing NaN afterwards, is not enough (the float32 mean "
             "of equal values can be off in the last bit)")


def kit_matrices():
    """The kit's default matrix and smaller ones from other seeds."""
    yield "expression_matrix()", expression_matrix()
    for genes, samples in ((40, 9), (60, 12)):
        for seed in range(3):
            shown = f"expression_matrix({genes}, {samples}, seed={seed})"
            yield shown, expression_matrix(genes, samples, seed)


def _to_matrix(case, with_flat):
    """Tenths from -10 to 10; rows flagged flat repeat their first value, other rows
    are made to hold two different values."""
    (n_genes, n_samples), tenths, flags = case
    grid = np.array(tenths, dtype=np.int64).reshape(n_genes, n_samples)
    for g in range(n_genes):
        if with_flat and flags[g]:
            grid[g, :] = grid[g, 0]
        elif (grid[g] == grid[g, 0]).all():
            grid[g, 0] += 1 if grid[g, 0] < 100 else -1
    return torch.from_numpy((grid / 10).astype(np.float32))


def generated(with_flat):
    shapes = st.tuples(st.integers(2, 8), st.integers(2, 12))
    cases = shapes.flatmap(lambda gs: st.tuples(
        st.just(gs), st.lists(st.integers(-100, 100), min_size=gs[0] * gs[1], max_size=gs[0] * gs[1]),
        st.lists(st.booleans(), min_size=gs[0], max_size=gs[0])))
    return cases.map(lambda case: _to_matrix(case, with_flat))


def listed(x):
    """A small matrix as nested lists, its float32 values shown as the decimals they stand for."""
    return f"x={[[round(v, 6) for v in row] for row in x.tolist()]}"


def flat_rows(x):
    """Boolean per gene: every value of the row equal."""
    values = x.numpy()
    return np.ptp(values, axis=1) == 0


def trusted_normalised(x, method):
    """numpy, float64, row by row; flat rows stay 0."""
    values = x.numpy().astype(np.float64)
    out = np.zeros_like(values)
    for g, row in enumerate(values):
        if np.ptp(row) == 0:
            continue
        if method == "minmax":
            out[g] = (row - np.min(row)) / np.ptp(row)
        else:
            out[g] = (row - np.mean(row)) / np.std(row, ddof=1)
    return torch.from_numpy(out)


def expect_normalised(sol, x, what, method, call_with_default=False):
    found = sol.normalize_expression(x) if call_with_default else sol.normalize_expression(x, method=method)
    shown = f"normalize_expression({what})" if call_with_default else \
        f"normalize_expression({what}, method={method!r})"
    ck.expect_tensor(found, shown, tuple(x.shape))
    hint = {"zscore": "(x - mean) / std of each gene (along dim=1); " + UNBIASED,
            "minmax": "(x - min) / (max - min), with the min and max of each gene's own row (dim=1)"}[method]
    if call_with_default:
        hint = "the default method is 'zscore'; " + hint
    ck.expect_close(found, trusted_normalised(x, method), shown, hint, **NORM_TOL)
    return found


def test_zscore(sol):
    for what, x in kit_matrices():
        expect_normalised(sol, x, what, "zscore")
        expect_normalised(sol, x, what, "zscore", call_with_default=True)

    def check(x):
        expect_normalised(sol, x, listed(x), "zscore")
        expect_normalised(sol, x, listed(x), "zscore", call_with_default=True)

    ck.for_all(generated(with_flat=False), check, max_examples=40)


def test_minmax(sol):
    for what, x in kit_matrices():
        expect_normalised(sol, x, what, "minmax")
    ck.for_all(generated(with_flat=False),
               lambda x: expect_normalised(sol, x, listed(x), "minmax"), max_examples=40)


def test_constant_genes(sol):
    def check(x):
        flat = torch.from_numpy(flat_rows(x))
        for method in ("zscore", "minmax"):
            shown = f"normalize_expression({listed(x)}, method={method!r})"
            found = sol.normalize_expression(x, method=method)
            ck.expect_tensor(found, shown, tuple(x.shape))
            ck.expect(bool(torch.isfinite(found).all()), f"{shown} to hold finite values only",
                      f"{int((~torch.isfinite(found)).sum())} NaN or inf values", FLAT_HINT)
            ck.expect_close(found[flat], torch.zeros(int(flat.sum()), x.shape[1]),
                            f"the constant rows {flat.nonzero().flatten().tolist()} of {shown}",
                            FLAT_HINT, rtol=0, atol=1e-6)
            ck.expect_close(found, trusted_normalised(x, method), shown,
                            "constant rows 0, every other row normalised as usual", **NORM_TOL)

    check(torch.tensor([[0.1] * 7, [1.0, 2.0, 3.5, -1.0, 0.0, 2.0, 4.0], [-3.7] * 7, [0.0] * 7]))
    check(torch.tensor([[0.3, 0.3, 0.3], [0.2, -0.4, 1.1]]))
    ck.for_all(generated(with_flat=True), check, max_examples=40)


def test_input_untouched(sol):
    calls = (("normalize_expression(x)", lambda x: sol.normalize_expression(x)),
             ("normalize_expression(x, method='minmax')",
              lambda x: sol.normalize_expression(x, method="minmax")),
             ("expression_statistics(x)", lambda x: sol.expression_statistics(x)),
             ("top_variable_genes(x, k=2)", lambda x: sol.top_variable_genes(x, k=2)))

    def check(x, what):
        for shown, call in calls:
            kept = x.clone()
            result = call(x)
            ck.expect(torch.equal(x, kept), f"{shown} to leave x ({what}) as it was",
                      "x changed by the call",
                      "don't change the input: no -=, /=, sub_, div_ or x[...] = ... on it; compute "
                      "a new tensor")
            if shown.startswith("normalize"):
                ck.expect(result is not x, f"{shown} to return a new tensor", "x itself",
                          "return the result of tensor operations, not the input")

    for what, x in kit_matrices():
        check(x, what)
    check(torch.tensor([[0.1] * 5, [2.0, -1.0, 0.5, 0.5, 3.0], [-3.7] * 5]), "with constant rows")
    ck.for_all(generated(with_flat=True), lambda x: check(x, listed(x)), max_examples=20)


def test_unknown_method(sol):
    x = expression_matrix(20, 6, seed=1)
    for method in ("z-score", "ZScore", "quantile", "log2", "min-max", ""):
        shown = f"normalize_expression(x, method={method!r})"
        error = ck.expect_raises(lambda: sol.normalize_expression(x, method=method), ValueError, shown,
                                 "only 'zscore' and 'minmax' (exactly, lower case) are methods; "
                                 "raise ValueError for anything else, never fall back silently")
        ck.expect(method in str(error), f"the ValueError of {shown} to name the method {method!r}",
                  f"the message {str(error)!r}",
                  "e.g. raise ValueError(f\"unknown normalisation method {method!r}\")")


def expect_statistics(sol, x, what):
    shown = f"expression_statistics({what})"
    found = sol.expression_statistics(x)
    ck.expect(isinstance(found, dict), f"{shown} to be a dict", type(found).__name__, "return a dict")
    wanted_keys = {"gene_mean", "gene_std", "gene_var", "sample_mean", "sample_std"}
    ck.expect(set(found) == wanted_keys, f"{shown} with the keys {sorted(wanted_keys)}",
              f"the keys {sorted(map(str, found))}", "spell the keys as the spec does")
    values = x.numpy().astype(np.float64)
    trusted = {"gene_mean": np.mean(values, axis=1), "gene_std": np.std(values, axis=1, ddof=1),
               "gene_var": np.var(values, axis=1, ddof=1), "sample_mean": np.mean(values, axis=0),
               "sample_std": np.std(values, axis=0, ddof=1)}
    for key, want in trusted.items():
        axis = "gene: one value per row, along dim=1" if key.startswith("gene") else \
            "sample: one value per column, along dim=0"
        ck.expect_tensor(found[key], f'{shown}["{key}"]', want.shape, hint=f"per {axis}")
        ck.expect_close(found[key], want, f'{shown}["{key}"]', f"per {axis}; {UNBIASED}", **STAT_TOL)


def test_statistics(sol):
    for what, x in kit_matrices():
        expect_statistics(sol, x, what)
    ck.for_all(generated(with_flat=True), lambda x: expect_statistics(sol, x, listed(x)),
               max_examples=40)


def expect_top(sol, x, what, k=None):
    shown = f"top_variable_genes({what})" if k is None else f"top_variable_genes({what}, k={k})"
    found = sol.top_variable_genes(x) if k is None else sol.top_variable_genes(x, k)
    size = 10 if k is None else k
    ck.expect_tensor(found, shown, (size,), dtype=torch.int64,
                     hint=("k defaults to 10; " if k is None else "") + "return the int64 row indices "
                     "(torch.argsort or the .indices of torch.topk), not the variances")
    picked = found.tolist()
    ck.expect(len(set(picked)) == size and all(0 <= i < x.shape[0] for i in picked),
              f"{shown} to hold {size} distinct row indices from 0 to {x.shape[0] - 1}", str(picked),
              "rank the genes (rows), each gene once")
    spread = np.var(x.numpy().astype(np.float64), axis=1, ddof=1)
    best_first = spread[np.argsort(-spread, kind="stable")][:size]
    ck.expect_close(spread[picked], best_first, f"the variances of the genes {shown} picks ({picked})",
                    "the genes with the largest variance across samples (dim=1), the largest first",
                    rtol=1e-5, atol=1e-6)


def test_top_variable(sol):
    for what, x in kit_matrices():
        expect_top(sol, x, what)
        for k in (1, 3, x.shape[0]):
            expect_top(sol, x, what, k)

    def check(case):
        x, fraction = case
        expect_top(sol, x, listed(x), max(1, round(fraction * x.shape[0])))

    ck.for_all(st.tuples(generated(with_flat=True), st.floats(0, 1)), check, max_examples=40)
