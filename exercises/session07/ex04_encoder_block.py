"""Session 7, exercise 4: a pre-LayerNorm transformer encoder block, and DNATransformer.

Genomics context
----------------
A convolution sees a window of a few bases; a recurrent network has to carry what it saw
through every base in between. In a transformer every base can look at every other base
in one step: that is how models such as DNABERT, Enformer and the Nucleotide Transformer
relate a transcription-factor site to a promoter hundreds of bases away. The building
block of those models is the **encoder block**: self-attention (every position gathers
information from all the positions), then a position-wise feed-forward network, each
wrapped in a residual connection, with layer normalisation and dropout.

This exercise builds the **pre-LayerNorm** block ("norm_first"): the normalisation sits
*inside* each branch, before attention and before the feed-forward network, and the
residual stream ``x`` itself is never normalised. The original 2017 transformer put the
norm after the addition (post-LN); pre-LN trains stably without a learning-rate warm-up,
which is why GPT-2, ViT and most genomic transformers use it. You then stack blocks into
``DNATransformer``, a sequence classifier over single bases, and train it to find a TATA
box. The block computes exactly what ``nn.TransformerEncoderLayer(d_model, nhead,
dim_feedforward, dropout, activation="gelu", norm_first=True, batch_first=True)`` computes,
and uses the same attribute names, so torch's ``state_dict`` loads into it: the graders
compare the two with the same weights.

Data
----
``coursekit.data.session07``: tokens of single bases, ``TOKENS = "ACGTN"`` (A 0, C 1,
G 2, T 3, N 4, hence ``vocab_size=5``); ``encode_bases(list of equal-length strings)``
gives int64 ``[N, L]`` token ids. ``motif_classification(n=256, length=40,
motif=TATA_BOX, seed=0)`` returns ``(tokens, labels)``: int64 ``[n, length]`` and int64
``[n]``; half the sequences (label 1) hold the TATA box ``TATAAAAG`` exactly once at a
random position, the others (label 0) never; shuffled together, seeded (the global random
state is not touched).

Padding masks: a batch of sequences of different lengths is padded on the right to a common
length ``L``; ``padding_mask`` is a bool tensor ``[B, L]`` that is **True at padding
positions** (the convention of torch's ``key_padding_mask``). Every row has at least one
valid (False) position.

Task 1: ``TransformerEncoderBlock(d_model, nhead, dim_feedforward=2048, dropout=0.1)``
--------------------------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly these attributes, the
names of ``nn.TransformerEncoderLayer``:

- ``self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=True)``
  (torch's module; you wrote your own in exercise 2, here use torch's so the names and the
  packed ``in_proj_weight`` match). ``nhead`` divides ``d_model``;
- ``linear1 = nn.Linear(d_model, dim_feedforward)``, ``linear2 = nn.Linear(dim_feedforward,
  d_model)`` (with biases);
- ``norm1``, ``norm2``: ``nn.LayerNorm(d_model)`` (eps 1e-5, with weight and bias);
- ``dropout`` (after the GELU, inside the feed-forward branch), ``dropout1`` (on the
  attention branch) and ``dropout2`` (on the feed-forward branch): three ``nn.Dropout(dropout)``.

No other parameters. You may add other attributes (e.g. an ``nn.Sequential`` that reuses
``linear1``, ``dropout`` and ``linear2``), but the names above must exist: the graders
copy torch's weights into ``self_attn.in_proj_weight``, ``self_attn.in_proj_bias``,
``self_attn.out_proj.weight``/``.bias``, ``linear1.weight``/``.bias``,
``linear2.weight``/``.bias``, ``norm1.weight``/``.bias`` and ``norm2.weight``/``.bias``.

``forward(x, padding_mask=None)``: ``x`` float32 ``[B, L, d_model]``, ``padding_mask``
``None`` or bool ``[B, L]`` (True = padding); returns float32 ``[B, L, d_model]``::

    h = norm1(x)
    x = x + dropout1(self_attn(h, h, h, key_padding_mask=padding_mask, need_weights=False)[0])
    x = x + dropout2(linear2(dropout(gelu(linear1(norm2(x))))))
    return x

- query, key **and** value are all ``norm1(x)``;
- ``padding_mask`` goes to ``self_attn`` unchanged as ``key_padding_mask``: padding keys are
  ignored, so the outputs at the valid positions do not depend on what the padding
  positions hold. The outputs *at* padding positions are whatever this formula gives; the
  graders do not look at them;
- GELU is the **exact** one, ``F.gelu(z)`` or ``nn.GELU()`` (not ``approximate="tanh"``,
  not ReLU, torch's default);
- each branch is **added** to its input, and nothing comes after the addition: no norm on
  the residual stream (``x = norm(x + f(x))`` is post-LN, a different block; so is
  ``x = norm1(x)`` before the addition, which makes the skip connection carry the
  normalised ``x``);
- dropout is active in train mode only (``nn.Dropout`` modules do that; ``F.dropout``
  needs ``training=self.training``); in eval mode the block is deterministic.

Task 2: ``DNATransformer``
--------------------------
``DNATransformer(vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
dim_feedforward=512, dropout=0.1, max_len=512)``: a sequence classifier; attributes
(names fixed):

- ``embedding = nn.Embedding(vocab_size, d_model)``;
- a sinusoidal positional encoding table ``PE`` float32 ``[max_len, d_model]``, stored as a
  **buffer** (``register_buffer``, on the model or on a ``PositionalEncoding`` submodule
  you write in this file), not a parameter: it is neither trained nor counted. For
  position ``pos`` and ``i = 0, 1, ..., d_model / 2 - 1`` (``d_model`` is even), the
  formula of exercise 3 (``exp(-2i * log(10000) / d_model)`` is the same frequency)::

      PE[pos, 2i]     = sin(pos / 10000 ** (2i / d_model))
      PE[pos, 2i + 1] = cos(pos / 10000 ** (2i / d_model))

- ``layers = nn.ModuleList`` of ``num_layers`` ``TransformerEncoderBlock(d_model, nhead,
  dim_feedforward, dropout)`` (your class; a plain Python list is not registered);
- ``norm = nn.LayerNorm(d_model)``: the final norm a pre-LN stack needs (its residual
  stream is never normalised inside the blocks);
- ``fc = nn.Linear(d_model, num_classes)``.

No other parameters and no other dropout. ``forward(tokens, padding_mask=None)``:
``tokens`` int64 ``[B, L]`` with ``L <= max_len``, ``padding_mask`` as in task 1; returns
the logits, float32 ``[B, num_classes]`` (no softmax: ``F.cross_entropy`` takes logits)::

    x = embedding(tokens) * sqrt(d_model) + PE[:L]        # [B, L, d_model]
    for block in layers: x = block(x, padding_mask)
    x = norm(x)
    pooled = mean of x over the positions (dim 1); with a padding_mask, over the VALID
             positions of each row only: sum of x where the mask is False / their number
    return fc(pooled)

Padding then changes nothing: with the mask, the logits of a row are the same whatever
tokens the padding positions hold and however many padding positions are appended. Write
the masked mean with tensor operations (``(x * keep).sum(1) / keep.sum(1)``, or
``torch.where`` then ``nanmean``); boolean indexing per row (``x[b][~mask[b]]``) is correct
too but cannot run on the ``meta`` device, where the device check then only checks that
your tensors move. ``DNATransformer()`` has **397,698** parameters; in general
``vocab_size * d + num_layers * (4 d^2 + 2 d f + f + 9 d) + 2 d + d * num_classes +
num_classes`` with ``d = d_model``, ``f = dim_feedforward`` (one block: attention
``4 d^2 + 4 d``, the two linears ``2 d f + f + d``, two norms ``4 d``).

Training, as the graders do it (and you may, to see it work)::

    tokens, labels = motif_classification(96, 20, seed=0)
    model = DNATransformer(d_model=32, nhead=4, num_layers=2, dim_feedforward=64, dropout=0.0)
    adam = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(40):
        adam.zero_grad()
        F.cross_entropy(model(tokens), labels).backward()
        adam.step()

What the graders check
----------------------
Torch's layer below is ``nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward,
dropout, activation="gelu", norm_first=True, batch_first=True)`` with every parameter
randomised (biases and LayerNorm weights included), copied into your block by name; both
are compared in eval mode, with rtol 1e-4 and atol 1e-5 unless said otherwise.

- ``block_architecture``: ``TransformerEncoderBlock(16, 4, 32, 0.2)`` has ``self_attn`` an
  ``nn.MultiheadAttention`` with embed_dim 16, 4 heads, dropout 0.2, ``batch_first=True``
  and biases; ``linear1`` ``nn.Linear(16, 32)``, ``linear2`` ``nn.Linear(32, 16)``;
  ``norm1``, ``norm2`` ``nn.LayerNorm(16)`` with eps 1e-5; ``dropout``, ``dropout1``,
  ``dropout2`` ``nn.Dropout(0.2)``; every parameter name of torch's layer exists in it
  with the same shape; nothing held in plain lists or plain tensor attributes.
  ``TransformerEncoderBlock(16, 4)`` (defaults) has ``linear1`` ``nn.Linear(16, 2048)``
  and dropout 0.1 in all three ``nn.Dropout`` and in ``self_attn``;
- ``param_count``: ``TransformerEncoderBlock(16, 4)`` and ``TransformerEncoderBlock(128,
  8)`` (defaults) have as many parameters as torch's layer with the same arguments
  (68,752 and 593,024); ``TransformerEncoderBlock(24, 3, 40, 0.0)`` 4,480;
  ``DNATransformer()`` (no argument) exactly 397,698; ``DNATransformer(vocab_size=7,
  d_model=16, nhead=2, num_layers=3, num_classes=3, dim_feedforward=24)`` 6,075;
- ``matches_torch``: on a plain case (``d_model`` 16, 4 heads, ``dim_feedforward`` 32, x
  ``[3, 7, 16]``), then on 25 generated ones (heads 1-4 of width 2, 4 or 8,
  ``dim_feedforward`` 4-48, batch 1-4, length 1-9), your block without a mask returns
  float32 ``[B, L, d_model]`` equal to torch's layer;
- ``padding_mask``: on the same kind of cases with right padding (each row 1 to ``L``
  valid positions, the first row unpadded), the outputs at the valid positions equal
  torch's layer called with ``src_key_padding_mask``; they do not change when the padding
  positions of ``x`` are replaced by other (large) values; an all-False mask gives the
  same output as ``padding_mask=None``;
- ``residual_paths``: ``TransformerEncoderBlock(16, 4, 32)`` in eval mode with torch's
  weights and ``self_attn.out_proj`` and ``linear2`` (weights and biases) set to zero is the
  identity (returns ``x``); with only ``linear2`` zeroed it returns ``x +
  self_attn(norm1(x))``; with only ``out_proj`` zeroed, ``x + FF(norm2(x))``, each branch
  computed by the graders;
- ``dropout_modes``: in eval mode (dropout 0.1) two calls give the same output, equal to
  torch's layer; in train mode ``TransformerEncoderBlock(16, 4, 32, 0.5)`` and
  ``TransformerEncoderBlock(16, 4)`` (default dropout) give different outputs on two
  calls; with ``dropout=0.0`` train mode equals eval mode;
  ``DNATransformer(d_model=16, nhead=2, dropout=0.5)`` gives different logits on two
  calls in train mode and the same in eval mode;
- ``dna_transformer``: ``DNATransformer(vocab_size=5, d_model=16, nhead=2, num_layers=2,
  num_classes=3, dim_feedforward=32, dropout=0.1, max_len=64)`` has ``embedding``
  ``nn.Embedding(5, 16)``, ``layers`` an ``nn.ModuleList`` of 2 ``TransformerEncoderBlock``,
  ``norm`` ``nn.LayerNorm(16)`` and ``fc`` ``nn.Linear(16, 3)``; with its parameters
  perturbed, in eval mode, its logits, float32 ``[4, 3]`` for int64 tokens ``[4, 12]``,
  equal the forward above computed by the graders (your embedding, norm and fc weights,
  torch's layers carrying your blocks' weights, the PE formula in float64), without a
  mask and with a padding_mask for valid lengths 12, 7, 1 and 10; with that mask the
  logits do not change when the padding tokens change and 5 more padding positions are
  appended; ``DNATransformer()`` (defaults: 2 blocks, 8 heads, ``dim_feedforward`` 512,
  dropout 0.1, 2 classes) gives logits ``[2, 2]`` equal to the same computation, and runs
  on tokens ``[1, 512]`` (``max_len`` 512);
- ``learns``: the graders train ``DNATransformer(d_model=32, nhead=4, num_layers=2,
  dim_feedforward=64, dropout=0.0)`` (seeded initialisation) exactly as in the loop above
  (``motif_classification(96, 20, seed=0)``, 40 full-batch Adam steps, lr 0.01), with
  ``F.cross_entropy`` on your logits. Backpropagation must work (no ``torch.no_grad()`` in
  forward, no in-place ``x += ...`` on a tensor autograd saved); the training loss of the
  trained model (eval mode) must be at most the first step's loss / 1.25, and its
  accuracy on ``motif_classification(256, 20, seed=1000)`` at least 0.70. The reference
  over 40 runs (data seeds 0-19, each with two initialisation seeds): the loss falls
  1.43x to 2.51x, held-out accuracy 0.785 to 0.879. The task is easy on purpose (a TATA
  box is A/T-rich, so base composition alone carries much of the signal; untrained models
  score 0.16 to 0.76 over 20 seeds): this check proves that your model trains; the checks
  above prove what it computes;
- ``follows_device``: every tensor of ``DNATransformer(d_model=8, nhead=2,
  dim_feedforward=16)``, and of its forward pass with and without a padding_mask, follows
  ``.to(device)`` (checked on the ``meta`` device, train and eval mode; see the note on
  boolean indexing in task 2);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``DNATransformer()`` with a
  padding_mask gives the same logits on CPU and CUDA, in full float32 (TF32 off).
"""
import math  # noqa: F401  (math.sqrt, math.log)

import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.gelu)
from torch import nn


class TransformerEncoderBlock(nn.Module):
    """Pre-LN encoder block with the attribute names of nn.TransformerEncoderLayer: [B, L, d] -> [B, L, d]."""

    def __init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1):
        super().__init__()
        # TODO (task 1): self_attn, linear1, dropout, linear2, norm1, norm2, dropout1, dropout2
        raise NotImplementedError("TransformerEncoderBlock.__init__")

    def forward(self, x, padding_mask=None):
        # TODO (task 1): x + dropout1(attention of norm1(x)), then x + dropout2(FF(norm2(x)))
        raise NotImplementedError("TransformerEncoderBlock.forward")


class DNATransformer(nn.Module):
    """Embedding * sqrt(d) + sinusoids, pre-LN blocks, final norm, masked mean, fc: [B, L] -> [B, C]."""

    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__()
        # TODO (task 2): embedding, a PE buffer, layers (nn.ModuleList), norm, fc
        raise NotImplementedError("DNATransformer.__init__")

    def forward(self, tokens, padding_mask=None):
        # TODO (task 2): logits [B, num_classes]
        raise NotImplementedError("DNATransformer.forward")
