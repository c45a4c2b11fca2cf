"""Session 5, exercise 2: an LSTM over variable-length DNA that reads each sequence's
last *valid* step.

Genomics context
----------------
Promoters, enhancers and reads come in every length. To batch them, the shorter ones
are padded after their end (here with all-zero rows) up to the longest of the batch.
A recurrent classifier must then read each sequence at *its own* end: the LSTM output
at the last padded position has run on through the padding and depends on how much
padding the batch happened to need. The course guide's ``BiLSTM`` does exactly that
(``lstm_out[:, -1, :]``); it still trains and its loss still falls, which is why this
mistake goes unnoticed. Here the model classifies from the last valid step.

The kit's data: ``coursekit.data.session05.motif_length_dataset(n, min_length,
max_length, seed=...)`` gives DNA strings of random lengths, half of them (label 1.0)
holding the motif ``TATA`` once, the rest (0.0) never; ``pad_one_hot(sequences)`` turns
them into a padded batch-first one-hot batch (A, C, G, T columns; zero rows after each
end) and its int64 lengths.

Task: ``LSTMClassifier(input_size=4, hidden_size=32)``
------------------------------------------------------
An ``nn.Module`` with exactly two layers (the attribute names are yours; the graders find
them by type):

- one ``nn.LSTM(input_size, hidden_size, batch_first=True)``: one layer, one direction,
  the other options at their defaults (``batch_first=False`` with your own transposes
  is fine too: only the behaviour is graded);
- one ``nn.Linear(hidden_size, 1)``, the head.

The default model has 4,897 parameters: an LSTM layer holds
``4 * (input_size * hidden_size + hidden_size * hidden_size + 2 * hidden_size)``
(four gates, two bias vectors) and the head ``hidden_size + 1``.

``forward(x, lengths)``:

- ``x``: float32 ``[B, L_max, input_size]``, batch first; sequence ``i`` fills rows
  ``0 .. lengths[i] - 1``; the rows after them are padding and may hold anything (zeros
  from ``pad_one_hot``, but the graders also fill them with other values);
- ``lengths``: int64 ``[B]``, each between 1 and ``L_max``, in any order (the batch is
  NOT sorted by length). ``lengths`` stays on the CPU whatever the device of ``x``
  (``pack_padded_sequence`` wants it there); move it with ``lengths.to(x.device)`` where
  you index with it on ``x``'s device.
- returns float32 ``[B]``: for each sequence, ``sigmoid(head(o_i))`` where ``o_i`` is
  the LSTM output (the hidden state) at position ``lengths[i] - 1`` of the LSTM run from
  zero initial states, squeezed to shape ``[B]``, in the order of the batch.

Two correct ways: run the LSTM on the padded batch and pick ``o_i`` per row (advanced
indexing with ``torch.arange(B)`` and ``lengths - 1``, or ``torch.gather``): an LSTM
step never looks ahead, so the output at ``lengths[i] - 1`` has not seen the padding;
or pack the batch (``pack_padded_sequence(x, lengths, batch_first=True,
enforce_sorted=False)``) and take ``h_n[-1]``, which for a packed batch is each
sequence's state at its own end, already in the batch's order. Not correct:
``outputs[:, -1]`` (the last padded position), ``h_n`` of the unpacked padded batch
(the same thing), index ``lengths`` instead of ``lengths - 1``, the mean over all
positions, or outputs left in a sorted order.

Task: ``BiLSTM()``, the course guide's class read at the right steps
----------------------------------------------------------------------
The guide's sizes, no arguments: an ``nn.Module`` with exactly one
``nn.LSTM(64, 128, bidirectional=True, batch_first=True)`` (one layer, the other options
at their defaults) and exactly one ``nn.Linear(256, 1)``. It has 198,913 parameters:
twice (one per direction) ``4 * (64 * 128 + 128 * 128 + 2 * 128)``, plus ``256 + 1``.

``forward(x, lengths)``: ``x`` float32 ``[B, L_max, 64]`` batch first, ``lengths`` int64
``[B]`` on the CPU, unsorted, each between 1 and ``L_max``, padding rows holding anything
(as for ``LSTMClassifier``). Returns float32 ``[B]``: for each sequence,
``sigmoid(fc(concat(f_i, b_i)))``, forward part first, where

- ``f_i`` (128 values) is the forward direction's output at its last valid step,
  position ``lengths[i] - 1`` (it has read the whole sequence, left to right);
- ``b_i`` (128 values) is the backward direction's output at position 0, i.e. its final
  state after reading the sequence right to left *starting at the sequence's own last
  valid step* ``lengths[i] - 1``, both directions from zero initial states.

The backward direction is where padding hurts most: on a padded batch run without
packing it starts at the last *padded* position and reads the padding first, so its
output at position 0 is wrong for every sequence shorter than ``L_max``. Pack the batch
(``pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)``); then
either take ``h_n[0]`` (forward) and ``h_n[1]`` (backward), which are each sequence's
final states in the batch's order, or unpack the outputs with ``pad_packed_sequence``
and take the first 128 features at ``lengths - 1`` and the last 128 at position 0.
Running each sequence alone, unpadded, is correct too. Not correct: the guide's
``lstm_out[:, -1, :]`` (the forward direction has run through the padding and the
backward direction has read one padded step only), both directions at ``lengths - 1``
(the backward direction has then read only the last base), or the forward direction only.

What the graders check
----------------------
- ``architecture``: ``LSTMClassifier()`` (the defaults 4 and 32), ``(4, 16)``,
  ``(6, 8)`` and ``(5, 20)`` each hold exactly one ``nn.LSTM`` with those sizes (one
  layer, one direction) and exactly one ``nn.Linear(hidden_size, 1)``; ``forward``
  returns float32 ``[B]`` with every value in (0, 1), for a batch of 7 (lengths
  ``[7, 3, 12, 1, 9, 12, 5]``) and a batch of one;
- ``param_count``: exactly ``4 * (in * h + h * h + 2 * h) + h + 1`` parameters for
  those four models: 4,897 for ``LSTMClassifier()`` built without arguments;
- ``last_valid_step`` (eval mode): on a batch of lengths ``[7, 3, 12, 1, 9, 12, 5]``,
  the output equals a trusted computation that runs each sequence alone, unpadded,
  through the LSTM equations written out step by step with your own LSTM and Linear
  weights, then the sigmoid (rtol 1e-4, atol 1e-5); for ``LSTMClassifier()`` on
  one-hot DNA and for ``(6, 8)`` on Gaussian inputs; both with zero padding and with
  padding filled with non-zero random values (nothing after a sequence's end may change
  its output);
- ``padding_invariance``: the output of ``LSTMClassifier()`` is unchanged (same
  tolerances) when 5 more columns of zeros, or 7 more columns of random values, are
  appended to the padded batch with the same lengths;
- ``batch_invariance``: each sequence's output in that batch equals its output when it
  is run alone (batch of one, no padding);
- ``bilstm_last_valid`` (eval mode): ``BiLSTM()`` has exactly one
  ``nn.LSTM(64, 128)`` (one layer, bidirectional) and one ``nn.Linear(256, 1)``, and
  exactly 198,913 parameters; on a batch of lengths ``[7, 3, 12, 1, 9, 12, 5]`` of
  Gaussian inputs its output (float32 ``[B]``) equals a trusted computation that runs
  each sequence alone, unpadded, through the LSTM equations in both directions with your
  own weights (forward from position 0 to ``lengths[i] - 1``, backward from
  ``lengths[i] - 1`` to 0), concatenates the two final states (forward first), then the
  head and the sigmoid (rtol 1e-4, atol 1e-5), with zero padding and with padding filled
  with non-zero random values (before this, the graders multiply your head's weights by
  20, for both sides alike, so that small errors in the states show);
- ``learns``: ``LSTMClassifier()`` trained by the graders' own loop (full-batch Adam,
  ``lr=0.05``, 80 steps, binary cross-entropy on your probabilities) on 160 sequences of
  ``motif_length_dataset(360, 6, 16, seed=100)`` (via ``pad_one_hot``) reaches at least
  0.75 accuracy (probability > 0.5 as class 1) on the other 200;
- ``follows_device``: every tensor of the model and of its forward pass follows
  ``.to(device)`` (checked on the ``meta`` device; ``lengths`` stays on the CPU);
  ``cuda_parity`` (no points): the same outputs on CPU and CUDA where a GPU exists.
"""
import torch
from torch import nn


class LSTMClassifier(nn.Module):
    """LSTM over a padded batch; sigmoid(Linear) of each sequence's last valid output."""

    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        # TODO (task): one nn.LSTM and one nn.Linear(hidden_size, 1)
        raise NotImplementedError("LSTMClassifier.__init__")

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        # TODO (task): probabilities [B] from the output at lengths - 1
        raise NotImplementedError("LSTMClassifier.forward")


class BiLSTM(nn.Module):
    """Bidirectional LSTM (64 -> 128 per direction); sigmoid(Linear) of both final states."""

    def __init__(self):
        super().__init__()
        # TODO (task): nn.LSTM(64, 128, bidirectional=True, batch_first=True), nn.Linear(256, 1)
        raise NotImplementedError("BiLSTM.__init__")

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        # TODO (task): forward output at lengths - 1, backward output at 0, concat, head, sigmoid
        raise NotImplementedError("BiLSTM.forward")
