"""Session 5, exercise 1: one step of an RNN by hand, then an RNN that classifies DNA.

Genomics context
----------------
A convolution sees a fixed window; a recurrent network reads a sequence one position
at a time and carries a hidden state from each position to the next, so what it knows
at the end can depend on every base it has read. Whether a stretch of DNA is GC-rich
(GC content tracks gene density, CpG islands and DNA stability) depends on the whole
sequence, not on one motif: a good first task for a recurrent model. You first write
the update of a vanilla (Elman) RNN cell yourself and prove it equals PyTorch's
``nn.RNNCell``, then build a classifier around ``nn.RNN``.

Task 1: ``rnn_cell_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, nonlinearity="tanh")``
--------------------------------------------------------------------------------------------
One time step of an RNN cell, for a batch::

    h_new = act(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh)

with ``act = torch.tanh`` for ``nonlinearity="tanh"`` (the default) and ``torch.relu``
for ``nonlinearity="relu"``; any other value raises ``ValueError`` (before computing
anything). Shapes (all float32 tensors), with ``B`` the batch size:

- ``x``: ``[B, input_size]``, the inputs at this step;
- ``h``: ``[B, hidden_size]``, the hidden state from the previous step;
- ``weight_ih``: ``[hidden_size, input_size]``; ``weight_hh``: ``[hidden_size, hidden_size]``;
- ``bias_ih``, ``bias_hh``: ``[hidden_size]`` (both are added);
- returns ``h_new``: float32 ``[B, hidden_size]``.

These are PyTorch's own layouts: called with ``cell.weight_ih``, ``cell.weight_hh``,
``cell.bias_ih`` and ``cell.bias_hh`` of an ``nn.RNNCell(input_size, hidden_size,
nonlinearity=...)``, your result equals ``cell(x, h)``. Note that the weights are stored
as ``[out, in]``: multiply by the transpose (``h @ weight_hh`` without ``.T`` has the
right shape but the wrong numbers). Use ``@``/``torch.matmul``, ``F.linear`` or
``torch.einsum``; do not call ``nn.RNNCell`` or ``nn.RNN`` here.

Task 2: ``RNNClassifier(input_size=4, hidden_size=32)``
-------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) holding exactly one RNN and one
Linear layer, registered as attributes (names are yours; an ``nn.Sequential`` of the
Linear layer and an ``nn.Sigmoid`` is fine too):

- one ``nn.RNN(input_size, hidden_size, batch_first=True)``: a single layer, tanh (the
  default nonlinearity), biases on, not bidirectional;
- one ``nn.Linear(hidden_size, 1)``.

``forward(x)`` takes a batch of one-hot DNA, float32 ``[B, L, input_size]``, **batch
first** (``B`` sequences of the same length ``L``, ``L >= 1``; rows A, C, G, T as made
by ``coursekit.data.session05.pad_one_hot``), runs the RNN from a zero initial hidden
state (pass none, or one created on ``x.device``), takes the hidden state after the
*last* step ``L - 1`` (``output[:, -1, :]``, equal to ``h_n[-1]`` here), applies the
Linear layer and a sigmoid, and returns the probabilities that each sequence is
GC-rich: float32 ``[B]`` in (0, 1), also for ``B = 1`` (``.squeeze(-1)``, not
``.squeeze()``).

``batch_first=True`` matters: without it ``nn.RNN`` reads ``[B, L, 4]`` as ``L``
sequences of length ``B`` (time first), runs without any error and may even return a
tensor of the right shape, but each "sequence" it reads is one position across the
batch. ``RNNClassifier()`` has 1,249 parameters: the RNN ``32 * 4 + 32 * 32 + 32 + 32
= 1,216``, the Linear ``32 + 1 = 33``; in general ``hidden * (input + hidden + 2) +
hidden + 1``.

Data
----
``coursekit.data.session05.gc_class_dataset(n, length, seed)`` gives ``n`` DNA strings of
one length, half GC-rich (each base G or C with probability 0.7, label 1.0), half
AT-rich (G or C with probability 0.3, label 0.0), shuffled; ``pad_one_hot(sequences)``
turns them into ``[n, length, 4]`` float32 (batch first) and their lengths.

What the graders check
----------------------
- ``rnn_cell_step``: on generated sizes (batch 1-5, input size 1-7, hidden size 1-7,
  input and hidden sizes often different) with random ``x``, ``h`` and the parameters
  of a real ``nn.RNNCell`` of the same sizes, your result equals ``cell(x, h)``
  (rtol 1e-4, atol 1e-5) with ``nonlinearity="tanh"``, ``"relu"`` and with the argument
  left out (tanh), float32 ``[B, hidden_size]``; ``nonlinearity="sigmoid"`` and
  ``"Tanh"`` raise ``ValueError``;
- ``architecture``: for ``RNNClassifier()`` (no arguments: 4 and 32) and other sizes,
  the model holds exactly one registered ``nn.RNN`` with that input and hidden size,
  ``batch_first=True``, one layer, tanh, biases, one direction, and an
  ``nn.Linear(hidden_size, 1)``; every layer registered; its output equals
  ``sigmoid(linear(h_L))``, where ``h_L`` comes from a step-by-step loop over the
  positions with your RNN's own weights (rtol 1e-4, atol 1e-5);
- ``param_count``: exactly 1,249 parameters for ``RNNClassifier()``, and the formula
  above for other sizes (e.g. ``RNNClassifier(4, 8)``, ``RNNClassifier(6, 16)``);
- ``output_shape``: float32 ``[B]`` with every value in (0, 1) for ``B`` = 1, 2, 5 and
  ``L`` = 1, 7, 30 (``B = 1`` and ``L = 1`` included), from ``RNNClassifier()`` and a
  smaller model;
- ``learns``: the graders train ``RNNClassifier()`` themselves (seeded initialisation,
  full-batch ``torch.optim.Adam`` at ``lr=0.005``, ``binary_cross_entropy``, 100 steps)
  on 400 sequences of ``gc_class_dataset`` (length 30, one fixed seed); on 200 other
  sequences the accuracy (``probability > 0.5`` equal to the label) must be at least
  0.85;
- ``follows_device``: every tensor of the model and of its forward pass follows
  ``.to(device)`` (checked on the ``meta`` device: an initial hidden state created
  without ``device=x.device`` stays on the CPU);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same weights give the
  same output on CPU and CUDA, in full float32 (TF32 off).
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.linear is one way to write task 1)
from torch import nn


def rnn_cell_step(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                  bias_ih: torch.Tensor, bias_hh: torch.Tensor,
                  nonlinearity: str = "tanh") -> torch.Tensor:
    """One RNN step: act(x @ W_ih^T + b_ih + h @ W_hh^T + b_hh), float32 [B, hidden_size]."""
    # TODO (task 1)
    raise NotImplementedError("rnn_cell_step")


class RNNClassifier(nn.Module):
    """nn.RNN (batch first, tanh, one layer), Linear(hidden, 1) and a sigmoid on the last step."""

    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        # TODO (task 2): one nn.RNN(..., batch_first=True) and one nn.Linear(hidden_size, 1)
        raise NotImplementedError("RNNClassifier.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): probabilities of shape [B] from the hidden state after the last step
        raise NotImplementedError("RNNClassifier.forward")
