"""Session 7, exercise 3: sinusoidal positional encoding, stored as a buffer.

Genomics context
----------------
Self-attention compares every position with every other one, and nothing in it knows
where a token sits: shuffle the bases of a sequence and each output is shuffled the same
way, its values unchanged (attention is *permutation-equivariant*). DNA is not a bag of
bases. A TATA box about 30 bp upstream of a transcription start site marks a core
promoter; the same 8 bases 300 bp away mean something else, and a splice acceptor is
defined by where its AG sits relative to the branch point and the polypyrimidine tract.
Position has to be put into the input.

The transformer of Vaswani et al. (2017, "Attention is all you need") adds to each
token's embedding a fixed vector that depends only on its position, made of sines and
cosines of geometrically spaced frequencies. For a model width ``d_model`` and a
position ``pos = 0, 1, 2, ...``, with ``i = 0, 1, ..., d_model / 2 - 1`` the index of a
*pair* of columns::

    PE[pos, 2i]     = sin(pos / 10000 ** (2i / d_model))
    PE[pos, 2i + 1] = cos(pos / 10000 ** (2i / d_model))

Columns ``2i`` and ``2i + 1`` share one angle: the even column holds its sine, the odd
column its cosine (interleaved, not "all sines, then all cosines"), and the exponent uses
the even column index ``2i`` for both (not the column index itself: column 1 uses
``10000 ** 0 = 1``, like column 0). The first pair turns once every 2 pi ~ 6.3 positions,
the last one once every ~ 2 pi * 10000 positions: together they give every position a
distinct code. Because each pair is a point on a circle, moving ``k`` positions rotates
pair ``i`` by a fixed angle ``k / 10000 ** (2i / d_model)``: ``PE[pos + k]`` is a fixed
linear function of ``PE[pos]``, and the dot product ``PE[pos] . PE[pos + k]`` depends on
the offset ``k`` only, so attention can learn "30 bp upstream" wherever the box sits.

The table has no learnable weight. It must still live *in* the module: it has to move
with ``model.to(device)`` (the GPU adds it to GPU embeddings), follow
``model.to(torch.float64)``, and be saved in ``model.state_dict()`` so that a loaded
model encodes positions exactly as the saved one did; but an optimizer must not train it.
That is what a **buffer** is: ``self.register_buffer("pe", table)`` registers a tensor
that ``.to()`` moves and ``state_dict()`` holds (under the key ``"pe"``), yet that is not
in ``parameters()`` and has ``requires_grad=False``. An ``nn.Parameter`` would be trained
(the wrong model: this encoding is fixed), a plain attribute ``self.pe = table`` stays on
the CPU and is missing from the state dict, and ``register_buffer(..., persistent=False)``
moves with ``.to()`` but is not saved either.

A ``DNATransformer`` (the session guide's, and exercise 4) applies such a module right
after its token embedding: ``x = self.pos_encoding(self.embedding(tokens) * math.sqrt(d_model))``.

Task 1: ``PositionalEncoding(d_model, max_len=512)``
----------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first). ``d_model`` is the embedding width,
``max_len`` the longest sequence it will encode (default **512**).

- ``d_model`` must be even (the columns come in sin/cos pairs): raise ``ValueError`` in
  ``__init__`` for an odd ``d_model``. ``max_len`` is a positive integer (you need not
  check it).
- Build the table ``PE`` above for ``pos = 0 .. max_len - 1`` as a **float32** tensor of
  shape ``[max_len, d_model]`` (exactly this shape: no leading batch dimension of 1) and
  register it with ``self.register_buffer("pe", table)``: a persistent buffer (the
  default ``persistent=True``), so ``model.pe`` is the table, ``model.state_dict()["pe"]``
  holds it, and ``model.parameters()`` is **empty** (0 parameters, nothing to train).
  Computing the angles in float64 and converting the table with ``.float()`` is the most
  accurate; float32 throughout is accurate enough (see the tolerance below). Either
  ``torch.pow`` / ``**`` or ``torch.exp(-math.log(10000.0) * 2i / d_model)`` for the
  frequencies, vectorised or filled by loops, are all fine.
- No dropout (the original paper applies dropout after the addition; here it is left
  out, so the module is deterministic and behaves the same in train and eval mode), no
  scaling of ``x``, no other layer. You may keep ``d_model`` and ``max_len`` as plain int
  attributes; hold no other tensor (any other tensor must be a registered buffer too).

``forward(x)``: ``x`` float32 ``[B, L, d_model]``, **batch first** (``B`` sequences of
``L`` positions), any ``L`` from 1 to ``max_len``. Returns a **new** tensor of the same
shape and dtype, ``x + pe[:L]``: the first ``L`` rows of the table added to every
sequence of the batch (broadcast over ``B``: ``pe[:L]`` is ``[L, d_model]``; slice along
the *positions*, ``x.size(1)``, not the batch ``x.size(0)``: the PyTorch tutorial's
version is sequence-first). Do not change ``x`` in place (no ``x += ...``: the caller's
embeddings must stay as they were, and autograd must see the addition); gradients flow
to ``x`` unchanged. If ``L > max_len``, raise ``ValueError`` with a message that names
both numbers, e.g. ``"sequence length L=513 exceeds max_len=512"``; do not truncate the
sequence or the table silently. ``L == max_len`` is allowed. (You need not check that the
last dimension of ``x`` is ``d_model``.) After ``model.to(torch.float64)``, ``pe`` is
float64 and so is the output for a float64 ``x``.

Data
----
No data set: the graders build tables for many ``(d_model, max_len)`` and add them to
random float32 inputs ``[B, L, d_model]`` (``torch.randn`` from a seeded generator) and
to token embeddings of random DNA (``coursekit.data.session07.random_dna`` and
``encode_bases``, embedded by a seeded ``nn.Embedding(5, 16)``).

What the graders check
----------------------
The graders compute the trusted table themselves in float64 (a double loop over
positions and columns with ``math.sin`` / ``math.cos`` for small tables, the same
formula vectorised in float64 otherwise). Tables and outputs are compared with an
absolute tolerance of 5e-4 (no relative part). Measured over every even ``d_model`` from
2 to 512: float32 implementations of the formula differ from the float64 table by at most
3.9e-5 to 5.1e-5 at ``max_len`` 512 and 5.1e-5 to 7.3e-5 at 600 (the tutorial's
``torch.exp`` form the least, ``1 / 10000 ** (2i / d)`` in float32 the most), so the bar
leaves a margin of 7x at the largest table graded; a table computed in float64 and
converted differs by at most 6e-8; the usual mistakes (named under ``closed_form``)
differ by 1.0 to 1.4 already on the smallest table graded.

- ``closed_form``: ``PositionalEncoding(4, max_len=3).pe`` is float32 ``[3, 4]`` and
  equals the double-loop table (row 0 is ``[0, 1, 0, 1]``, row 1
  ``[sin 1, cos 1, sin 0.01, cos 0.01]``);
  ``PositionalEncoding(16)`` (default ``max_len``) has ``pe`` float32 ``[512, 16]`` equal
  to the closed form; and so do 30 generated ``(d_model, max_len)`` with even
  ``d_model`` from 2 to 64 and ``max_len`` from 1 to 600 (hypothesis). A wrong table is
  named when it is one of the usual mistakes (sin and cos swapped, sines in the first
  half and cosines in the second, the column index in the exponent instead of ``2i``);
- ``buffer_not_parameter``: ``PositionalEncoding(12)`` (default ``max_len``) has no
  parameters (``parameters()`` empty, 0 parameters), a buffer named ``"pe"``
  (``named_buffers()``), ``state_dict()`` holds ``"pe"`` as float32 ``[512, 12]`` with
  ``requires_grad=False``; after ``.to(torch.float64)`` its ``"pe"`` buffer is float64
  ``[512, 12]`` and ``forward`` of a float64 ``[2, 7, 12]`` input returns float64
  ``[2, 7, 12]`` equal to ``x`` plus the first 7 rows of that converted buffer (the
  values of the table are ``closed_form``'s business, not this check's);
- ``adds_to_input``: ``PositionalEncoding(16, max_len=64)`` on the embeddings of 3
  random 40-bp DNA sequences (float32 ``[3, 40, 16]``, a leaf that requires grad) returns
  float32 ``[3, 40, 16]`` equal to ``x + PE[:40]``, leaves ``x`` unchanged, and the
  gradient reaching ``x`` from ``out.backward(w)`` is ``w``; then on 30 generated cases
  (hypothesis: ``B`` 1 to 4, even ``d_model`` 2 to 32, ``max_len`` 1 to 64, ``L`` 1 to
  ``max_len``, random ``x``) the output equals ``x + PE[:L]`` and ``x`` is unchanged;
- ``any_length``: ``PositionalEncoding(8)`` (default ``max_len`` 512) on a random
  ``[2, 512, 8]`` input ``x`` (``L == max_len``) returns float32 ``[2, 512, 8]``, and on
  its prefixes ``x[:, :L]`` for ``L`` = 1, 2, 37, 300 and 511 returns float32
  ``[2, L, 8]`` equal to the first ``L`` positions of the output on the whole ``x``
  (position ``p`` gets row ``p`` of the table, whatever the length); the same for
  ``PositionalEncoding(6, max_len=10)`` with ``B`` = 1 and 5, ``L`` = 10, 1 and 9;
- ``too_long``: ``PositionalEncoding(8)`` on ``[2, 513, 8]`` and
  ``PositionalEncoding(6, max_len=20)`` on ``[3, 21, 6]`` and ``[1, 40, 6]`` raise
  ``ValueError`` whose message contains both ``L`` and ``max_len`` (``513`` and ``512``;
  ``21`` and ``20``; ``40`` and ``20``), and ``PositionalEncoding(7)`` and
  ``PositionalEncoding(5, max_len=10)`` raise ``ValueError`` (odd ``d_model``);
- ``follows_device``: ``PositionalEncoding(8, max_len=32)`` moved with ``.to("meta")``
  has every tensor on that device and its forward pass on a ``[2, 10, 8]`` input
  returns a tensor there (train and eval mode);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``PositionalEncoding(16)``
  gives the same output on CPU and CUDA for a ``[3, 300, 16]`` input.
"""
import math  # noqa: F401  (math.log, if you use the exp form)

import torch
from torch import nn


class PositionalEncoding(nn.Module):
    """Adds the fixed sinusoidal table ``pe`` (a buffer, float32 [max_len, d_model]) to x [B, L, d_model]."""

    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        # TODO (task 1): ValueError for an odd d_model; build the float32 [max_len, d_model] table
        # and register it with self.register_buffer("pe", table)
        raise NotImplementedError("PositionalEncoding.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1): ValueError if L > max_len; return x + pe[:L] (a new tensor)
        raise NotImplementedError("PositionalEncoding.forward")
