"""Session 5, exercise 4: packing variable lengths.

Genomics context
----------------
Promoters, reads and genes come in every length. To batch them, each sequence is
padded with zeros up to the longest one in the batch; but an LSTM that reads the padding
as if it were DNA changes its state at every padded step, so a short sequence gets a
different answer when it sits next to a long one. PyTorch's answer is *packing*:
``torch.nn.utils.rnn.pack_padded_sequence`` tells the LSTM each sequence's length, the
LSTM stops every sequence at its own end, and ``pad_packed_sequence`` turns the result
back into a padded tensor. Done right, every sequence gets exactly the numbers it would
get if the LSTM read it alone. The data here are the kit's variable-length DNA
(``coursekit.data.session05.motif_length_dataset``: 10-40 bp, half of them holding a
``TATA`` box), one-hot encoded per sequence as float32 ``[L_i, 4]`` in the order A, C, G, T.

Task 1: ``collate_sequences(batch) -> (padded, lengths, labels)``
-----------------------------------------------------------------
A ``collate_fn`` for ``torch.utils.data.DataLoader``. ``batch`` is a list of ``B >= 1``
pairs ``(sequence, label)``: ``sequence`` a float32 tensor ``[L_i, F]`` with ``L_i >= 1``
(``F = 4`` for one-hot DNA; any ``F`` must work) and ``label`` a 0-d tensor or a Python
number. Return, keeping the batch's order (do not sort):

- ``padded``: float32 ``[B, L_max, F]``, batch first, where ``L_max = max(L_i)`` of this
  batch (not a fixed length): row ``i`` holds sequence ``i`` in positions
  ``0 .. L_i - 1`` and exactly ``0.0`` everywhere after (``pad_sequence(...,
  batch_first=True)`` does this);
- ``lengths``: int64 ``[B]`` on the CPU, ``lengths[i] = L_i``: a tensor, not a list,
  and int64, not float, because ``pack_padded_sequence`` wants exactly that;
- ``labels``: float32 ``[B]``, ``labels[i]`` the label of pair ``i``.

Task 2: ``handle_variable_length(lstm, sequences, lengths) -> (outputs, last_hidden)``
--------------------------------------------------------------------------------------
``lstm`` is an ``nn.LSTM`` built with ``batch_first=True`` (unidirectional, any
``num_layers``), hidden size ``H``; ``sequences`` is a padded float32 batch
``[B, L, F]`` (``L >= max(lengths)``; what sits in the padding is arbitrary) and
``lengths`` int64 ``[B]`` on the CPU, in any order (not sorted). The function uses the
LSTM it is given (the course guide's version reads a global ``model`` instead: that runs
whatever model happens to exist, not the one passed in). Steps:

1. ``pack_padded_sequence(sequences, lengths, batch_first=True, enforce_sorted=False)``
   (or sort the batch by decreasing length yourself, pack with ``enforce_sorted=True``
   and put every result back in the original order; with ``enforce_sorted=False``
   PyTorch already returns the outputs and ``h_n`` in the original order). Keep
   ``lengths`` on the CPU: do not move it to ``sequences.device``;
2. run ``lstm`` on the packed sequence (zero initial state);
3. ``pad_packed_sequence(..., batch_first=True, total_length=sequences.shape[1])``, so
   the outputs are as long as the input.

Return ``outputs``, float32 ``[B, L, H]`` (the same ``L`` as ``sequences``), equal to
the LSTM's outputs at positions ``0 .. lengths[i] - 1`` and exactly ``0.0`` at every
later position, and ``last_hidden``, float32 ``[B, H]``: the last layer's hidden state
at each sequence's own last valid step (``h_n[-1]`` of the packed run), in the original
batch order. Not ``outputs[:, -1]``: for every sequence shorter than ``L`` that is a
padded position.

Task 3: ``PackedLSTMClassifier(input_size=4, hidden_size=32)``
--------------------------------------------------------------
An ``nn.Module`` with one ``nn.LSTM(input_size, hidden_size, batch_first=True)`` and one
``nn.Linear(hidden_size, 1)`` (any attribute names, no other parameters).
``forward(x, lengths)`` takes a padded float32 batch ``[B, L, input_size]`` on the model's
device and int64 ``[B]`` CPU lengths, runs ``handle_variable_length`` with its LSTM, and
returns ``sigmoid(linear(last_hidden))`` squeezed with ``.squeeze(-1)`` to float32 ``[B]``
(``[1]`` for a batch of one; probabilities that the sequence holds the motif). Every
tensor must follow ``.to(device)``: create none on the CPU in ``forward`` (the lengths
stay on the CPU). ``PackedLSTMClassifier()`` has
4,897 parameters (LSTM ``4 * (32 * (4 + 32) + 2 * 32) = 4,864``, Linear 33).

What the graders check
----------------------
- ``collate``: on the kit's one-hot DNA (batches of 1 to 12 sequences, 10-40 bp) and on
  random float features ``[L_i, 6]``: ``padded`` is float32 ``[B, max L_i, F]``, each
  row equal to its sequence then exactly 0 in the padding (compared with a trusted
  padder); ``labels`` float32 ``[B]`` in the batch's order, for 0-d tensor labels and for
  Python numbers; also through ``DataLoader(..., batch_size=8, shuffle=False,
  collate_fn=collate_sequences)`` over every batch of 40 sequences;
- ``lengths``: ``lengths`` is an int64 tensor ``[B]`` on the CPU with the true lengths,
  the padded length is the batch's longest sequence (also for a batch of one and for
  equal lengths), and ``pack_padded_sequence`` accepts the three outputs as they are;
- ``equals_alone``: with an ``nn.LSTM(4, 16, batch_first=True)`` of the grader's own (one
  and two layers) on batches sorted by decreasing length (lengths 1 to 30), the outputs
  at valid positions and ``last_hidden`` equal running the LSTM on each sequence alone
  (``lstm(x[i:i+1, :L_i])``), rtol 1e-4, atol 1e-5; ``PackedLSTMClassifier()`` (the
  defaults) has 4,897 parameters and ``PackedLSTMClassifier(6, 16)`` 1,553, and each one's
  output ``[B]`` equals ``sigmoid(linear(h))`` with ``h`` from its own LSTM run on each
  sequence alone;
- ``unsorted_batch``: the same comparisons on batches in any order (increasing lengths,
  ties, shuffled): every result sits in the original order, and permuting the batch
  permutes the results;
- ``no_padding_used``: with large random values in the padding and extra padded
  positions after the longest sequence, ``outputs`` has the input's length ``L``, its
  valid positions, ``last_hidden`` and the classifier's output do not change, and every
  padded position of ``outputs`` is exactly 0.0;
- ``follows_device``: ``PackedLSTMClassifier`` follows ``.to("meta")`` (all its tensors,
  and its output, on the model's device; lengths on the CPU). torch's own
  ``pad_packed_sequence`` reads the restore order back to the CPU, which a ``meta``
  tensor cannot give; during this check that one read gets a placeholder order (meta
  tensors hold no values, so nothing else changes);
- ``cuda_parity`` (0 points, only where a GPU exists): the same outputs on CPU and CUDA.
"""
import torch
from torch import nn


def collate_sequences(batch):
    """DataLoader collate: (padded float [B, L_max, F], int64 CPU lengths [B], float32 labels [B])."""
    # TODO (task 1)
    raise NotImplementedError("collate_sequences")


def handle_variable_length(lstm, sequences, lengths):
    """Run ``lstm`` on a packed batch: (outputs [B, L, H], zeros on padding; last valid h [B, H])."""
    # TODO (task 2)
    raise NotImplementedError("handle_variable_length")


class PackedLSTMClassifier(nn.Module):
    """LSTM over a packed batch, then Linear(hidden_size, 1) and a sigmoid on the last valid step."""

    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        # TODO (task 3): one nn.LSTM (batch_first=True) and one nn.Linear(hidden_size, 1)
        raise NotImplementedError("PackedLSTMClassifier.__init__")

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        # TODO (task 3): probabilities of shape [B]
        raise NotImplementedError("PackedLSTMClassifier.forward")
