"""Session 4, exercise 6: DeepBind, reading both strands of the DNA.

Genomics context
----------------
DeepBind (Alipanahi et al., Nature Biotechnology 2015) learned the binding preferences
of hundreds of transcription factors from ChIP-seq and protein-binding-microarray data
with a small CNN: convolution filters as motif detectors, pooling, and a few dense
layers. DNA is double stranded: a factor binds its site whichever strand carries the
motif, but a sequence file spells out one strand only. A site on the other strand
shows up in the file as the motif's *reverse complement* (``GAATTCAC`` on one strand
is ``GTGAATTC`` read on the other, 5' to 3'). DeepBind therefore scores a sequence
and its reverse complement and keeps the larger score; that score no longer depends
on which strand the file happens to spell out.

One-hot encoding, as in the rest of the session: a sequence of ``L`` bases is a
float32 matrix ``[4, L]`` with rows A, C, G, T; a batch is ``[N, 4, L]``.

Task 1: ``DeepBindModel(seq_len=101, n_motifs=16, motif_len=24)``
------------------------------------------------------------------
An ``nn.Module`` (the course guide's challenge) for sequences of exactly ``seq_len``
bases. Its layers with parameters, all registered (attributes or an
``nn.Sequential``; the names below are the guide's, the graders find the layers by type
and size):

- ``conv = nn.Conv1d(4, n_motifs, motif_len)``: stride 1, no padding, with a bias;
- ``fc1 = nn.Linear(flat_size, 32)`` and ``fc2 = nn.Linear(32, 1)``, both with a bias;

and, without parameters, ``pool = nn.MaxPool1d(kernel_size=3, stride=3)`` and
``dropout = nn.Dropout(0.5)``. ``forward(x)`` takes float32 ``[N, 4, seq_len]``
(any ``N >= 1``) and returns float32 probabilities ``[N]`` (also ``[1]`` for one
sequence):

1. ``conv``, then ReLU: ``[N, n_motifs, conv_len]`` with
   ``conv_len = seq_len - motif_len + 1``;
2. ``pool``: windows of 3 positions, stepping by 3, a partial window at the end
   dropped: ``[N, n_motifs, pool_len]`` with ``pool_len = conv_len // 3`` (the guide
   writes it ``(conv_len - 3) // 3 + 1``, the same number);
3. flatten to ``[N, flat_size]``, ``flat_size = n_motifs * pool_len``, with
   ``x.view(x.size(0), -1)`` (or ``x.flatten(1)``): motif 0's positions first, then
   motif 1's, and so on (don't transpose before flattening);
4. ``fc1``, ReLU, then ``dropout``;
5. ``fc2`` and ``torch.sigmoid``: ``[N, 1]`` probabilities (for ``nn.BCELoss``);
6. ``.squeeze(-1)`` to ``[N]``. The guide's bare ``.squeeze()`` turns the output for a
   single sequence into a 0-d tensor: squeeze only the last dimension.

Compute ``flat_size`` in ``__init__`` from the three arguments (not a number worked
out for the defaults, and not ``nn.LazyLinear``); the graders build models with
``seq_len - motif_len + 1 >= 3``. Call ``conv``, ``fc1`` and ``fc2`` as modules in
``forward`` (the graders find them by type and size, and watch what goes into and
out of the two Linear layers); the attribute names are up to you. Dropout is active
in ``train()`` mode only: in ``eval()`` mode the output is deterministic
(``nn.Dropout`` does that for you; if you use ``F.dropout``, pass
``training=self.training``).
Parameters: ``4 * n_motifs * motif_len + n_motifs`` (conv) ``+ 32 * flat_size + 32``
(fc1) ``+ 33`` (fc2). ``DeepBindModel()``: ``conv_len`` 78, ``pool_len`` 26,
``flat_size`` 416, and 1,552 + 13,344 + 33 = 14,929 parameters.

Task 2: ``reverse_complement_one_hot(x) -> Tensor``
----------------------------------------------------
The reverse complement of one-hot DNA, as a tensor operation. ``x`` is ``[4, L]`` (one
sequence) or ``[N, 4, L]`` (a batch); the last two dimensions are always the bases
(rows A, C, G, T) and the positions. The result has the same shape and dtype:

- *complement*: A pairs with T and C with G, so with rows in the order A, C, G, T the
  complement reverses the order of the rows (row 0 <-> row 3, row 1 <-> row 2);
- *reverse*: the last position becomes the first.

So ``out[..., b, j] == x[..., 3 - b, L - 1 - j]`` for every base row ``b`` and position
``j``: the result for the encoding of ``"AACG"`` is the encoding of ``"CGTT"``. It only
rearranges entries and must work for any values, not just 0 and 1 (an all-zero
column, an ``N``, stays all-zero; a matrix of base probabilities gets the reverse
complement's probabilities); a batch is never flipped along its batch dimension.
``torch.flip`` over the right dimensions does it in one call. Don't change ``x``
itself. Applied twice it gives back ``x``.

Task 3: ``score_both_strands(model, x) -> Tensor``
---------------------------------------------------
``model`` is any ``nn.Module`` that maps ``[N, 4, L]`` to scores ``[N]`` (a
``DeepBindModel``, or any other); ``x`` is ``[N, 4, L]``. Return, per sequence, the
larger of the score of the sequence and the score of its reverse complement:
``torch.maximum(model(x), model(reverse_complement_one_hot(x)))``, float32 ``[N]``.
The maximum, not the mean: a site counts when it is on either strand. (For
probabilities, the maximum of two sigmoids is the sigmoid of the larger logit: don't
apply another sigmoid.) The result is the same for ``x`` and for its reverse
complement, whatever the model's weights.
Leave the model as it is: don't switch it to ``eval()`` or ``train()`` (the caller
chooses), and don't wrap the calls in ``torch.no_grad()`` (gradients flow through the
maximum, so the function can also be used in training; callers who only score wrap
the call themselves).

What the graders check
----------------------
- ``architecture``: for ``DeepBindModel(seq_len=101, n_motifs=16, motif_len=24)``,
  ``(50, 8, 10)`` and ``(60, 4, 12)``: exactly one registered ``nn.Conv1d``,
  ``(4, n_motifs, motif_len)`` with stride 1, no padding and a bias, and the
  ``nn.Linear(flat_size, 32)`` and ``nn.Linear(32, 1)``; in eval mode the output for
  8 one-hot sequences, and for 1, has shape ``[8]`` (``[1]``), float32, values in
  (0, 1), equal (rtol 1e-4, atol 1e-5) to
  ``sigmoid(fc2(relu(fc1(flatten(max_pool1d(relu(conv(x)), 3, 3))))))`` computed from
  your own layers' weights;
- ``param_count``: 14,929 for ``DeepBindModel()`` built with no arguments (the
  defaults 101, 16, 24), and the count of the formula above for
  ``(50, 8, 10)``, ``(60, 4, 12)`` (positional), ``(101, 32, 15)``, ``(30, 2, 26)`` and
  ``(200, 16, 24)``;
- ``reverse_complement``: on batches of generated sequences of A, C, G, T and N
  (lengths 1 to 30, 1 to 4 sequences; and single ``[4, L]`` sequences), equal to the
  one-hot encoding of the reverse complement computed on the strings (N stays N);
  on random real-valued ``[3, 4, 17]`` and ``[4, 9]`` tensors, equal to
  ``x[..., 3 - b, L - 1 - j]`` entry by entry, same shape and dtype, ``x`` left
  unchanged, and applying it twice gives ``x`` back (all exact);
- ``both_strands`` (with models of the graders' own, so it does not depend on your
  ``DeepBindModel``): a small convolutional model on one-hot batches of 30 bp (with N
  columns), on a single sequence and on a batch of base probabilities, and two
  DeepBind-shaped models (with dropout) on 60 and 101 bp, in eval mode with random
  weights: the result has shape ``[N]`` and equals ``torch.maximum(model(x),
  model(rc(x)))``, ``rc`` a trusted reverse complement (rtol 1e-6, atol 1e-7),
  and scoring the reverse complement of the batch gives the same scores (atol 1e-6);
  with a model in train mode and one in eval mode, every call of the model inside your
  function runs in that mode with gradients enabled, the mode is the same after the
  call, and in train mode the result carries gradients back to the model's first
  layer;
- ``eval_mode``: ``DeepBindModel()`` in eval mode gives the same output twice (under
  different random seeds); in train mode two passes differ, and the input of the
  ``nn.Linear(32, 1)`` is, value by value, 0 or 2 = 1 / (1 - 0.5) times
  ``relu(fc1(...))`` (dropout after fc1's ReLU, p = 0.5), with between 35% and 65%
  of the positive values zeroed;
- ``auc``: ``DeepBindModel()`` (defaults), trained by the graders' own loop: Adam at
  lr 0.005, ``nn.BCELoss`` on your model's output, 6 epochs of mini-batches of 32 in
  a seeded order, train mode (dropout on), on 1,000 sequences of 101 bp from
  ``coursekit.data.session04.planted_motif_dataset`` with the CTCF consensus
  ``TGGCCACCAGGGGGCGCTA`` (JASPAR MA0139.1) planted in half of them. Then, in eval mode
  under ``torch.no_grad()``, your ``score_both_strands`` scores 200 held-out
  sequences, a seeded half of them reverse-complemented (so half the positives carry
  the motif on the other strand); the ROC AUC (``sklearn.metrics.roc_auc_score``) must
  be at least 0.95. (The reference over 40 seeds of data and initialisation: worst
  0.981, median 1.000; scoring one strand only, ``model(x)``, gives 0.94 to 1.00 on
  the same models.) Your model's output must lie in [0, 1] for the loss;
- ``follows_device``: every tensor of ``DeepBindModel()`` and of
  ``DeepBindModel(40, 4, 6)`` follows ``.to(device)`` (the ``meta`` device);
- ``cuda_parity`` (only where a GPU exists): the model, and ``score_both_strands``
  around it, give the same numbers on CPU and CUDA (full float32).
"""
import torch
from torch import nn


class DeepBindModel(nn.Module):
    """conv -> ReLU -> max-pool(3, 3) -> flatten -> fc1 -> ReLU -> dropout -> fc2 -> sigmoid."""

    def __init__(self, seq_len: int = 101, n_motifs: int = 16, motif_len: int = 24):
        super().__init__()
        # TODO (task 1): conv, pool, fc1 (flat_size computed here), dropout, fc2
        raise NotImplementedError("DeepBindModel.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1): probabilities of shape [N]
        raise NotImplementedError("DeepBindModel.forward")


def reverse_complement_one_hot(x: torch.Tensor) -> torch.Tensor:
    """Reverse complement of one-hot DNA ``[4, L]`` or ``[N, 4, L]`` (rows A, C, G, T)."""
    # TODO (task 2)
    raise NotImplementedError("reverse_complement_one_hot")


def score_both_strands(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Per sequence, the larger of model(x) and model(reverse complement of x): ``[N]``."""
    # TODO (task 3)
    raise NotImplementedError("score_both_strands")
