"""Graders: session 1, exercise 5 (center_expression, calculate_pairwise_distances)."""
import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from coursekit import checks as ck
from coursekit.data.session01 import binding_sites, expression_matrix, random_dna

GUIDE_KMERS = ["ATCGAT", "ATCGAA", "GGGGGG", "ATCGAT"]
UNIT_COLUMNS = {"A": (1.0, 0.0, 0.0, 0.0), "C": (0.0, 1.0, 0.0, 0.0),
                "G": (0.0, 0.0, 1.0, 0.0), "T": (0.0, 0.0, 0.0, 1.0)}
ZERO_COLUMN = (0.0, 0.0, 0.0, 0.0)
CENTRE_HINT = ("subtract from every entry the mean of its own row (gene): a mean over dim=1 kept "
               "as a [genes, 1] column (keepdim=True) broadcasts over the samples")
COUNT_HINT = ("count the positions whose columns differ, each position once; summing |a - b| or "
              "a != b over the 4 rows counts a mismatch (A vs C) twice")
UNKNOWN_HINT = ("an all-zero column (N or padding) is a column like any other: it differs from a "
                "base column (counts 1) and equals another all-zero column (counts 0)")


# --- trusted computations (written independently of any solution) -------------------------

def encode(strings, length=None):
    """[B, 4, length] float32, rows A, C, G, T; N (and padding at the end) as zero columns."""
    width = max(len(s) for s in strings) if length is None else length
    batch = []
    for text in strings:
        cols = [UNIT_COLUMNS.get(letter, ZERO_COLUMN) for letter in text.ljust(width, "N")]
        batch.append([[c[row] for c in cols] for row in range(4)])
    return torch.tensor(batch, dtype=torch.float32).reshape(len(strings), 4, width)


def naive_distances(strings, length=None):
    """Pair by pair, position by position, on the letters (padding read as N)."""
    width = max(len(s) for s in strings) if length is None else length
    padded = [s.ljust(width, "N") for s in strings]
    table = torch.zeros(len(padded), len(padded), dtype=torch.float64)
    for row, first in enumerate(padded):
        for col, second in enumerate(padded):
            table[row, col] = sum(1 for x, y in zip(first, second) if x != y)
    return table


def equal_length_batches(alphabet, max_count=8, max_length=30):
    letters = st.sampled_from(alphabet)
    return st.integers(1, max_length).flatmap(
        lambda n: st.lists(st.text(letters, min_size=n, max_size=n), min_size=1, max_size=max_count))


def expect_distances(sol, strings, what, hint, length=None):
    tensor = encode(strings, length)
    found = sol.calculate_pairwise_distances(tensor)
    count = len(strings)
    ck.expect_tensor(found, what, (count, count), dtype=None,
                     hint="one row and one column per sequence: shape [N, N]")
    ck.expect_close(found, naive_distances(strings, length), what, hint, rtol=0, atol=0)
    return found


def batch_call(strings):
    return f"calculate_pairwise_distances(encoding of {strings!r})"


# --- checks ---------------------------------------------------------------------------------

def test_centering(sol):
    def check(matrix, what):
        untouched = matrix.clone()
        found = sol.center_expression(matrix)
        ck.expect(torch.equal(matrix, untouched), f"{what} to leave its input unchanged",
                  "the input matrix was changed",
                  "return a new tensor (x - means); x -= means or x.sub_() overwrite the caller's data")
        ck.expect_tensor(found, what, tuple(matrix.shape), dtype=matrix.dtype,
                         hint="the same shape and dtype as the input: [genes, samples]")
        as_array = matrix.numpy().astype(np.float64)
        centred = as_array - np.mean(as_array, axis=1)[:, np.newaxis]
        ck.expect_close(found, torch.from_numpy(centred), what, CENTRE_HINT, rtol=1e-5, atol=1e-4)

    check(expression_matrix(30, 30, seed=7), "center_expression(expression_matrix(30, 30, seed=7))")
    check(expression_matrix(), "center_expression(expression_matrix())")
    check(expression_matrix(12, 5, seed=3).double(),
          "center_expression(expression_matrix(12, 5, seed=3).double())")
    shapes = hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12)
    values = st.floats(-100, 100, width=32)
    ck.for_all(hnp.arrays(np.float32, shapes, elements=values),
               lambda array: check(torch.tensor(array), f"center_expression(torch.tensor({array!r}))"))


