"""Session 7, exercise 2: multi-head self-attention from scratch.

Genomics context
----------------
A transcription factor binding site is rarely read alone: a TATA box matters ~30 bp
upstream of a transcription start, an enhancer's motifs act in pairs at set spacings, a
splice branch point pairs with an acceptor site downstream. Self-attention lets every
position of a DNA sequence look at every other one and take what it needs from it, at any
distance, in one step. One attention "head" can only follow one kind of relation at a time
(one weighting of the keys per query); **multi-head** attention runs several heads side by
side, each on its own slice of the embedding, so that one head can track a motif's partner
while another tracks, say, GC content nearby. This is the layer inside every DNA
transformer (DNABERT, Nucleotide Transformer, Enformer). Here you write it yourself and
prove it equal to PyTorch's ``nn.MultiheadAttention`` with the same weights.

Task 1: ``MultiHeadSelfAttention(embed_dim, num_heads)``
---------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first). Both arguments are positive ints;
there are no defaults.

``__init__(self, embed_dim, num_heads)``:

- if ``num_heads`` does not divide ``embed_dim`` (``embed_dim % num_heads != 0``), raise
  ``ValueError`` before building anything, with a message that says so and contains
  ``"divisible"``, ``"divide"`` or ``"divides"`` (e.g. ``"embed_dim=32 is not divisible by
  num_heads=3"``). Do not round ``head_dim`` down silently;
- store the ints ``self.embed_dim = embed_dim``, ``self.num_heads = num_heads`` and
  ``self.head_dim = embed_dim // num_heads``;
- exactly four layers, as attributes with these names, each ``nn.Linear(embed_dim,
  embed_dim)`` **with** a bias: ``self.q_proj``, ``self.k_proj``, ``self.v_proj`` (queries,
  keys, values) and ``self.out_proj`` (applied after the heads are merged). No other
  layer, no other parameter, no dropout. (With these names the graders can copy your
  weights into ``nn.MultiheadAttention``: its ``in_proj_weight`` is the rows of
  ``q_proj.weight``, ``k_proj.weight``, ``v_proj.weight`` stacked, ``in_proj_bias`` the
  three biases stacked, and its ``out_proj`` is yours.)
- parameter count: ``4 * E * E + 4 * E`` for ``E = embed_dim``, whatever ``num_heads``:
  ``MultiHeadSelfAttention(128, 8)`` has 66,048 parameters, ``(32, 1)``, ``(32, 4)`` and
  ``(32, 8)`` each 4,224, ``(12, 3)`` 624 and ``(6, 6)`` 168.

Do **not** use ``nn.MultiheadAttention``, ``F.multi_head_attention_forward`` or
``F.scaled_dot_product_attention``: the point is to write the attention yourself
(``torch.matmul`` / ``@`` or ``torch.einsum``, ``torch.softmax``).

``forward(self, x, key_padding_mask=None)`` returns a tuple ``(output, weights)``:

- ``x``: float32 ``[B, L, E]``, **batch first** (``B`` sequences of ``L`` positions,
  ``E = embed_dim`` features each), any ``B >= 1`` and ``L >= 1``. Self-attention: the
  queries, keys and values all come from ``x``.
- ``key_padding_mask``: ``None`` (the default: every key is real) or a bool tensor
  ``[B, L]`` on ``x``'s device where ``True`` marks a **padded key** that must get no
  attention (``nn.MultiheadAttention``'s convention: True = ignore). Sequences of
  different lengths are padded at the end to one length ``L``.
- Steps:

  1. ``q, k, v = q_proj(x), k_proj(x), v_proj(x)``, each ``[B, L, E]``;
  2. split each into heads: ``[B, L, E] -> [B, L, num_heads, head_dim] -> [B, num_heads, L,
     head_dim]`` (``.view`` or ``.reshape``, then ``.transpose(1, 2)``): head ``i`` owns the
     **contiguous** features ``i * head_dim .. (i + 1) * head_dim - 1``, as in
     ``nn.MultiheadAttention``. (A direct ``.view(B, num_heads, L, head_dim)`` without the
     transpose mixes positions into the heads, and ``.view(B, L, head_dim, num_heads)``
     interleaves the features: both are wrong);
  3. scores ``q @ k.transpose(-2, -1) / sqrt(head_dim)``: ``[B, num_heads, L, L]``, entry
     ``[b, h, i, j]`` = how much query position ``i`` looks at key position ``j`` in head
     ``h``. The scale is ``1 / sqrt(head_dim)``, **not** ``1 / sqrt(embed_dim)``;
  4. with a mask, set the scores of padded keys to ``-inf`` **before** the softmax, for
     every head and every query (``scores.masked_fill(key_padding_mask[:, None, None, :],
     float('-inf'))``, or add a ``[B, 1, 1, L]`` tensor holding ``-inf`` at padded keys and
     0 elsewhere; a very negative finite number such as ``torch.finfo(scores.dtype).min``
     works too). Multiplying scores by 0 or zeroing weights after the softmax is wrong;
  5. ``softmax`` over the **keys** (the last dimension): each row of weights sums to 1 and
     a padded key gets weight exactly 0;
  6. ``weights @ v``: ``[B, num_heads, L, head_dim]``; merge the heads back with
     ``.transpose(1, 2).reshape(B, L, E)`` (the inverse of step 2);
  7. ``output = out_proj(merged)``: float32 ``[B, L, E]``.

- ``weights``: float32 ``[B, L, L]``, the per-head softmax weights **averaged over the
  heads** (``.mean(dim=1)`` of the ``[B, num_heads, L, L]`` tensor): what
  ``nn.MultiheadAttention`` returns with ``need_weights=True, average_attn_weights=True``.
  Not one head's weights, not their sum.
- Padded **queries** (rows of a padded position) still get an output and a row of weights:
  they attend the valid keys like any query (what torch gives; a model ignores them
  later). The graders never pass a sequence whose keys are all padded (its softmax would
  be over nothing: NaN, in torch too).
- No dropout, and the same output in train and eval mode. Every tensor you create in
  ``forward`` (a mask, an additive bias) must be made on ``x``'s device (``device=
  x.device``), or derived from ``x`` / the mask.

Check it yourself against torch::

    mha = nn.MultiheadAttention(E, h, batch_first=True)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([m.q_proj.weight, m.k_proj.weight, m.v_proj.weight]))
        mha.in_proj_bias.copy_(torch.cat([m.q_proj.bias, m.k_proj.bias, m.v_proj.bias]))
        mha.out_proj.load_state_dict(m.out_proj.state_dict())
    out, w = mha.eval()(x, x, x, key_padding_mask=mask, need_weights=True)

What the graders check
----------------------
The graders load their own random weights into your four projections (weights
``randn / sqrt(E)``, biases ``0.5 * randn``, from a seeded generator) and compare with
``nn.MultiheadAttention(E, num_heads, batch_first=True)`` holding the same weights, in
float64, eval mode, on its math path (fast path off), with ``need_weights=True`` and
``average_attn_weights=True``; inputs ``x`` are ``1.5 * randn``. "Equal" means rtol 1e-4,
atol 1e-5 (``torch.testing.assert_close``'s rule), justified by a sweep: the reference and
a per-head-loop solution in float32, over 300 random cases (seeds 0-299; ``B`` 1-3, ``L``
1-7, 1-8 heads, ``head_dim`` 1-8, half with random masks), are at worst 0.13 of that
tolerance off torch's float64 result on the outputs (largest error 1.5e-6) and 0.006 of it on
the weights, while every wrong solution tried (a wrong head split, scale, projection or
mask) is off by more than 5e-3 somewhere.

- ``architecture``: for ``(embed_dim, num_heads)`` = (32, 4), (128, 8), (12, 3): an
  ``nn.Module`` with every layer registered; no ``nn.MultiheadAttention`` inside; the
  attributes ``q_proj``, ``k_proj``, ``v_proj``, ``out_proj`` each ``nn.Linear(E, E)`` with
  a bias and no other ``nn.Linear``; its parameters exactly the weights and biases of those
  four; ``embed_dim``, ``num_heads`` and ``head_dim`` stored as above; ``model(x)`` (no
  mask given: the default) on ``x`` ``[2, 5, E]`` returns a tuple of float32 ``[2, 5, E]``
  and ``[2, 5, 5]``, computed without calling ``F.scaled_dot_product_attention``,
  ``F.multi_head_attention_forward`` or ``torch._native_multi_head_attention``;
- ``param_count``: exactly 4,224 parameters for (32, 1), (32, 4), (32, 8); 66,048 for
  (128, 8); 624 for (12, 3); 168 for (6, 6);
- ``matches_torch``: the output of ``model(x)`` (the default ``key_padding_mask=None``)
  equals ``nn.MultiheadAttention``'s: first ``E = 32`` with 4 heads on ``[2, 5, 32]``, then
  ``E = 32`` with 1, 2, 4 and 8 heads on ``[2, 6, 32]``, then 25 generated cases (``B``
  1-3, ``L`` 1-7, ``num_heads`` in 1, 2, 4, 8, ``head_dim`` in 1, 2, 3, 4, 8);
- ``attention_weights``: the ``weights`` of ``model(x)`` equal ``nn.MultiheadAttention``'s
  head-averaged weights and each row sums to 1: ``E = 32`` with 4 heads on ``[2, 5, 32]``,
  ``E = 32`` with 1, 2, 4, 8 heads on ``[3, 4, 32]``, then 20 generated cases (``B`` 1-3,
  ``L`` 1-7, ``num_heads`` in 1, 2, 4, 8, ``head_dim`` in 1, 2, 4, 8);
- ``key_padding_mask`` (passed by keyword: ``model(x, key_padding_mask=mask)``): with
  padding at the end (lengths 5 and 3 of 5 with 4 heads and ``E = 32``; lengths 6, 1, 4 of
  6 with 1, 2, 4, 8 heads and ``E = 32``) and on 20 generated random masks (each sequence
  keeps at least one real key; ``B`` 1-3, ``L`` 1-7, 1-8 heads, ``head_dim`` 1, 2, 4):
  the weights equal ``nn.MultiheadAttention``'s with the same mask, every weight on a
  padded key is **exactly** 0, the output (padded queries included) equals torch's, and
  replacing the inputs at padded positions by other values (``10 * randn``) leaves the
  outputs at the real positions unchanged; and an all-``False`` mask gives the output of
  no mask;
- ``heads_must_divide``: ``MultiHeadSelfAttention(E, h)`` raises ``ValueError`` whose
  message contains "divis" or "divid" for (32, 3), (32, 5), (10, 4), (12, 8), (6, 4); and
  (32, 32), (6, 3), (5, 1), (12, 12) build and run on ``[1, 3, E]``;
- ``follows_device``: every tensor of ``MultiHeadSelfAttention(16, 4)`` and of its forward
  pass follows ``.to(device)``, without a mask and with a ``key_padding_mask`` on the same
  device (checked on the ``meta`` device, in train and eval mode);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``MultiHeadSelfAttention(32,
  4)`` with a key padding mask gives the same output and weights on CPU and CUDA (full
  float32: TF32 off; rtol 1e-4, atol 1e-5).

There is no training in this exercise, so no thresholds from sweeps: every check compares
with ``nn.MultiheadAttention`` or an exact property.
"""
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    """Self-attention over [B, L, E] with num_heads heads: returns (output [B, L, E], weights [B, L, L])."""

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        # TODO (task 1): ValueError unless num_heads divides embed_dim; embed_dim, num_heads, head_dim;
        # q_proj, k_proj, v_proj, out_proj: nn.Linear(embed_dim, embed_dim) each
        raise NotImplementedError("MultiHeadSelfAttention.__init__")

    def forward(self, x, key_padding_mask=None):
        # TODO (task 1): project, split heads, scaled scores, -inf on padded keys, softmax over keys,
        # weighted sum, merge heads, out_proj; return (output, weights averaged over the heads)
        raise NotImplementedError("MultiHeadSelfAttention.forward")
