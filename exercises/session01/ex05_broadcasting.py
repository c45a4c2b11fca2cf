"""Session 1, exercise 5: broadcasting: centring an expression matrix, pairwise distances.

Genomics context
----------------
Genomics data comes in batches: thousands of genes measured in dozens of samples,
hundreds of reads or binding sites compared with each other. Broadcasting lets one
tensor expression do the work of a loop: when two tensors meet in an arithmetic or
comparison operation, their shapes are lined up from the right, and a dimension of
size 1 is stretched (without copying) to match the other. So a ``[genes, 1]`` column
of per-gene values combines with a ``[genes, samples]`` matrix entry by entry, and a
``[N, 1, ...]`` view of a batch compared with a ``[1, N, ...]`` view of the same batch
gives all ``N * N`` pairs at once.

Two everyday uses: centring each gene's expression on its mean (the first step of a PCA
of samples, or of a gene-gene correlation), and the matrix of pairwise Hamming distances
between aligned sequences (clustering reads, checking how far binding sites stray from
a consensus).

Task 1: ``center_expression(expr_matrix) -> Tensor [genes, samples]``
----------------------------------------------------------------------
``expr_matrix`` is a 2-D float tensor, one row per gene and one column per sample
(at least one of each). Return a new tensor of the same shape and dtype in which every
entry has had the mean of *its own row* (its gene's mean over the samples) subtracted,
so every row of the result has mean 0 (up to rounding). Use broadcasting: the row means
as a ``[genes, 1]`` column (``keepdim=True``); a mean of shape ``[genes]`` would line up
with the *columns* instead, and fail, or silently subtract the wrong numbers when the
matrix is square. The input must be left unchanged: build the result with ``x - means``,
not with ``x -= means`` or ``x.sub_(...)``, which overwrite the caller's matrix.
Example: ``[[1., 2., 3.], [10., 20., 30.]]`` -> ``[[-1., 0., 1.], [-10., 0., 10.]]``.

Task 2: ``calculate_pairwise_distances(sequences_tensor) -> Tensor [N, N]``
---------------------------------------------------------------------------
``sequences_tensor`` is a float32 batch of ``N >= 1`` one-hot encoded sequences of the
same length ``L >= 1``, shape ``[N, 4, L]``, rows A, C, G, T (as ``one_hot_encode_batch``
of exercise 1 makes it): each column is either a single 1 (a base) or all zeros (an
unknown base ``N``, or padding added at the end of a shorter sequence). Return the
float32 ``[N, N]`` matrix whose entry ``[i, j]`` is the Hamming distance between
sequences ``i`` and ``j``: **the number of positions at which their columns differ**.

- Each differing position counts **once**. Summing ``a != b`` (or ``|a - b|``) over the
  one-hot entries, as the session guide does, counts a mismatch such as A vs C twice
  (two of the four entries differ): that is not the distance asked for here.
- Unknown positions follow the same rule, read as a fifth letter: an all-zero column
  differs from a base column (``N`` vs ``A`` counts 1) and equals another all-zero
  column (``N`` vs ``N`` counts 0). An ``N`` is not a wildcard that matches every base.
  Halving the entry-wise sum gets A vs C right but gives 0.5 for ``N`` vs ``A``.
- So the result is symmetric, has zeros on the diagonal, holds whole numbers between 0
  and ``L``, and obeys the triangle inequality ``d[i, k] <= d[i, j] + d[j, k]``.
- The dtype is float32 whatever way you count (a sum of booleans is int64: convert it).
- No Python loop over the sequences or over the pairs: the number of Python lines your
  function runs must not grow with ``N``. Compare a ``[N, 1, 4, L]`` view with a
  ``[1, N, 4, L]`` view (``unsqueeze`` or ``[:, None]``), or use a matrix product (then
  take care of the ``N`` vs ``N`` positions yourself). A loop over the 4 rows or over the
  positions is not checked, but you will not need one.

Example, the guide's k-mers ``["ATCGAT", "ATCGAA", "GGGGGG", "ATCGAT"]``::

    tensor([[0., 1., 5., 0.],
            [1., 0., 5., 1.],
            [5., 5., 0., 5.],
            [0., 1., 5., 0.]])

(the guide's version gives twice these numbers). ``"ACGTN"`` vs ``"ACGTA"`` is 1,
``"ANNC"`` vs ``"ATNG"`` is 2, and ``"ACG"`` padded to ``"ACG"`` + two zero columns vs
``"ACGNN"`` is 0.

What the graders check
----------------------
Batches are built from strings by a trusted encoder (rows A, C, G, T; ``N`` and end
padding as zero columns); the trusted distances are a double loop over the pairs that
counts, position by position, the letters that differ (padding read as ``N``). Data:
the kit's ``expression_matrix``, ``random_dna`` and ``binding_sites`` generators
(``coursekit.data.session01``), with the seeds named below, and generated inputs
(hypothesis, the same draws on every run).

- ``centering``: ``center_expression`` on ``expression_matrix(30, 30, seed=7)``,
  ``expression_matrix()`` (1000 genes x 50 samples), ``expression_matrix(12, 5,
  seed=3).double()`` and generated float32 matrices of 1 to 12 rows and 1 to 12
  columns with values in [-100, 100]: the input is unchanged after the call; the
  result has the input's shape and dtype and equals numpy's
  ``x - x.mean(axis=1, keepdims=True)`` in float64 within ``rtol=1e-5, atol=1e-4``
  (correct float32 solutions stay within 2e-5 of it on such data);
- ``distances``: on the guide's k-mers above, ``random_dna(24, 60, seed=11)``,
  ``binding_sites("TGACTCAT", n=30, mutation_rate=0.2, seed=3)`` and generated batches
  of 1 to 8 sequences of length 1 to 30 over A, C, G, T: a float32 ``[N, N]`` tensor
  equal to the trusted distances exactly;
- ``distance_properties``: on the guide's k-mers, ``["A", "N", "C"]``,
  ``["ACGTN", "ANGTA", "NNGTT", "ACCTN"]``, ``random_dna(16, 25, seed=5,
  alphabet="ACGTN")`` and generated batches over A, C, G, T, N: shape ``[N, N]``,
  symmetric and zero on the diagonal exactly, whole numbers between 0 and ``L``, and
  the triangle inequality for every triple;
- ``unknown_positions``: the pairs ``("A", "N")``, ``("N", "N")``, ``("N", "A")``,
  ``("ACGTN", "ACGTA")``, ``("NNNN", "ACGT")``, ``("ANNA", "ANNA")``, ``("ANNC",
  "ATNG")``, the batch ``["ACG", "ACGTT", "ACGNN", "TTTTTTT", "A"]`` padded at the end
  with zero columns to length 7, and generated batches rich in N: equal to the
  trusted distances exactly;
- ``no_loop_over_pairs``: on 150 sequences (``random_dna(150, 20, seed=2)``) your
  function runs at most 50 more Python lines (of your module) than on 4
  (``random_dna(4, 20, seed=1)``), and its result on the 150 equals the trusted
  distances.
"""
import torch


def center_expression(expr_matrix: torch.Tensor) -> torch.Tensor:
    """Subtract each gene's (row's) mean from its row, by broadcasting; the input stays unchanged."""
    # TODO (task 1)
    raise NotImplementedError("center_expression")


def calculate_pairwise_distances(sequences_tensor: torch.Tensor) -> torch.Tensor:
    """Float32 ``[N, N]`` Hamming distances of a one-hot ``[N, 4, L]`` batch, each differing position once."""
    # TODO (task 2)
    raise NotImplementedError("calculate_pairwise_distances")
