"""Session 4, exercise 1: a first 1D CNN over DNA, and how long its output is.

Genomics context
----------------
A transcription-factor binding site or a splice signal is a short local pattern that
can sit anywhere in a sequence. A 1D convolution slides the same small filter (4 rows
by ``kernel_size`` positions) along a one-hot sequence, so one set of weights detects a
motif at every position: this is the core of DeepBind, Basset and their successors.
Stacking convolutions with a pooling layer in between lets the second layer see longer
stretches of the sequence. Each layer without padding shortens the sequence, and a
model that later flattens its features (as DeepBind does) needs those lengths exactly,
so you also write the formula that gives them.

Task 1: ``one_hot_encode(seq) -> Tensor [1, 4, L]``
---------------------------------------------------
A DNA string becomes a float32 tensor of shape ``[1, 4, len(seq)]``: a batch of one
sequence, channels first as ``nn.Conv1d`` expects. Row 0 is A, row 1 C, row 2 G, row
3 T; column ``i`` holds a single 1 in the row of the base at position ``i``. The rules
are those of session 1:

- a letter is looked up in upper case: ``"a"`` is encoded as ``"A"``;
- a letter that has no row (``N``, ``-``, ``R``, ...) gives an all-zero column;
- the empty string gives shape ``[1, 4, 0]``.

So ``one_hot_encode("ATCG")[0]`` is::

    tensor([[1., 0., 0., 0.],    # A
            [0., 0., 1., 0.],    # C
            [0., 0., 0., 1.],    # G
            [0., 1., 0., 0.]])   # T

Task 2: ``SimpleCNN(kernel_size=8)``
------------------------------------
A subclass of ``torch.nn.Module`` (call ``super().__init__()`` first) with exactly these
attributes (names and layers are fixed; ``kernel_size`` defaults to 8):

- ``self.conv1 = nn.Conv1d(4, 16, kernel_size)``
- ``self.pool = nn.MaxPool1d(2)`` (windows of 2, stride 2)
- ``self.conv2 = nn.Conv1d(16, 32, kernel_size)``

All with PyTorch's defaults otherwise: stride 1, no padding, no dilation, biases on.
``forward(x)`` takes float32 ``[N, 4, L]`` and returns
``relu(conv2(pool(relu(conv1(x)))))``, float32 ``[N, 32, L_out]``: conv1, ReLU,
max-pool, conv2, ReLU. ``F.relu`` or ``nn.ReLU`` modules, attributes only or an
``nn.Sequential`` that holds these same three layers: all are fine. (A ReLU and a
max-pool give the same numbers in either order, so pooling before the first ReLU is
fine too.) The output length is

    ``L_out = conv_output_length(conv_output_length(conv_output_length(L, k), 2, stride=2), k)``

with ``k = kernel_size``: ``L - k + 1`` after conv1, half of that rounded down after the
pool, minus ``k - 1`` after conv2. The guide's example, ``SimpleCNN()`` on
``one_hot_encode("ATCGATCG" * 10)`` (80 bases), gives shape ``[1, 32, 29]``
(80 -> 73 -> 36 -> 29). The shortest input that gives any output has ``3 * k - 1``
bases (23 for ``k = 8``); on a shorter one the layers themselves raise a
``RuntimeError``: let it propagate (don't pad, don't catch it).
``SimpleCNN()`` has 4,656 parameters: conv1 ``16 * 4 * 8 + 16 = 528``, conv2
``32 * 16 * 8 + 32 = 4,128``; in general ``16 * 4 * k + 16 + 32 * 16 * k + 32``.

Task 3: ``conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1) -> int``
-------------------------------------------------------------------------------------------
The number of output positions of ``nn.Conv1d`` or ``nn.MaxPool1d`` on an input of
``length`` positions (PyTorch's documented formula, with ``ceil_mode=False``)::

    floor((length + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1

Arguments are ints: ``length >= 1``, ``kernel_size >= 1``, ``stride >= 1``,
``padding >= 0``, ``dilation >= 1``. Return a Python ``int``. The defaults are those of
``nn.Conv1d`` (stride 1, padding 0, dilation 1). Careful: ``nn.MaxPool1d``'s stride
defaults to its kernel size, so for ``nn.MaxPool1d(2)`` call
``conv_output_length(length, 2, stride=2)``. The floor is a true floor, also when the
numerator is negative (``math.floor`` or ``//`` on ints; ``int(a / b)`` rounds towards
zero and is wrong there).

When the formula gives less than 1 the layer has no output position (PyTorch raises a
``RuntimeError`` for such an input): ``conv_output_length`` then raises ``ValueError``.
Examples: ``conv_output_length(100, 8) == 93``, ``conv_output_length(93, 2, stride=2)
== 46``, ``conv_output_length(50, 5, padding=2) == 50``, ``conv_output_length(50, 3,
dilation=4) == 42``, ``conv_output_length(7, 8)`` and ``conv_output_length(3, 4,
stride=2)`` raise ``ValueError``.

What the graders check
----------------------
- ``one_hot_encode``: ``one_hot_encode("ATCG")`` is the matrix above in a batch of one;
  float32 ``[1, 4, L]`` for the empty string, one base and the guide's 80 bases; many
  generated strings of A, C, G, T, their lower case, N, n, ``-``, R and Y (lengths
  0-40) against a trusted encoder;
- ``conv_output_length``: on generated ``(length, kernel_size, stride, padding,
  dilation)`` (lengths 1-64, kernels 1-9, strides 1-4, padding 0-4, dilation 1-3; any
  of the last three sometimes left out, so the defaults are used, and the examples
  above), your result equals the output length of a real ``nn.Conv1d`` and a real
  ``nn.MaxPool1d`` built with the same numbers (a pool's padding at most half its
  window, as PyTorch requires), an ``int``; where the layer raises, your function
  raises ``ValueError``;
- ``architecture``: for ``SimpleCNN()`` (no argument: kernel 8) and kernel sizes 1, 3,
  5 and 11, ``conv1`` is ``nn.Conv1d(4, 16, k)``, ``pool`` is ``nn.MaxPool1d`` with
  window 2 and stride 2, ``conv2`` is ``nn.Conv1d(16, 32, k)``, all with stride 1 (the
  convs), no padding, no dilation, biases; every layer registered;
- ``param_count``: exactly 4,656 parameters for ``SimpleCNN()``, and the count of the
  formula above for kernel sizes 1, 3, 5 and 11;
- ``output_shape``: float32 ``[N, 32, L_out]`` from ``SimpleCNN()`` and
  ``SimpleCNN(k)`` on generated batches (``N`` 1-3, ``L`` 1-100, ``k`` 1-12), ``L_out``
  computed as above; a ``RuntimeError`` for every generated ``L < 3 * k - 1`` and at
  ``L = 3 * k - 2`` (and one output position at ``L = 3 * k - 1``) for ``k`` = 1, 2, 5,
  8 and 12; ``[1, 32, 29]`` for the guide's example;
- ``forward``: for ``SimpleCNN()`` and ``SimpleCNN(5)`` on one-hot sequences and on
  Gaussian inputs (odd lengths too), your output equals
  ``relu(conv2(max_pool1d(relu(conv1(x)), 2)))`` computed from your own ``conv1`` and
  ``conv2`` weights (rtol 1e-4, atol 1e-5);
- ``follows_device``: every tensor of ``SimpleCNN()`` and of its forward pass follows
  ``.to(device)`` (checked on the ``meta`` device: create no tensor in ``forward``
  without ``device=x.device``);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same weights give the
  same output on CPU and CUDA, in full float32 (TF32 off).
"""
import math  # noqa: F401  (math.floor is one way to write task 3)

import torch
import torch.nn.functional as F  # noqa: F401  (F.relu is one way to write forward)
from torch import nn


def one_hot_encode(seq: str) -> torch.Tensor:
    """One-hot encode ``seq``: float32 ``[1, 4, len(seq)]``, rows A, C, G, T."""
    # TODO (task 1)
    raise NotImplementedError("one_hot_encode")


class SimpleCNN(nn.Module):
    """conv1 (4 -> 16), ReLU, max-pool 2, conv2 (16 -> 32), ReLU (see the module docstring)."""

    def __init__(self, kernel_size: int = 8):
        super().__init__()
        # TODO (task 2): define self.conv1, self.pool and self.conv2
        raise NotImplementedError("SimpleCNN.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): relu(conv2(pool(relu(conv1(x))))), shape [N, 32, L_out]
        raise NotImplementedError("SimpleCNN.forward")


def conv_output_length(length: int, kernel_size: int, stride: int = 1, padding: int = 0,
                       dilation: int = 1) -> int:
    """Output positions of a Conv1d / MaxPool1d layer; ``ValueError`` when there are none."""
    # TODO (task 3)
    raise NotImplementedError("conv_output_length")
