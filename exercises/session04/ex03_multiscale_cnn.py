"""Session 4, exercise 3: a multi-scale CNN for motifs of several widths.

Genomics context
----------------
Binding motifs come in many widths: a TATA box is 6-8 bp, the core of a CTCF site
about 12 bp, many other transcription factor sites 8-20 bp. A convolution of one width
fits some of them better than others, so a multi-scale network runs several widths side
by side over the same one-hot sequence. Each branch asks "does a pattern of my width
occur anywhere, and how strongly?" (a ReLU, then the maximum over all positions); the
answers of every branch are concatenated and a linear layer turns them into the
probability that the sequence is bound.

Task 1: ``MultiScaleCNN(kernel_sizes=[6, 8, 10, 12])``
------------------------------------------------------
A subclass of ``torch.nn.Module`` (call ``super().__init__()`` first).

- **Branches**: for every width ``k`` in ``kernel_sizes``, in that order, one
  ``nn.Conv1d(4, 32, k)``: 4 input channels (A, C, G, T), 32 filters, with a bias,
  PyTorch's defaults otherwise (stride 1, no padding). Keep them in an
  ``nn.ModuleList`` (the course guide calls it ``self.convs``). Layers held in a plain
  Python list are invisible to ``parameters()``, so the optimizer never trains them.
  Attribute names are yours: the graders find the layers by their type and size.
- **Per branch**: ``relu(conv(x))``, then the maximum over positions (global max
  pooling: ``nn.AdaptiveMaxPool1d(1)`` then dropping the last dimension, or
  ``.amax(dim=-1)``): float32 ``[N, 32]``. Max, not mean: one strong match anywhere
  is the signal.
- **Concatenate** the branches along dimension 1 in the order of ``kernel_sizes``
  (``torch.cat``; not a sum): branch ``i`` fills features ``32*i .. 32*i + 31`` of the
  ``[N, 32 * len(kernel_sizes)]`` matrix.
- **Output**: ``nn.Linear(32 * len(kernel_sizes), 1)``, then a sigmoid: probabilities,
  float32 of shape ``[N]``. Drop the last dimension with ``.squeeze(-1)`` (or
  ``[:, 0]``): the guide's bare ``.squeeze()`` turns a batch of one sequence into a
  0-d tensor, and the graders feed batches of one.
- No other layers with parameters (no dropout, no batch norm); a pooling module such
  as ``self.pool = nn.AdaptiveMaxPool1d(1)`` is fine.

``forward(x)`` takes float32 ``[N, 4, L]``, one-hot with rows A, C, G, T (as
``coursekit.data.session04.one_hot`` makes it), for any length ``L`` at least the
widest kernel; ``L`` may change from one call to the next. Build the Linear layer's
size from ``len(kernel_sizes)``: ``nn.Linear(128, 1)`` only works for four widths.

``kernel_sizes`` is a non-empty list (or tuple) of distinct positive widths; the
graders pass ``[9, 3, 5]``, ``[7]``, the tuple ``(4, 11, 2, 6, 15)`` and nothing at
all (the default). The default list is a Python pitfall: a default value is created
once, when ``def`` runs, and every call that omits the argument shares that same list.
So never change ``kernel_sizes`` in place (no ``.sort()``, ``.append()``,
``.remove()``); copy it first (``list(kernel_sizes)``) if you need another list. Keep
the signature as given; writing the default as the tuple ``(6, 8, 10, 12)`` is just as
correct.

Parameters: each width ``k`` costs ``4*32*k`` weights and 32 biases, the Linear layer
``32 * len(kernel_sizes)`` weights and 1 bias. ``MultiScaleCNN()`` has 4,865
(``128 * (6 + 8 + 10 + 12) + 4*32 + 4*32 + 1``); ``[9, 3, 5]`` 2,369; ``[7]`` 961;
``(4, 11, 2, 6, 15)`` 5,185.

What the graders check
----------------------
- ``registered``: for ``MultiScaleCNN([9, 3, 5])`` and ``MultiScaleCNN()`` (the
  default widths 6, 8, 10, 12): no layer or tensor kept in a plain list, a plain dict
  or a plain (unregistered) tensor attribute; exactly one registered
  ``nn.Conv1d(4, 32, k)`` per width (bias, stride 1, no padding) and one
  ``nn.Linear(32 * len(kernel_sizes), 1)``; ``parameters()`` holds every one of them.
- ``param_count``: 2,369 for ``[9, 3, 5]``, 961 for ``[7]``, 5,185 for the tuple
  ``(4, 11, 2, 6, 15)``, and 4,865 for ``MultiScaleCNN()`` built with no argument; the
  list you are given is left unchanged.
- ``branches_used``: for ``[9, 3, 5]`` in eval mode on 16 random 30-bp sequences: new
  weights in any one conv change the output (by more than 1e-4), so every branch
  reaches the output; and, with the Linear layer's weights set to zero outside its
  inputs ``32*i .. 32*i + 31``, new weights in the conv of width ``kernel_sizes[i]``
  still change the output while new weights in any other conv leave it unchanged (the
  concatenation order).
- ``forward``: in eval mode, for ``[9, 3, 5]``, ``MultiScaleCNN()`` and ``[7]``, with
  the model's own initial weights and again with every parameter drawn anew: on 8
  random 40-bp one-hot sequences, on one sequence exactly as long as the widest kernel
  (a batch of one), and on 5 random-normal inputs 3 positions longer than that, the
  output has shape ``[N]`` and equals
  ``sigmoid(linear(cat_i(max over positions of relu(conv_i(x)))))`` computed by the
  graders from your registered layers (rtol 1e-4, atol 1e-5).
- ``learns``: ``MultiScaleCNN()`` (initial weights drawn under seed 0) trained by the
  graders' own loop, 40 full-batch Adam epochs at ``lr=0.01`` on the binary
  cross-entropy of your probabilities, on 300 sequences of 50 bp made with
  ``coursekit.data.session04.planted_motif_dataset``: 150 from a set where half carry
  a TATA box ``TATAAA`` and 150 from a set where half carry the 12-bp CTCF core
  ``CCACCAGGGGGC`` (label 1 when a sequence holds either motif, 0 otherwise). The
  output must be probabilities in (0, 1) that carry gradients; the training loss must
  fall at least 3x and the accuracy (probability > 0.5) on 200 held-out sequences made
  the same way must reach 0.85. The reference, over 20 seeds of data and initial
  weights, reaches 0.915 to 0.98 and a loss fall of 6.6x to 23.6x; over 10 of those
  seeds, mean pooling reaches at most 0.805 and convolutions the optimizer cannot see
  at most 0.745.
- ``follows_device``: every tensor of ``MultiScaleCNN([9, 3, 5])``, and of its
  forward pass, follows ``.to(device)`` (checked on the ``meta`` device: a tensor made
  in ``forward`` without ``device=x.device`` stays behind); ``cuda_parity`` (0 points):
  the same outputs on CPU and GPU, in full float32, where a GPU exists.
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.relu is one way to write forward)
from torch import nn


class MultiScaleCNN(nn.Module):
    """One Conv1d(4, 32, k) per width; ReLU and global max pool each; concatenated; Linear; sigmoid."""

    def __init__(self, kernel_sizes: list[int] = [6, 8, 10, 12]):
        super().__init__()
        # TODO (task 1): one registered nn.Conv1d(4, 32, k) per width, and the Linear layer
        raise NotImplementedError("MultiScaleCNN.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1): probabilities of shape [N]
        raise NotImplementedError("MultiScaleCNN.forward")
