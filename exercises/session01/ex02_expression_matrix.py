"""Session 1, exercise 2: an expression matrix, normalised per gene and summarised.

Genomics context
----------------
An RNA-seq or microarray experiment gives one number per gene per sample: how much of
that gene's RNA the sample held (usually on a log scale, so values can be negative).
The numbers sit in a matrix with one **row per gene** and one **column per sample**:
a float32 tensor of shape ``[G, S]``. Genes differ wildly in their baseline level and
in how much they vary, so before clustering samples or feeding a network, each gene
is put on a common scale, *per gene*: every row is normalised on its own, using only
that row's values. Summaries go both ways: a gene's mean and spread across the samples
(one number per row), and a sample's mean and spread across the genes (one number per
column). Genes whose expression varies most between samples ("highly variable genes")
carry most of the signal, and are what many analyses keep.

The matrices (every task)
-------------------------
``expr_matrix`` is a float32 tensor of shape ``[G, S]`` with ``G >= 2`` genes (rows)
and ``S >= 2`` samples (columns); its values are any finite numbers, negative ones
included. (With a single sample the spread of a gene is undefined: the graders never
pass one.) "Per gene" means along ``dim=1``, across the samples of one row; "per
sample" means along ``dim=0``, across the genes of one column.

- **Standard deviation and variance are the unbiased (Bessel-corrected) ones**,
  dividing by ``n - 1``: for ``n`` values ``x_1 .. x_n`` with mean ``m``,
  ``var = sum((x_i - m) ** 2) / (n - 1)`` and ``std = sqrt(var)``. This is torch's
  default (``tensor.std(dim=1)``, ``tensor.var(dim=1)``, i.e. ``correction=1``); it is
  *not* numpy's default (``np.std(a, axis=1)`` divides by ``n``: pass ``ddof=1``).
  ``tensor.std`` / ``tensor.var`` are fine; if you write the formula yourself, compute
  it from the centred values as written: the shortcut ``mean(x ** 2) - mean(x) ** 2``
  loses precision in float32.
- **A constant gene** is a row whose values are all equal (its max equals its min).
  Its spread is 0, so both normalisations below would divide 0 by 0: instead its
  whole row of the result is 0. Test for it with ``max == min`` per row (exact, where
  a computed mean or numpy's std of equal float32 values can be off in the last bit)
  and choose the output with ``torch.where``. The guide's ``(x - mean) / (std + 1e-8)``
  is *not* enough: the float32 mean of seven copies of 0.1 is not exactly 0.1, and that
  tiny difference divided by ``1e-8`` gives about -0.75 instead of 0. Nor is replacing
  NaN afterwards (``torch.nan_to_num``): that difference divided by 0 is an infinity.
- **Inputs stay as they are**: no function here changes ``expr_matrix`` (no in-place
  operation such as ``-=``, ``sub_``, ``div_`` or assigning into it); results are new
  tensors.
- Results are float32 (a computation done in numpy or in float64 is converted back).

Task 1: ``normalize_expression(expr_matrix, method='zscore') -> Tensor [G, S]``, z-scores
------------------------------------------------------------------------------------------
With ``method='zscore'`` (the default), each gene becomes its z-scores:
``(x - row mean) / row std``, with the unbiased std above. Every non-constant row of the
result then has mean 0 and (unbiased) std 1. A constant gene gives a row of zeros. The
result is a new float32 tensor of the same shape as ``expr_matrix``.

Task 2: ``method='minmax'``, and unknown methods
------------------------------------------------
With ``method='minmax'``, each gene is rescaled to ``[0, 1]``:
``(x - row min) / (row max - row min)``, with the min and max of *that gene's row*
(not of the whole matrix). Every non-constant row of the result has min 0 and max 1;
a constant gene gives a row of zeros. The method names are exactly ``'zscore'`` and
``'minmax'`` (lower case); any other value (``'z-score'``, ``'ZScore'``,
``'quantile'``, ``''``, ...) raises ``ValueError`` whose message contains the method
given, e.g. ``ValueError(f"unknown normalisation method {method!r}")``. Never fall
back to a default silently.

Task 3: ``expression_statistics(expr_matrix) -> dict[str, Tensor]``
-------------------------------------------------------------------
A dict with exactly these five keys, each a float32 tensor:

- ``"gene_mean"``: shape ``[G]``, the mean of each gene across the samples;
- ``"gene_std"``: shape ``[G]``, the unbiased std of each gene across the samples;
- ``"gene_var"``: shape ``[G]``, the unbiased variance of each gene (``gene_std ** 2``);
- ``"sample_mean"``: shape ``[S]``, the mean of each sample across the genes;
- ``"sample_std"``: shape ``[S]``, the unbiased std of each sample across the genes.

Task 4: ``top_variable_genes(expr_matrix, k=10) -> Tensor [k]``
---------------------------------------------------------------
The row indices of the ``k`` genes with the largest (unbiased) variance, the most
variable gene first: an int64 tensor of shape ``[k]`` (``torch.argsort(...,
descending=True)`` or ``torch.topk`` give int64 indices). ``1 <= k <= G``. Genes with
equal variance may come in either order among themselves; the indices are distinct.
(Ranking by the std gives the same genes in the same order.) On the kit's
``expression_matrix()`` the 10 most variable genes all lie in the first 100 rows, the
block of genes raised in half of the samples.

Data
----
The kit's ``coursekit.data.session01.expression_matrix(num_genes, num_samples, seed)``
(standard normal values, the first ``num_genes // 10`` genes raised by 2 in the first
half of the samples): the default ``(1000, 50, seed=42)`` and smaller ``(40, 9)`` and
``(60, 12)`` matrices with seeds 0 to 2; and generated small matrices (hypothesis): 2
to 8 genes, 2 to 12 samples, values that are multiples of 0.1 from -10 to 10, with and
without constant rows (constant rows of values such as 0.1 and -3.7 among them).

What the graders check
----------------------
Normalised values and statistics are compared with numpy in float64 (``np.mean``,
``np.std`` and ``np.var`` with ``ddof=1``, ``np.argsort``) on the float32 input: the
normalisations with ``rtol=1e-4, atol=1e-4``, the statistics with ``rtol=1e-4,
atol=1e-5``. (Over 20,000 generated matrices and the kit's matrices for 12 seeds, a
float32 torch solution needed at most ``atol=3.2e-6`` for the normalisations and
``3e-7`` for the statistics at ``rtol=1e-4``.)

- ``zscore``: ``normalize_expression(x)`` (the default method, ``method`` not given) and
  ``normalize_expression(x, method='zscore')`` equal ``(x - mean) / std`` per row
  (``ddof=1``), as float32 tensors of shape ``[G, S]``, on the kit's matrices and on
  generated matrices without constant rows;
- ``minmax``: ``normalize_expression(x, method='minmax')`` equals ``(x - min) / (max -
  min)`` per row, float32 ``[G, S]``, on the same matrices;
- ``constant_genes``: on generated matrices with constant rows, on a matrix with
  constant rows of 0.1, -3.7 and 0 (7 samples) and on one with a constant row of 0.3
  (3 samples): for both methods every value is finite, every constant row is 0
  (``atol=1e-6``) and every other row equals the trusted normalisation;
- ``input_untouched``: after ``normalize_expression`` with each method,
  ``expression_statistics`` and ``top_variable_genes``, the input tensor is bit-for-bit
  what it was (kit and generated matrices, constant rows included), and
  ``normalize_expression`` returns a new tensor (not the input object);
- ``unknown_method``: ``normalize_expression(x, method=m)`` for ``m`` in ``'z-score'``,
  ``'ZScore'``, ``'quantile'``, ``'log2'``, ``'min-max'`` and ``''`` raises
  ``ValueError`` whose message contains ``m``;
- ``statistics``: ``expression_statistics(x)`` has exactly the five keys, each float32
  of shape ``[G]`` or ``[S]``, equal to numpy's ``mean`` / ``std(ddof=1)`` /
  ``var(ddof=1)`` along ``axis=1`` (genes) and ``axis=0`` (samples), on the kit's and
  generated matrices (constant rows included);
- ``top_variable``: ``top_variable_genes(x)`` (``k`` not given: 10 indices) and
  ``top_variable_genes(x, k)`` for several ``k`` from 1 to ``G`` return int64 tensors of
  shape ``[k]`` with distinct indices whose variances (numpy, ``ddof=1``) equal, in
  order, the ``k`` largest variances sorted from the largest (``rtol=1e-5,
  atol=1e-6``: genes with equal variance may come in any order), on the kit's and
  generated matrices. (In the kit's ``expression_matrix(1000, 50, seed)`` for seeds 0
  to 11, the 11 largest variances lie at least 7.7e-5 apart, relative to the largest:
  far above float32 rounding.)
"""
import torch


def normalize_expression(expr_matrix: torch.Tensor, method: str = "zscore") -> torch.Tensor:
    """Normalise each gene (row): ``'zscore'`` or ``'minmax'``; constant genes give 0."""
    # TODO (tasks 1 and 2)
    raise NotImplementedError("normalize_expression")


def expression_statistics(expr_matrix: torch.Tensor) -> dict[str, torch.Tensor]:
    """Per-gene mean, std, variance and per-sample mean, std (unbiased), as a dict of tensors."""
    # TODO (task 3)
    raise NotImplementedError("expression_statistics")


def top_variable_genes(expr_matrix: torch.Tensor, k: int = 10) -> torch.Tensor:
    """Row indices (int64 ``[k]``) of the ``k`` most variable genes, most variable first."""
    # TODO (task 4)
    raise NotImplementedError("top_variable_genes")
