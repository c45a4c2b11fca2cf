"""Session 7, exercise 1: scaled dot-product attention from scratch.

Genomics context
----------------
A convolution sees a window of a few bases; a regulatory element acts through contacts
that may lie hundreds of bases apart (an enhancer and its promoter, the two arms of an
RNA hairpin, a pair of binding sites that must co-occur). **Attention** lets every
position of a sequence look at every other position in one step and decide for itself
which ones matter. Each position emits a *query* ("what am I looking for?"), a *key*
("what do I hold?") and a *value* ("what do I pass on?"); a query's affinity for a key
is their dot product, the affinities of one query are turned into *attention weights*
by a softmax over the keys, and the query's output is the weighted mean of the values.
This one function is the heart of every transformer of this session (DNA-BERT, the
DNA-GPT generator) and of genomics models such as Enformer and the nucleotide
transformers. The weights it returns are also what people plot to see which bases a
model related to which.

Two kinds of masks decide which keys a query may see:

- a *padding* mask: sequences of different lengths are padded to one length, and no
  query may attend the padding (``N`` tokens at the end of a short read);
- a *causal* mask: a model that generates DNA base by base (exercise 6) must not let
  position ``i`` see the bases after it, or it learns to copy the answer.

Task 1: ``scaled_dot_product_attention(Q, K, V, mask=None, is_causal=False)``
------------------------------------------------------------------------------
Returns a tuple ``(output, weights)``.

Inputs:

- ``Q``: floating tensor ``[..., Lq, d_k]`` (queries), ``K``: ``[..., Lk, d_k]`` (keys),
  ``V``: ``[..., Lk, d_v]`` (values). The leading dimensions ``...`` (batch, heads) are
  the same for the three and there may be any number of them, **including none**
  (``Q`` of shape ``[Lq, d_k]``). ``Lq`` and ``Lk`` may differ, and so may ``d_k`` and
  ``d_v``. All three have the same dtype (float32 or float64).
- ``mask`` (default ``None``: every query sees every key) is either
    * a **bool** tensor broadcastable to ``[..., Lq, Lk]`` (e.g. ``[Lq, Lk]``, or
      ``[batch, 1, Lk]`` for a padding mask) where
      **True means "this query may attend this key"** and False "it may not" (the
      convention of ``torch.nn.functional.scaled_dot_product_attention``'s
      ``attn_mask``), or
    * a **float** tensor (the dtype of ``Q``) broadcastable to ``[..., Lq, Lk]`` that is
      **added** to the scores before the softmax (a bias; it may hold ``-inf``, which
      blocks that key).
  Tell them apart with ``mask.dtype == torch.bool``.
- ``is_causal`` (default ``False``): when True, query ``i`` may attend only keys
  ``j <= i``, **top-left aligned** (``torch.ones(Lq, Lk, dtype=torch.bool).tril()``,
  torch's convention), also when ``Lq != Lk``: with fewer queries than keys, query ``i``
  sees keys ``0 .. i``; with more queries than keys, the queries ``i >= Lk - 1`` see every
  key. With **both** ``is_causal=True`` and a ``mask``, a key must be allowed by both
  (for a bool mask: the two combined with ``&``; for a float mask: the mask is added and
  the causally blocked keys are ``-inf``). (``F.scaled_dot_product_attention`` refuses
  this combination; yours accepts it.) Build the causal mask on the device of ``Q``
  (``device=Q.device``), never on the default CPU device.

Computation:

- ``scores = Q @ K^T / sqrt(d_k)`` with ``d_k = Q.size(-1)``, of shape ``[..., Lq, Lk]``;
  transpose ``K`` with ``K.transpose(-2, -1)`` (``.T`` reverses *every* dimension of a
  batched tensor);
- masked keys get the score ``-inf`` **before** the softmax (bool mask: where it is
  False; causal: where ``j > i``); a float mask is added to the scores;
- ``weights = softmax(scores)`` over the **last** dimension (the keys): for each query,
  its weights are >= 0, **exactly 0** on every masked key, and sum to 1;
- ``output = weights @ V``, of shape ``[..., Lq, d_v]``.

Return ``(output, weights)``, ``output`` ``[..., Lq, d_v]`` and ``weights``
``[..., Lq, Lk]``, both in the dtype of the inputs (no ``.double()`` left in the result),
both carrying gradients back to ``Q``, ``K`` and ``V`` (no ``.detach()``, ``.item()``,
numpy or ``torch.no_grad()``). Do not change ``Q``, ``K``, ``V`` or ``mask`` (no in-place
``Q /= ...``).

**A query whose keys are all masked** (a whole row of the bool mask False, a float-mask
row all ``-inf``, or the causal mask and the mask together leaving it nothing) has no
softmax: ``-inf`` everywhere gives ``0 / 0 = NaN``. Such a row must get
**weights all 0 and output 0** (what ``F.scaled_dot_product_attention`` returns in
the torch of this course, 2.13; older versions gave NaN), and no NaN anywhere. Find
those rows (e.g. ``torch.isneginf(scores).all(dim=-1, keepdim=True)``), give them a
harmless score (e.g. 0) *before* the softmax and set their weights to 0 afterwards
(``masked_fill`` / ``torch.where``). With a bool mask (with or without
``is_causal``), the gradients reaching ``Q``, ``K`` and ``V`` must stay finite too: if the
masks are *added* as ``-inf`` (``scores + bias``), a NaN replaced only after the softmax
(``nan_to_num``) still sends NaN gradients back to ``Q`` and ``K``. A blocked score of
``-1e9`` instead of ``-inf`` gives such a row uniform weights, not 0.

Written out, with ``Q``, ``K`` of shapes ``[1, 4]``, ``[2, 4]``: ``Q = [[2, 0, 0, 0]]``,
``K = [[1, 0, 0, 0], [0, 0, 0, 0]]`` give scores ``[[2 / sqrt(4), 0]] = [[1, 0]]`` and
weights ``[[e / (e + 1), 1 / (e + 1)]] = [[0.731, 0.269]]``.

Data
----
The graders use random tensors, not DNA: queries, keys and values drawn from
``torch.randn`` times a scale (0.3, 1, 1.5 or 3), with 0, 1 or 2 leading dimensions of
sizes 1-3, ``Lq`` and ``Lk`` from 1 to 6, ``d_k`` and ``d_v`` from 1 to 8 (often
different), float32 and float64; random bool masks (about half the keys allowed) of
shapes ``[..., Lq, Lk]``, ``[Lq, Lk]`` and ``[..., 1, Lk]``; random float masks (biases
of size about 2, about a fifth of the entries ``-inf``) of the same shapes.

What the graders check
----------------------
Trusted values: the output of ``torch.nn.functional.scaled_dot_product_attention``
computed in float64 (with the causal and the given mask combined into one mask), the
weights computed by the graders in float64 (the masked softmax above), gradients from
torch's function in float64. Tolerances (``|found - trusted| <= atol + rtol * |trusted|``):
weights rtol 1e-4, atol 1e-5; outputs and gradients rtol 1e-4, atol 1e-4. Swept over
2,000 random float32 cases of the data above (all mask kinds), the reference's largest
error is 7% of the tolerance for outputs, 2% for weights and 12% for gradients (two
differently written correct solutions: at most 3%, 2% and 12%); torch's own float32
``F.scaled_dot_product_attention`` errs about as much; a wrong scale or mask errs by
1e-2 and more.
Every check starts with a plain hand-picked case, then draws generated cases
(hypothesis, deterministic).

- ``matches_torch`` (2 points): called **without** ``mask`` and ``is_causal`` (the
  defaults must be ``None`` and ``False``): the written-out case above (weights
  ``[e / (e + 1), 1 / (e + 1)]`` and the output they give with
  ``V = [[1, 0, 0], [0, 1, 0]]``), then 30 generated cases (leading dimensions, ``Lq``,
  ``Lk``, ``d_k``, ``d_v``, scale, float32 / float64): a tuple of two tensors of shapes
  ``[..., Lq, d_v]`` and ``[..., Lq, Lk]`` in the inputs' dtype; the output and the
  weights equal the trusted ones; ``Q``, ``K`` and ``V`` are unchanged by the call; with
  ``Q``, ``K``, ``V`` requiring grad the output requires grad and the gradients reaching
  ``Q``, ``K`` and ``V`` equal torch's;
- ``attention_weights`` (1 point): on a batch of 2 with 3 queries and 5 keys, then 25
  generated cases with and without a bool mask (every query keeps at least one key): the
  weights equal the trusted masked softmax, are >= 0, exactly 0 on masked keys, and
  each query's weights sum to 1;
- ``boolean_mask`` (2 points): a 2-query, 3-key case, then 30 generated bool masks of
  the three shapes above (every query keeps at least one key): output and weights equal
  the trusted ones, weights exactly 0 where the mask is False and rows summing to 1, the
  mask unchanged by the call;
- ``additive_mask`` (1 point): ``Q = 0`` with the float mask
  ``[[0, log 3, -inf], [-1, -1, -1]]`` must give weights ``[[0.25, 0.75, 0],
  [1/3, 1/3, 1/3]]``, then 30 generated float masks (finite biases and ``-inf``, never a
  whole row ``-inf``), float32 and float64: output and weights equal the trusted ones;
- ``causal`` (1 point): ``is_causal=True`` on 3 queries and 3 keys (row 0 of the output
  equals ``V[0]``, weights exactly 0 above the diagonal), on 3 queries and 5 keys, on 5
  queries and 3 keys (top-left alignment), then 30 generated cases alone and combined
  with a bool or a float mask (key 0 always allowed, so every query keeps a key): output
  and weights equal the trusted ones, causally blocked and masked weights exactly 0;
- ``fully_masked_row`` (1 point): 3 queries and 4 keys with query 1 allowed no key, then
  30 generated cases where some queries have no key left, with a bool mask, a float mask
  of 0 and ``-inf``, or a bool mask that forbids key 0 together with ``is_causal=True``
  (query 0 then has nothing): no NaN or inf in output or weights, those rows exactly 0 in
  both, the other rows equal to the trusted ones; with the bool masks (with or without
  ``is_causal``), the gradients reaching ``Q``, ``K`` and ``V`` are finite and equal
  torch's;
- ``follows_device`` (1 point): a small self-attention model (an ``nn.Linear`` making
  ``Q``, ``K``, ``V`` from ``x`` of shape ``[2, 6, 8]``, a bool key-padding mask of shape
  ``[2, 1, 6]`` made on ``x``'s device, then your function with that mask and
  ``is_causal=True``) runs after ``.to("meta")``, in train and eval mode, and every
  tensor it returns is on the ``meta`` device: a causal mask made without
  ``device=Q.device`` fails;
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same model gives the same
  output and weights on CPU and CUDA (full float32, TF32 off; rtol 1e-4, atol 1e-5).
"""
import math  # noqa: F401  (math.sqrt)

import torch


def scaled_dot_product_attention(Q: torch.Tensor, K: torch.Tensor, V: torch.Tensor,
                                 mask: torch.Tensor | None = None, is_causal: bool = False):
    """(output [..., Lq, d_v], weights [..., Lq, Lk]): softmax(Q K^T / sqrt(d_k) + masks) V."""
    # TODO (task 1): scores, the causal and the given mask, the softmax over the keys,
    # rows with no key left set to 0, then weights @ V
    raise NotImplementedError("scaled_dot_product_attention")
