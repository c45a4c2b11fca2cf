"""Session 5, exercise 6: a label per position, and a loss that ignores the padding.

Genomics context
----------------
Secondary structure is a label per residue: each amino acid of a protein sits in a helix
(H), a strand (E) or a coil (C). Predicting it is *many-to-many tagging*: the model reads
a protein and outputs one set of class scores per residue. Proteins differ in length, so
a batch is padded to its longest protein, and the padded positions hold no residue and
no label. A loss that averages over them still falls during training, and quietly learns
the padding: the loss must be taken over the valid positions only.

The kit's data: ``coursekit.data.session05.protein_structure_dataset(n, min_length,
max_length, seed)`` returns ``n`` synthetic proteins (strings over the 20 amino acids
``ACDEFGHIKLMNPQRSTVWY``) and a list of ``n`` int64 label tensors, one label per residue
(0 H, 1 E, 2 C). Each protein is a run of helix, strand and coil segments whose residues
mostly come from the amino acids that favour that structure. ``pad_indices(sequences)``
turns the proteins into int64 indices ``[B, L_max]`` (index of each letter in
``ACDEFGHIKLMNPQRSTVWY``, padded with 0) and their int64 ``lengths [B]``. The labels are
padded to ``[B, L_max]`` with -100 (the graders do this).

Task 1: ``masked_cross_entropy(logits, labels, lengths) -> Tensor``
-------------------------------------------------------------------
``logits``: float32 ``[B, L, C]`` (unnormalised class scores, one row per position);
``labels``: int64 ``[B, L]``; ``lengths``: int64 ``[B]`` on the CPU, with
``1 <= lengths[b] <= L``.
Position ``t`` of sequence ``b`` is *valid* when ``t < lengths[b]``; every other position
is padding. Return a 0-d float32 tensor: the cross-entropy
``-log softmax(logits[b, t])[labels[b, t]]`` averaged over **all valid positions of the
batch** (their total divided by ``lengths.sum()``), which is not the same as the mean of
per-sequence means when lengths differ. Labels at padded positions may hold any integer
(-100, 0, a class index; the graders use -100 and class indices) and must never be
used: select or mask the valid positions *from the lengths*; do not rely on the labels'
values. The result must be differentiable with respect to ``logits`` (keep the autograd
graph), and the gradient at every padded position is exactly 0. Build the mask on the
logits' device. The logits are raw scores: do not apply a softmax before
``F.cross_entropy`` (it applies log-softmax itself).

Task 2: ``SequenceTagger(vocab_size=20, embedding_dim=32, hidden_size=64, num_classes=3)``
------------------------------------------------------------------------------------------
An ``nn.Module``: ``nn.Embedding(vocab_size, embedding_dim)``, then a one-layer
**unidirectional** ``nn.LSTM(embedding_dim, hidden_size, batch_first=True)``, then
``nn.Linear(hidden_size, num_classes)`` applied at every position. ``forward(x)`` takes
int64 indices ``[B, L]`` and returns float32 logits ``[B, L, num_classes]`` (no softmax).
Start the LSTM from its default zero states (or, if you pass states, create them on
``x.device``). Because the LSTM reads left to right, the output at a valid position never
depends on the padding after it: the logits of a protein's valid positions are the same
whether it is run alone or padded in a batch. The default model has 25,923 parameters:
embedding 20*32 = 640, LSTM 4*64*(32 + 64) + 2*4*64 = 25,088, Linear 64*3 + 3 = 195.

What the graders check
----------------------
- ``masked_loss``: on random logits, labels and lengths (hypothesis-drawn batch sizes,
  lengths, padded widths and class counts; padded labels -100 or any class index),
  ``masked_cross_entropy`` returns a 0-d float32 tensor equal (rtol 1e-4) to a trusted
  loop over the sequences and their valid positions, and to ``F.cross_entropy`` on the
  valid positions alone;
- ``ignore_padding``: changing the logits or the labels at padded positions changes
  neither the loss nor the gradient with respect to the logits (rtol 1e-5), and that
  gradient is exactly 0 at every padded position;
- ``tagger_shape``: ``SequenceTagger()`` (all defaults) and other sizes map int64
  ``[B, L]`` to float32 ``[B, L, num_classes]``; each protein's logits at its valid
  positions equal those of the same protein run alone (atol 1e-5);
- ``param_count``: 25,923 parameters for ``SequenceTagger()`` built with no arguments,
  1,900 for ``SequenceTagger(21, 8, 16, 4)`` and 1,441 for ``SequenceTagger(25, 10, 12, 3)``;
- ``learns``: ``SequenceTagger()`` trained by the graders' own loop with your
  ``masked_cross_entropy`` (Adam, lr 0.02, 4 epochs over 200 proteins of 20-60
  residues in batches of 50, labels padded with -100) reaches a per-residue accuracy of
  at least 0.75 over the valid positions of 100 held-out proteins (argmax of the logits);
- ``follows_device``: every tensor follows ``.to(device)`` (checked on the ``meta``
  device); ``cuda_parity`` (0 points): the same logits on CPU and GPU where one exists.
"""
import torch
from torch import nn


def masked_cross_entropy(logits: torch.Tensor, labels: torch.Tensor,
                         lengths: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over the valid positions (t < lengths[b]) of the whole batch."""
    # TODO (task 1)
    raise NotImplementedError("masked_cross_entropy")


class SequenceTagger(nn.Module):
    """Embedding -> one-layer unidirectional LSTM (batch first) -> Linear: logits [B, L, C]."""

    def __init__(self, vocab_size: int = 20, embedding_dim: int = 32, hidden_size: int = 64,
                 num_classes: int = 3):
        super().__init__()
        # TODO (task 2): embedding, LSTM (batch_first=True), Linear
        raise NotImplementedError("SequenceTagger.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): logits of shape [B, L, num_classes]
        raise NotImplementedError("SequenceTagger.forward")
