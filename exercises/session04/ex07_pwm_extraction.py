"""Session 4, exercise 7: from a convolutional filter to a PWM and a sequence logo.

Genomics context
----------------
The first layer of a DNA CNN is a bank of motif detectors: each filter of
``nn.Conv1d(4, F, K)`` scores every window of ``K`` bases, much as a position weight
matrix does (session 1, exercise 4). To read what a filter has learned, DeepBind and
Basset (Kelley et al., 2016) turn it back into a motif: scan many sequences with the
filter, keep every window whose activation reaches a fraction of the filter's largest
activation (Basset used half of it), align those windows, and count the
bases at each position. The counts, normalised, give a *probability matrix*; its
*information content* says, in bits, how much each position tells about the site; and
a *sequence logo* (Schneider and Stephens, 1990) draws both at once: at each position a
stack of letters as tall as the position's information content, each letter's share
of the stack being its probability. The package ``logomaker`` (installed with the kit)
draws such logos with matplotlib.

The same counting turns any set of aligned binding sites into a motif. The kit ships
real ones: ``coursekit.data.session04.load_crp_sites()`` returns the 358 aligned
26-bp binding sites of the E. coli cAMP receptor protein (CRP) that come with
logomaker, and your probability matrix of them must equal logomaker's own.

Conventions (every task follows them)
-------------------------------------
- A probability matrix is a float32 tensor of shape ``[4, L]``: one row per base in the
  order A, C, G, T and one column per motif position.
- Letters are read in upper case (``"a"`` is ``"A"``). Any other letter (``N``, ``-``,
  ``R``, ...) is not a base: it gives an all-zero one-hot column and counts for nothing.
- Logarithms are base 2: information is measured in bits.

Task 1: ``activating_subsequences(conv, sequences, filter_index, threshold_fraction=0.5) -> list[str]``
----------------------------------------------------------------------------------------------------------
``conv`` is an ``nn.Conv1d(4, F, K)`` on the CPU in float32, with stride 1, no padding and
no dilation, with or without a bias (for a trained model, pass its first layer, e.g.
``model.conv``). ``sequences`` is a non-empty list of ``N`` strings, all of the same length
``L >= K``. ``filter_index`` (``0 <= filter_index < F``) picks one filter.

1. One-hot the sequences into a float32 ``[N, 4, L]`` batch as the conventions say
   (``coursekit.data.session04.one_hot`` does exactly that; you may use it).
2. The activation of window ``j`` of sequence ``n`` (``j = 0 .. L - K``) is
   ``conv(batch)[n, filter_index, j]``: the sum over rows ``r`` and offsets ``k`` of
   ``conv.weight[filter_index, r, k] * batch[n, r, j + k]``, plus the filter's bias when
   there is one; no ReLU. That window is the string ``sequences[n][j:j + K]`` (conv1d
   computes a cross-correlation: the kernel is not flipped).
3. Let ``M`` be the largest activation over all sequences and windows. If ``M <= 0`` the
   filter never fires on these sequences: return ``[]``.
4. Otherwise return every window whose activation is ``>= threshold_fraction * M`` (a
   window exactly at the threshold is kept), as the string ``sequences[n][j:j + K]``
   (letters as given, case unchanged), ordered by ``n`` and then by ``j``. Keep every
   such window, not only the best one of each sequence, and compare with the fraction
   of ``M``, not with ``threshold_fraction`` itself. ``threshold_fraction`` lies in
   ``[0, 1]``: ``1.0`` keeps only the window(s) scoring ``M``, ``0.0`` every window whose
   activation is ``>= 0``.

No gradient is needed: compute under ``torch.no_grad()``.

Task 2: ``probability_matrix(sites, pseudocount=0.0) -> Tensor [4, L]``
-------------------------------------------------------------------------
``sites`` is a list of aligned sites, all of the same length ``L >= 1``; an empty list,
or sites of different lengths, raises ``ValueError``. Let ``n[b, i]`` be the number of
sites whose letter at position ``i`` is base ``b`` (read in upper case) and
``N_i = n[A, i] + n[C, i] + n[G, i] + n[T, i]``, the number of sites with a base there
(an ``N`` at position ``i`` counts for no base and is not in ``N_i``). Then::

    p[b, i] = (n[b, i] + pseudocount) / (N_i + 4 * pseudocount)

so every column sums to 1. A column without any base (every site has ``N`` there) is
uniform, ``0.25`` for each base: that is what the formula gives for any positive
pseudocount, and what it must give for ``pseudocount=0`` too (not ``0 / 0``).
Float32, shape ``[4, L]``. Example: for ``["ACGT", "ACGA", "TCGN", "acNN"]``::

    tensor([[0.75, 0.00, 0.00, 0.50],    # A
            [0.00, 1.00, 0.00, 0.00],    # C
            [0.00, 0.00, 1.00, 0.00],    # G
            [0.25, 0.00, 0.00, 0.50]])   # T

(column 2 has three G and one N: ``3 / 3``; column 3 one T, one A and two N). With
``pseudocount=1.0`` column 3 becomes ``[2/6, 1/6, 1/6, 2/6]``.

On sites of A, C, G and T only, this is logomaker's
``logomaker.alignment_to_matrix(sites, to_type="probability", pseudocount=pseudocount)``
transposed to ``[4, L]`` (logomaker's table has one row per position and the columns A, C,
G, T). Careful: logomaker's own default pseudocount is 1.0; the default here is 0.0.

Task 3: ``information_content(pwm, background=None) -> Tensor [L]``
---------------------------------------------------------------------
``pwm`` is a ``[4, L]`` probability matrix (float32; columns sum to 1), ``background``
a float tensor ``[4]`` of the background probabilities of A, C, G, T (positive, summing
to 1), or ``None`` for the uniform background ``0.25`` each. The information content of
position ``i`` is the relative entropy of its column to the background, in bits::

    IC[i] = sum over b of p[b, i] * log2(p[b, i] / q[b])

with ``0 * log2(0) = 0``: a base never seen at a position adds 0 (not NaN). For the
uniform background this is ``IC[i] = 2 - H[i]`` with ``H[i] = -sum_b p[b, i] * log2(p[b, i])``,
the column's entropy in bits: 2 bits for a column with a single base, 0 for a uniform
column, 1 for ``[0.5, 0.5, 0, 0]``. No small-sample correction. Float32, shape ``[L]``.
This is what ``logomaker.transform_matrix(df, from_type="probability",
to_type="information", background=...)`` gives, summed over each position's row.

Task 4: ``draw_logo(pwm) -> matplotlib.figure.Figure``
--------------------------------------------------------
Draw the information logo of ``pwm`` (``[4, L]``, uniform background) with logomaker:

- the height of base ``b`` at position ``i`` is ``pwm[b, i] * IC[i]`` (``IC`` of task 3), so
  the stack at position ``i`` is ``IC[i]`` bits tall and its letters share it by
  probability (the probabilities themselves would make every stack 1 tall);
- put the heights in a ``pandas.DataFrame`` with one row per position, its default index
  ``0 .. L - 1`` (the x position of each stack), and the columns ``"A"``, ``"C"``, ``"G"``,
  ``"T"``: ``pd.DataFrame(heights.T.numpy(), columns=list("ACGT"))``;
- ``fig, ax = plt.subplots()`` (any size), then ``logomaker.Logo(df, ax=ax)``: the figure
  has exactly one Axes, the logo's;
- ``ax.set_ylabel(...)`` with a label containing ``"bits"`` (e.g. ``"Information (bits)"``);
- return ``fig`` (don't call ``plt.show()``).

The graders read the letters logomaker draws (one glyph patch per letter, recognised
by its outline) and their positions and heights. So keep logomaker's default
``font_name``, ``width``, ``vpad`` and ``vsep``, and draw no other letters on the Axes;
colours (``color_scheme``), the stack order, an x label and a title are up to you.

What the graders check
----------------------
Probabilities are compared with a trusted count (``collections.Counter`` per column,
float64) within ``atol=1e-6``; information contents with a trusted loop (``math.log2``,
float64) and with logomaker within ``rtol=1e-4, atol=1e-5``; logo heights within
``rtol=1e-3, atol=1e-4``; window lists exactly.

- ``probability_matrix``: the example of task 2, with the pseudocount not given and
  with ``pseudocount=1.0``; a column of ``N`` only (uniform 0.25); generated lists of 1 to
  12 sites of 1 to 10 letters from ``ACGTacgtN-``, with the pseudocount not given or
  0.0, 0.5, 1.0 or 3.0: float32, shape ``[4, L]``, columns summing to 1 (within
  ``1e-6``) and every entry equal to the trusted one; ``ValueError`` for ``[]`` and for
  sites of different lengths;
- ``crp_matches_logomaker``: on the 358 CRP sites, ``probability_matrix(sites)`` (the
  pseudocount not given) equals ``logomaker.alignment_to_matrix(sites,
  to_type="probability", pseudocount=0)`` transposed, and ``pseudocount=1.0`` and
  ``0.25`` equal logomaker with the same pseudocount; ``information_content`` of
  logomaker's CRP probability matrix (background not given, and the AT-rich background
  ``[0.3, 0.2, 0.2, 0.3]``) equals logomaker's information matrix summed over each row;
- ``information_content``: the 5-column matrix of ``logo_figure`` below (2, 2, 0, 1 and
  about 0.154 bits, background not given) and generated matrices of 1 to 8 columns made
  from counts of 0 to 5 per base (so with zeros and fully conserved columns), with the
  background not given, or given as a float tensor: uniform ``torch.tensor([0.25] * 4)``,
  AT-rich ``[0.3, 0.2, 0.2, 0.3]`` or GC-rich ``[0.15, 0.35, 0.35, 0.15]``: float32,
  shape ``[L]``, finite (no NaN), equal to the trusted loop;
- ``logo_figure``: ``draw_logo`` of a 5-column matrix (one column all A, one all T, one
  uniform, ``[0.5, 0.5, 0, 0]`` and ``[0.1, 0.2, 0.3, 0.4]``) and of the CRP probability
  matrix: a Figure with one Axes on which the A, C, G and T glyphs stand at the
  positions ``0 .. L - 1`` with, per position and base, the height ``p * IC`` of the
  trusted computation (letters of zero height may be left out, as logomaker does); the
  y-axis label contains "bits";
- ``planted_motif_recovered``: ``activating_subsequences`` equals a trusted scan (a loop
  over the windows in float64) for filters whose weights and biases are multiples of
  1/4 (so activations are exact and some windows sit exactly at the threshold), on 30
  sequences of 24 letters with lower case and ``N``: ``threshold_fraction`` not given,
  0.25, 0.75, 1.0 and 0.0, filters with and without a bias, and two filters that never
  fire (``[]``): one whose every activation is negative, with ``threshold_fraction=1.0``,
  and one of zeros (every activation 0), with the fraction not given. Then, for seeds 0,
  1 and 2, ``planted_motif_dataset(200, 50, "TGACTCA", seed)`` scanned with a filter
  set by hand to the motif (weight +1 where the motif has the base, -1 elsewhere, plus
  seeded noise of standard deviation 0.5 in steps of 1/16; bias 0) with
  ``threshold_fraction`` not given: your windows equal the trusted ones, and the
  probability matrix your ``probability_matrix`` makes of them
  has the consensus (the base of largest probability at each position) ``TGACTCA`` and
  a Pearson correlation of at least 0.95 with the motif's one-hot matrix (over 40 seeds
  of data and noise a correct solution gives 0.983 to 1.000).
"""
import logomaker  # noqa: F401  (logomaker.Logo draws the logo of task 4)
import pandas as pd  # noqa: F401  (the DataFrame logomaker.Logo reads)
import torch
from matplotlib import pyplot as plt  # noqa: F401  (for the figure of task 4)
from torch import nn


def activating_subsequences(conv: nn.Conv1d, sequences: list[str], filter_index: int,
                            threshold_fraction: float = 0.5) -> list[str]:
    """The windows whose activation reaches ``threshold_fraction`` of the filter's largest one."""
    # TODO (task 1)
    raise NotImplementedError("activating_subsequences")


def probability_matrix(sites: list[str], pseudocount: float = 0.0) -> torch.Tensor:
    """Base probabilities of aligned sites: float32 ``[4, L]``, rows A, C, G, T."""
    # TODO (task 2)
    raise NotImplementedError("probability_matrix")


def information_content(pwm: torch.Tensor, background: torch.Tensor | None = None) -> torch.Tensor:
    """Information content of each position in bits (relative entropy to the background): ``[L]``."""
    # TODO (task 3)
    raise NotImplementedError("information_content")


def draw_logo(pwm: torch.Tensor):
    """A Figure with the information logo of ``pwm`` drawn by ``logomaker.Logo``."""
    # TODO (task 4)
    raise NotImplementedError("draw_logo")
