"""Session 5, exercise 5: attention pooling over LSTM outputs, with a padding mask.

Genomics context
----------------
A classifier that reads a whole sequence must turn the LSTM's outputs, one vector per
position, into one vector per sequence. Attention pooling learns where to look: a small
layer gives every position a score, a softmax over the positions turns the scores into
weights that sum to 1, and the pooled vector is the weighted sum of the outputs. After
training on sequences that carry a motif, the weights of a positive sequence pile up
where the motif is: the model shows *where* it found the evidence, the way attention
maps point at binding sites in published genomics models.

With variable lengths, the batch is padded after each sequence's end, and the LSTM
still produces outputs (and so scores) at the padding positions. Those must get weight
exactly 0, and the weights of the valid positions must still sum to 1. The order
matters: mask the scores *before* the softmax. Zeroing padding weights after a softmax
over all positions leaves the valid weights summing to less than 1, and dividing by
their sum afterwards fails when a padding score is large (the valid weights underflow
to 0 and 0 / 0 is NaN). Such a model still trains; only the weights tell.

The kit's data: ``coursekit.data.session05.motif_length_dataset(n, min_length,
max_length, motif="TATA", seed=...)`` returns ``(sequences, labels, starts)``: DNA
strings of random lengths, half of them (label 1.0) holding the motif ``TATA`` exactly
once, starting at index ``starts[i]`` (``-1`` for the others, which never hold it);
``pad_one_hot(sequences)`` turns them into a float32 batch-first one-hot batch
``[B, L_max, 4]`` (columns A, C, G, T; all-zero rows after each end) and int64 lengths.

Shapes and conventions (all tasks)
----------------------------------
``B`` sequences, ``L`` positions (``L`` may be larger than every length: the batch can
carry extra padding), ``H`` features per position. ``lengths`` is int64 ``[B]`` with
``1 <= lengths[b] <= L``, in any order (not sorted). Positions ``t < lengths[b]`` are
valid, positions ``t >= lengths[b]`` are padding. ``lengths`` stays on the CPU whatever
the device of the other tensors (as ``pack_padded_sequence`` wants it): build the mask
on the scores' device, e.g. from ``torch.arange(L, device=scores.device)`` and
``lengths.to(scores.device)``. Values at padding positions (outputs and scores) are
arbitrary finite numbers, possibly huge (``1e4``): nothing may depend on them.

Task 1: ``masked_attention_pool(outputs, scores, lengths) -> (pooled, weights)``
--------------------------------------------------------------------------------
``outputs``: float32 ``[B, L, H]``; ``scores``: float32 ``[B, L]``, one score per position.

- ``weights``: float32 ``[B, L]``. For a valid position,
  ``weights[b, t] = exp(scores[b, t]) / sum over valid u of exp(scores[b, u])`` (the
  softmax over the valid positions only); at every padding position exactly ``0.0``.
  Do it by setting the padding scores to ``float("-inf")`` (e.g. ``masked_fill``) and
  then taking ``torch.softmax`` over the time dimension (``dim=1``): ``exp(-inf)`` is
  exactly 0. A sequence of length 1 gets weight 1.0 at position 0.
- ``pooled``: float32 ``[B, H]``, ``pooled[b] = sum over t of weights[b, t] * outputs[b, t]``
  (a batched matrix product, or a broadcast product summed over ``dim=1``).

Return the tuple ``(pooled, weights)``.

Task 2: ``AttentionPooling(hidden_size)``
-----------------------------------------
An ``nn.Module`` whose only layer is ``nn.Linear(hidden_size, 1)`` (with its bias): the
score of a position is that layer applied to the position's output vector, so the
module has ``hidden_size + 1`` parameters. ``forward(outputs, lengths)`` takes
``outputs`` float32 ``[B, L, hidden_size]`` and returns ``(pooled [B, hidden_size],
weights [B, L])``: the scores ``[B, L]`` (squeeze the last dimension, size 1, *before*
the softmax: a softmax over that dimension gives every position weight 1) pooled by
``masked_attention_pool``.

Task 3: ``AttentionLSTMClassifier(input_size=4, hidden_size=32)``
-----------------------------------------------------------------
An ``nn.Module`` with exactly these layers (attribute names are yours; the graders find
them by type):

- one ``nn.LSTM(input_size, hidden_size, batch_first=True)`` (one layer, one direction);
- one ``AttentionPooling(hidden_size)`` (an instance of your class from task 2);
- one ``nn.Linear(hidden_size, 1)`` outside it, the head.

``forward(x, lengths)`` takes ``x`` float32 ``[B, L, input_size]`` (batch first, padded
after each end) and int64 ``lengths`` ``[B]`` on the CPU, and returns the tuple
``(probabilities, weights)``:

1. run the LSTM (zero initial states) over the whole padded batch: ``outputs`` ``[B, L,
   hidden_size]``. Do not pack here: a forward LSTM's output at a valid position never
   depends on the padding after it, the mask removes the padding positions, and
   ``pad_packed_sequence`` cannot run on the ``meta`` device that the device check uses;
2. ``pooled, weights = attention(outputs, lengths)``;
3. ``probabilities = sigmoid(head(pooled))`` squeezed to float32 ``[B]``, in (0, 1);
   ``weights`` is returned as it is, float32 ``[B, L]`` (``L`` of the input ``x``).

The default model has 4,930 parameters: the LSTM
``4 * (input_size * hidden_size + hidden_size * hidden_size + 2 * hidden_size)`` = 4,864
(four gates, two bias vectors), the attention's score layer 33 and the head 33. In
general ``4 * (i * h + h * h + 2 * h) + 2 * (h + 1)``.

What the graders check
----------------------
Tolerances are ``rtol=1e-4, atol=1e-5`` unless stated; "random cases" are 40 generated
batches (1 to 5 sequences, 1 to 12 positions, 1 to 6 features, random lengths from 1
to ``L``) plus a batch whose lengths are all 1, one without padding and one with lengths
``[7, 3, 12, 1, 9, 12, 5]``; scores are Gaussian (standard deviation 3), outputs at
padding positions of size about 1000, and in ``mask_before_softmax`` the padding scores lie
between ``5e3`` and ``1e4``.

- ``weights_sum_to_one``: ``masked_attention_pool`` returns ``(pooled [B, H], weights
  [B, L])``, float32, on the random cases; every weight is finite and ``>= 0`` and the
  weights of each sequence's valid positions sum to 1 (``atol=1e-5``);
  ``AttentionPooling(h)`` for ``h`` = 1, 5 and 32 has ``h + 1`` parameters in one
  ``nn.Linear(h, 1)`` and its weights sum to 1 the same way; ``AttentionLSTMClassifier()``
  (built without arguments: the defaults 4 and 32) has 4,930 parameters,
  ``AttentionLSTMClassifier(hidden_size=16)`` 1,442 and ``AttentionLSTMClassifier(6, 8)``
  530; their layers are as above; on a padded batch of one-hot DNA (and Gaussian inputs
  for ``(6, 8)``) they return probabilities ``[B]`` in (0, 1) and weights ``[B, L]``
  summing to 1 over the valid positions (eval mode);
- ``zero_on_padding``: every weight at a padding position is exactly ``0.0``, for
  ``masked_attention_pool`` on the random cases, for ``AttentionPooling(8)`` and for
  ``AttentionLSTMClassifier()``; ``pooled`` does not change when the padding outputs and
  scores are replaced by other values; appending 5 more all-zero positions to the
  classifier's input (same lengths) leaves the probabilities and the valid weights
  unchanged and gives weights ``[B, L + 5]``, zero on the new positions;
- ``pooled_vector``: ``pooled`` equals the weighted sum of the outputs computed by the
  graders from the weights you return, and the trusted pooled vector (the graders'
  softmax over each sequence's valid scores alone); for ``AttentionPooling`` the scores
  are computed by the graders with your ``nn.Linear``; for ``AttentionLSTMClassifier()``
  and ``(6, 8)`` the probabilities equal a trusted computation that runs each sequence
  alone, unpadded, through your LSTM, your score layer, the softmax, the weighted sum,
  your head and a sigmoid;
- ``mask_before_softmax``: the weights equal the trusted softmax over the valid
  positions only, for the random cases with padding scores up to ``1e4`` (a mask
  applied after the softmax, with or without dividing by the sum again, fails here),
  for ``AttentionPooling`` with your own scores, and for the classifiers above against
  the same trusted per-sequence computation;
- ``attends_motif``: ``AttentionLSTMClassifier()`` trained by the graders' own loop
  (full-batch Adam, ``lr=0.03``, 50 steps, binary cross-entropy on your probabilities,
  train mode) on the first 300 sequences of ``motif_length_dataset(500, 10, 24,
  seed=0)`` (via ``pad_one_hot``) must, in eval mode on the other 200, reach accuracy
  at least 0.75 (probability > 0.5 as class 1) and, over the held-out positives, put
  its largest weight inside the motif window (positions ``start`` to ``start + 4``,
  ``start`` from ``starts``: the four motif bases, which a forward LSTM has read
  completely at the last of them, and the position right after) for at least 70% of
  them, and put on average at least 0.45 of the weight inside that window (untrained
  attention puts about 0.3 there);
- ``follows_device``: every tensor of ``AttentionLSTMClassifier(4, 16)`` and
  ``AttentionPooling(8)``, and of their outputs, follows ``.to(device)`` (checked on the
  ``meta`` device, ``lengths`` on the CPU); ``cuda_parity`` (no points): the same
  outputs on CPU and CUDA where a GPU exists (full float32).
"""
import torch
from torch import nn


