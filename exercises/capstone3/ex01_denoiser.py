"""Capstone 3, module 1: a conditional denoiser for DNA design, and classifier-free guidance.

Genomics context
----------------
De novo design asks for DNA that a cell (or an assay) will score highly: here, short sequences that
carry the E-box motif ``CACGTG`` (bound by MYC/MAX) in a balanced GC context. The capstone builds a
designer from the course's diffusion pieces: a denoiser conditioned on a class label (high or low
score) in this module, training with condition dropout (module 2), guided sampling (module 3) and the
evaluation of what was designed (module 4). The kit's **oracle** (``design_score`` below) plays the
assay: the graders score your designs with it, on data and seeds they choose.

How the capstone is graded
--------------------------
Four modules, one pipeline, 30 points: 11 on the parts (each checked against the graders' own
computations, fed the graders' own inputs, so a broken module costs only its own points), 4 on the
figure (module 4) and 15 on the **outcome** (module 3): the graders build your ``DesignDenoiser``, train
it with your module 2, sample with your module 3 and judge the designs with the oracle. 3 of those
points are on a public check you can run; 12 on its hidden twin, the same check with a seed you never
see. The four modules never import each other: each defines everything it uses (in the notebook they
share one namespace, so give helper functions names of their own in each module).

Data and conventions (all four modules)
---------------------------------------
``coursekit.data.capstone3``: ``design_data(n=1024, seed)`` returns ``sequences`` (n strings of 16
letters from ACGT), ``onehot`` (float32 ``[n, 4, 16]``, rows A, C, G, T), ``labels`` (int64 ``[n]``: 1,
high, where the oracle scores the sequence at least 1.25, else 0) and ``scores`` (float64 ``[n]``).
``design_score(s)``: the best window's match to ``CACGTG`` (matching letters / 6) plus the closeness of
the GC content to 0.5 (``max(0, 1 - |gc - 0.5| / 0.2)``): 0 to 2. ``design_betas()``: the linear
schedule of 100 steps from 1e-3 to 0.2 (float64).

Model space: a sequence's one-hot ``[4, 16]`` becomes ``2 * onehot - 1`` flattened to 64 values (the
4 channel rows one after another), so ``seq_len = 64``. Time steps are 0-based int64 ``t`` ``[B]``
(``0 .. 99``); labels int64 ``[B]``: the classes ``0 .. n_classes - 1`` and the **null label**
``n_classes`` ("no class", what condition dropout substitutes).

Task 1: ``DesignDenoiser(seq_len=64, n_classes=2)``
--------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) of **any architecture** (an MLP, a 1-D CNN over
``[4, 16]``, ...) that predicts the noise: ``forward(x, t, labels)`` with ``x`` float32 ``[B, seq_len]``
-> float32 ``[B, seq_len]``. Extra constructor arguments are yours, with defaults. It must have:

- ``self.seq_len = seq_len`` and ``self.null_label = n_classes`` (a Python int);
- a learned embedding of the label with a row for the null label too (``nn.Embedding(n_classes + 1,
  dim)``: the null label is its own input, never a class's), and an embedding of ``t`` (e.g. the
  sinusoidal one of session 10, ``cat([sin(t f_k), cos(t f_k)])`` with ``f_k = exp(-ln(10000) k / half)``,
  computed in ``forward`` or held in a registered buffer);
- each row's output computed from that row's ``x``, ``t`` and label alone (no BatchNorm over the batch);
- at most **150,000 parameters** for ``DesignDenoiser()`` (an MLP of two hidden layers of 256 units with
  time and label embeddings of 32 and 16 values has 111,216); every tensor registered (parameters or
  buffers), so that ``.to(device)`` moves it.

Task 2: ``guided_noise(model, x_t, t, labels, w)``
-------------------------------------------------
Classifier-free guidance, as session 10 writes it::

    eps_c = model(x_t, t, labels)                                       # conditional
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))    # unconditional
    return eps_u + w * (eps_c - eps_u)

``labels`` are used as given (no dropout, nothing random); ``w`` a Python float: ``w = 0`` gives
``eps_u``, ``w = 1`` gives ``eps_c`` (exactly, on the graders' stand-in, whose outputs are small
integers: the formula above does), ``w > 1`` pushes further towards the class. One call of
``2B`` rows split in two is fine too. Not the paper's ``(1 + w) eps_c - w eps_u``, and not
``eps_c + w (eps_u - eps_c)`` (guidance away from the class).

What the graders check
----------------------
- ``interface`` (1): ``DesignDenoiser()`` (built after ``torch.manual_seed(0)``) has ``seq_len == 64``
  and ``null_label == 2`` (an int), ``DesignDenoiser(32, 3)`` 32 and 3; in eval mode, on ``x`` ``[6,
  seq_len]``, ``t = [0, 1, 17, 50, 98, 99]`` and labels with the null label among them, the output is
  float32 ``[6, seq_len]``, finite, and each row equals that row computed alone (rtol 1e-4, atol
  1e-5); one ``x`` and ``t = 40`` with labels 0, 1 and null gives three different outputs; one ``x`` and
  label at ``t = 0`` and ``t = 99`` gives two different outputs (differences above 1e-6);
- ``param_cap`` (1): ``DesignDenoiser()`` has at most 150,000 parameters, some trainable, and no tensor
  held as a plain attribute;
- ``guidance_formula`` (1): with the graders' stand-in model (outputs ``2 x + table[label] + t``, small
  integers, null label 3) on ``x_t`` ``[4, 4]``, ``t = [0, 5, 50, 99]``, ``labels = [0, 1, 2, 1]``: ``w = 0``
  and ``w = 1`` give exactly ``eps_u`` and ``eps_c`` (``torch.equal``); ``w`` = 3, 0.5, 7.5 and -1 give
  ``eps_u + w (eps_c - eps_u)`` (rtol and atol 1e-5), float32 ``[4, 4]``, the labels untouched; on 40 rows
  the model sees every row exactly twice (its own ``t``, once with its label and once with the null
  label) and torch's global random state does not move;
- ``follows_device`` (1): ``DesignDenoiser(16, 2)``, its forward and ``guided_noise`` follow
  ``.to(device)`` (checked on the ``meta`` device: every tensor registered, and anything you create in
  ``forward``, such as frequencies, made on the input's device);
- ``cuda_parity`` (0 points; only where a GPU exists): the same outputs on CPU and CUDA.
"""
import math  # noqa: F401

import torch  # noqa: F401
from torch import nn


class DesignDenoiser(nn.Module):
    """eps(x_t, t, label): [B, seq_len], [B], [B] -> [B, seq_len]; the null label is n_classes."""

    def __init__(self, seq_len=64, n_classes=2):
        super().__init__()
        # TODO (task 1): self.seq_len, self.null_label, a label embedding with a null row, a network
        raise NotImplementedError("DesignDenoiser.__init__")

    def forward(self, x, t, labels):
        # TODO (task 1): combine x, an embedding of t and the label's embedding; return [B, seq_len]
        raise NotImplementedError("DesignDenoiser.forward")


def guided_noise(model, x_t, t, labels, w):
    # TODO (task 2): eps_u + w * (eps_c - eps_u), eps_u with model.null_label
    raise NotImplementedError("guided_noise")
