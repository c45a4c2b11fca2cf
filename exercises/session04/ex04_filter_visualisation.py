"""Session 4, exercise 4: what the filters learned: draw them, and find what excites them.

Genomics context
----------------
The first convolution of a sequence CNN (DeepBind, Basset) slides ``n`` filters along
one-hot DNA. Filter ``f`` is a ``[4, k]`` matrix of weights, one row per base (A, C, G,
T) and one column per position of a ``k``-base window; its activation at window start
``s`` of a sequence ``x`` (one-hot, ``[4, L]``) is

    a[s] = bias[f] + sum over c in 0..3, j in 0..k-1 of  weight[f, c, j] * x[c, s + j]

which, for one-hot input, is the bias plus the weight of the base found at each
position of the window ``sequence[s : s + k]``. A filter is read like a position weight
matrix: a large positive weight in row G, column 2 means "a G at the third position
raises the score". Two ways to see what a trained filter detects: draw its ``[4, k]``
weights as a heat map with the bases on the y axis, and list the ``k``-mers of real
sequences that activate it most. When a motif (a TATA box, say) is what separates the
classes, a detector's filter lights up on it, and those top ``k``-mers contain it.

The model and its first convolution
-----------------------------------
``model`` is any ``nn.Module`` that contains an ``nn.Conv1d``. The filters are those
of its *first* ``nn.Conv1d`` in registration order, that is the first one that
``model.modules()`` yields::

    conv = next(m for m in model.modules() if isinstance(m, nn.Conv1d))

That is ``model.conv`` for the ``MotifCNN`` of exercise 2 and ``model.conv1`` for the
``SimpleCNN`` of exercise 1, but the graders also pass models where the first
convolution sits inside an ``nn.Sequential`` (``model.features[0]``) and is followed by a
second ``nn.Conv1d``: don't look for an attribute called ``conv`` (the course guide
does), and don't take the last convolution. The first convolution always has 4 input
channels, stride 1, no padding, no dilation and a bias; the model is on the CPU in
float32 and its parameters require gradients (read them with ``.detach()``). Neither
function changes the model.

Task 1: ``visualize_conv_filters(model, max_filters=32) -> matplotlib.figure.Figure``
----------------------------------------------------------------------------------------
Draw the first ``n = min(max_filters, number of filters)`` filters of the first
convolution (filters ``0 .. n-1``; ``max_filters`` is a positive int; the default 32
is the number of filters of ``MotifCNN``), one panel (Axes) per filter:

- The figure holds exactly ``n`` Axes, and ``fig.get_axes()[i]`` is the panel of filter
  ``i``. A grid is fine (e.g. 8 columns, ``plt.subplots(rows, cols, squeeze=False)``),
  but remove the cells you don't use (``ax.remove()``) and add no other Axes (no
  colour bar: it is an Axes too). The course guide always makes a 4 x 8 grid: with 6
  filters that leaves 26 empty Axes in the figure.
- Panel ``i`` draws filter ``i`` with one ``ax.imshow(w)``, where ``w`` is that filter's
  weight array of shape ``[4, k]`` as it is (``conv.weight[i].detach().numpy()``):
  row ``r`` is base ``"ACGT"[r]``, column ``j`` is position ``j`` of the window. Not
  transposed, not normalised or centred, not rescaled. Keep imshow's default extent
  (don't pass ``extent=``), so row ``r`` is drawn at ``y = r`` and column ``j`` at
  ``x = j``; ``origin`` may be either. Colour map, ``aspect``, ``vmin``/``vmax`` are
  yours (a diverging map such as ``"RdBu_r"`` with limits symmetric about 0 reads well).
- The y axis shows the bases: ticks at ``0, 1, 2, 3`` labelled ``A, C, G, T``
  (``ax.set_yticks(range(4), ["A", "C", "G", "T"])``).
- Panel ``i`` has the title ``f"Filter {i}"``, counting from 0 like the
  ``filter_index`` of task 2 (the guide's ``f"Filter {i+1}"`` is one off from it).
- The axes stay on: the guide's ``ax.axis("off")`` hides the base labels the panel is
  for. An x label (``"position"``) is welcome, not graded.
- Return the figure (``fig, axes = plt.subplots(...)``; ``layout="constrained"`` keeps
  titles apart); never call ``plt.show()``.

Task 2: ``top_activating_subsequences(model, sequences, filter_index, top_n=10) -> list``
----------------------------------------------------------------------------------------
``sequences`` is a non-empty list of strings of one length ``L >= k`` made of the
upper-case letters A, C, G, T. Compute, for every sequence ``i`` and every window start
``s = 0, 1, ..., L - k`` (all ``L - k + 1`` of them, the last included), the activation
of filter ``filter_index`` (0-based) of the first convolution, *with* its bias and
*without* ReLU or any other activation function: exactly ``conv(x)[i, filter_index, s]``
for the one-hot batch ``x`` (rows A, C, G, T, float32 ``[N, 4, L]``; the kit's
``coursekit.data.session04.one_hot(sequences)`` builds it). (A ReLU would turn every
negative score into a tie at 0, and the graders use filters whose every score is
negative.)

Return the ``min(top_n, N * (L - k + 1))`` windows with the highest activations, as a
list of tuples ``(subsequence, score, sequence_index, start)``:

- ``subsequence``: ``sequences[sequence_index][start : start + k]`` (a ``str`` of ``k``
  letters), where ``k`` is the convolution's kernel size;
- ``score``: the activation, a Python ``float`` (``.item()`` or ``float(...)``);
- ``sequence_index`` and ``start``: Python ints (``int(...)``), 0-based: the window is
  ``sequences[sequence_index][start : start + k]``;
- order: score descending (the highest first); windows with equal scores ordered by
  ``sequence_index``, then ``start``, ascending. (The same ``k``-mer always scores the
  same, so ties are common: with weights such as 0.5 and -1 many windows tie exactly.)
  ``torch.sort(scores, descending=True, stable=True)`` over the scores flattened
  in (sequence, start) order gives that order; so does Python's ``sorted`` with the key
  ``(-score, sequence_index, start)``.
- Every window counts on its own: one sequence may give several of the top windows.
- ``top_n`` is a positive int (default 10); when it exceeds the number of windows,
  return them all, in that order.

What the graders check
----------------------
The graders build their own models: a MotifCNN-like detector (``conv``, global max
pool, ``fc``) and a model whose first convolution is ``features[0]`` inside an
``nn.Sequential`` followed by a second convolution, with seeded random weights or
weights set by hand. Trusted activations are computed apart from your code with
``F.conv1d`` in float64 on ``coursekit.data.session04.one_hot`` and ranked by the key
``(-score, sequence_index, start)``. Data: ``coursekit.data.session04.random_sequences``
and ``planted_motif_dataset``, and sequences with a filter's best ``k``-mer written at a
sequence's start, at its end, and twice in one sequence. Scores are compared with
``rtol=1e-5, atol=1e-5`` (float32 against float64 differed by at most 8e-8 relative over
20 seeds x 6 filters x 1,000 windows).

- ``filter_figure``: for the detector with 12 filters of width 8 (default
  ``max_filters``) and the nested model's first convolution (6 filters of width 5, with
  ``max_filters=10``): a Figure whose panel ``i`` holds an image whose array equals filter
  ``i``'s ``[4, k]`` weights (``ax.images[0].get_array()``, ``atol=1e-6``) with imshow's
  default extent, y ticks ``0, 1, 2, 3`` labelled ``A, C, G, T``, and the model's
  weights unchanged by the call;
- ``figure_axes``: the number of Axes is ``min(max_filters, filters)``: 32 for a
  36-filter detector with the default ``max_filters``, 6 and 3 for the nested model with
  ``max_filters=10`` and ``3``, 5 for a bare ``nn.Sequential(nn.Conv1d(4, 5, 4))``;
  titles ``"Filter 0"``, ``"Filter 1"``, ... in panel order; every panel's axes on;
- ``top_subsequences``: on a detector with seeded random weights (6 filters of width 6;
  80 random sequences of 40 bases; filter 4 with the default ``top_n``, filter 0 with
  ``top_n=25``, filter 2 with ``top_n=1``) and on the nested model with a filter of width
  7 whose every score is negative (bias -20; its best ``k``-mer written at one
  sequence's start, at another's end and twice in a third; ``top_n=6``): a list of
  ``min(top_n, windows)`` 4-tuples of ``str``, ``float``, ``int``, ``int``; each
  subsequence is the window ``sequences[i][start:start + k]``; each score equals the
  trusted activation of that window; no window twice; and the scores are the trusted
  ``top_n`` highest ones (compared as sorted lists, with the tolerance);
- ``top_order``: on the random-weight detector (filter 3, ``top_n=15``) the trusted
  scores of your windows run from highest to lowest (within ``1e-5``); with hand-set
  weights in halves (exact arithmetic, many exact ties: 40 random sequences of 20
  bases with ``k = 4`` and ``top_n=25``, and the negative nested filter with
  ``top_n=12``) the whole list equals the trusted ranking, ties ordered by
  ``sequence_index`` then ``start``; with ``top_n=100``, more than the windows of 3
  sequences of 9 bases (``k = 4``: 18 windows), all 18 in that order;
- ``finds_planted_motif``: a detector whose filter 5 (of 8, width 8) is set by hand to
  the TATA box ``TATAAA`` at window positions 1-6 (weight 1 on the motif's base, 0
  elsewhere, bias -5: only a window with the whole motif there scores 1), on
  ``planted_motif_dataset(200, 50, "TATAAA", seed=7)`` with the default ``top_n``; and
  a filter 0 (of 4, width 10) set the same way to the E-box ``CACGTG`` at positions
  2-7, on ``planted_motif_dataset(120, 60, "CACGTG", seed=9)`` with ``top_n=30``: every
  top window holds the motif at those positions, comes from a sequence labelled 1, and
  starts where the motif was planted minus that offset. (Set by hand, so no threshold:
  the check holds for the reference on every one of 20 dataset seeds tried for each
  motif.)
"""
import torch  # noqa: F401  (the activations)
from torch import nn  # noqa: F401  (finding the first nn.Conv1d)
from matplotlib import pyplot as plt  # noqa: F401  (the figure of task 1)
from coursekit.data.session04 import one_hot  # noqa: F401  (one-hot [N, 4, L], rows A, C, G, T)


def visualize_conv_filters(model, max_filters: int = 32):
    """A Figure with one panel per filter (at most ``max_filters``) of the model's first Conv1d."""
    # TODO (task 1)
    raise NotImplementedError("visualize_conv_filters")


def top_activating_subsequences(model, sequences: list[str], filter_index: int, top_n: int = 10) -> list:
    """The ``top_n`` windows of highest activation: ``(subsequence, score, sequence_index, start)``."""
    # TODO (task 2)
    raise NotImplementedError("top_activating_subsequences")