def test_distances(sol):
    found = expect_distances(sol, GUIDE_KMERS, batch_call(GUIDE_KMERS), COUNT_HINT)
    ck.expect_tensor(found, batch_call(GUIDE_KMERS), dtype=torch.float32,
                     hint="return the counts as float32 (.float() or .to(torch.float32))")
    for strings, name in ((random_dna(24, 60, seed=11), "random_dna(24, 60, seed=11)"),
                          (binding_sites("TGACTCAT", n=30, mutation_rate=0.2, seed=3),
                           'binding_sites("TGACTCAT", n=30, mutation_rate=0.2, seed=3)')):
        found = expect_distances(sol, strings, f"calculate_pairwise_distances(encoding of {name})",
                                 COUNT_HINT)
        ck.expect_tensor(found, name, dtype=torch.float32, hint="return float32 distances")
    ck.for_all(equal_length_batches("ACGT"),
               lambda strings: expect_distances(sol, strings, batch_call(strings), COUNT_HINT))


def test_distance_properties(sol):
    def check(strings):
        length = len(strings[0])
        what = batch_call(strings)
        found = sol.calculate_pairwise_distances(encode(strings))
        ck.expect_tensor(found, what, (len(strings), len(strings)), dtype=None)
        d = found.detach().to(torch.float64)
        ck.expect(torch.equal(d, d.T), f"{what} symmetric (d[i, j] == d[j, i])",
                  "an asymmetric matrix", "the distance from i to j is the distance from j to i")
        ck.expect(bool((d.diagonal() == 0).all()), f"{what} with zeros on the diagonal",
                  f"diagonal {d.diagonal().tolist()}", "a sequence differs from itself at no position")
        fractions = d[d != d.round()]
        ck.expect(len(fractions) == 0, f"{what} holding whole numbers (counts of positions)",
                  f"{fractions[:1].tolist()} among the entries", UNKNOWN_HINT)
        ck.expect(bool(((d >= 0) & (d <= length)).all()),
                  f"{what} between 0 and the length {length}",
                  f"values from {d.min().item():g} to {d.max().item():g}", COUNT_HINT)
        # d[i, k] <= d[i, j] + d[j, k] for every i, j, k (indexed [i, j, k] below)
        excess = d[:, None, :] - (d[:, :, None] + d[None, :, :])
        if bool((excess > 0).any()):
            i, j, k = (excess > 0).nonzero()[0].tolist()
            ck.expect(False, f"{what} to obey the triangle inequality d[i, k] <= d[i, j] + d[j, k]",
                      f"d[{i}, {k}] = {d[i, k].item():g} > d[{i}, {j}] + d[{j}, {k}] = "
                      f"{d[i, j].item():g} + {d[j, k].item():g}",
                      "an N is not a wildcard that matches every base: " + UNKNOWN_HINT)

    check(GUIDE_KMERS)
    check(["A", "N", "C"])
    check(["ACGTN", "ANGTA", "NNGTT", "ACCTN"])
    check(random_dna(16, 25, seed=5, alphabet="ACGTN"))
    ck.for_all(equal_length_batches("ACGTNN"), check)


def test_unknown_positions(sol):
    pairs = [("A", "N"), ("N", "N"), ("N", "A"), ("ACGTN", "ACGTA"), ("NNNN", "ACGT"),
             ("ANNA", "ANNA"), ("ANNC", "ATNG")]
    for pair in pairs:
        expect_distances(sol, list(pair), batch_call(list(pair)), UNKNOWN_HINT)
    ragged = ["ACG", "ACGTT", "ACGNN", "TTTTTTT", "A"]
    expect_distances(sol, ragged, f"calculate_pairwise_distances(batch of {ragged!r} padded at the end "
                     "with zero columns to length 7)", UNKNOWN_HINT)
    ck.for_all(equal_length_batches("ACGTNNN"),
               lambda strings: expect_distances(sol, strings, batch_call(strings), UNKNOWN_HINT))


def test_no_loop_over_pairs(sol):
    few, many = random_dna(4, 20, seed=1), random_dna(150, 20, seed=2)
    small, large = encode(few), encode(many)
    ck.expect_no_python_loop(lambda: sol.calculate_pairwise_distances(small),
                             lambda: sol.calculate_pairwise_distances(large),
                             "calculate_pairwise_distances", over="pairs of sequences",
                             growth=len(many) ** 2 - len(few) ** 2,
                             hint="no Python loop over the sequences or the pairs: compare a "
                                  "[N, 1, 4, L] view with a [1, N, 4, L] view and let broadcasting "
                                  "build every pair at once")
    expect_distances(sol, many, "calculate_pairwise_distances of 150 sequences (random_dna(150, 20, seed=2))",
                     COUNT_HINT)