def masked_attention_pool(outputs: torch.Tensor, scores: torch.Tensor, lengths: torch.Tensor):
    """Masked softmax of ``scores`` over time and the weighted sum of ``outputs``:
    ``(pooled [B, H], weights [B, L])``."""
    # TODO (task 1)
    raise NotImplementedError("masked_attention_pool")


class AttentionPooling(nn.Module):
    """One score per step from ``nn.Linear(hidden_size, 1)``, then masked attention pooling."""

    def __init__(self, hidden_size: int):
        super().__init__()
        # TODO (task 2): the score layer
        raise NotImplementedError("AttentionPooling.__init__")

    def forward(self, outputs: torch.Tensor, lengths: torch.Tensor):
        # TODO (task 2): (pooled [B, hidden_size], weights [B, L])
        raise NotImplementedError("AttentionPooling.forward")


class AttentionLSTMClassifier(nn.Module):
    """LSTM (batch first), attention pooling over its outputs, Linear to 1 and a sigmoid."""

    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        # TODO (task 3): nn.LSTM, AttentionPooling and the head
        raise NotImplementedError("AttentionLSTMClassifier.__init__")

    def forward(self, x: torch.Tensor, lengths: torch.Tensor):
        # TODO (task 3): (probabilities [B], weights [B, L])
        raise NotImplementedError("AttentionLSTMClassifier.forward")
