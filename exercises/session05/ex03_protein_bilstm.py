"""Session 5, exercise 3: a bidirectional LSTM that predicts secondary structure per residue.

Genomics context
----------------
A protein's secondary structure (helix H, strand E, coil C) is a label per residue, and
whether a residue sits in a helix depends on its neighbours on *both* sides. A
unidirectional LSTM at position ``t`` has read only residues ``0..t``; a bidirectional
LSTM runs a second LSTM from the end of the chain back to the start and concatenates,
at every position, the forward state (residues ``0..t``) with the backward state
(residues ``t..L-1``). The kit's data (``coursekit.data.session05.protein_structure_dataset``)
are synthetic proteins made of helix, strand and coil segments whose residues favour
their class (Chou-Fasman-like), with labels 0 (H), 1 (E), 2 (C) per residue.
``coursekit.data.session05.pad_indices(sequences)`` turns protein strings into int64
residue indices ``[B, L]`` in the order of ``AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY"``
(index 0 is alanine, ``A``).

Task: ``ProteinLSTM(vocab_size=20, hidden_size=128, bidirectional=True)``
-------------------------------------------------------------------------
An ``nn.Module`` with exactly these three layers, registered as attributes (any names):

1. ``nn.Embedding(vocab_size, 64)``: a 64-number vector per residue index. No
   ``padding_idx``: index 0 is alanine, a real residue that must learn its vector;
2. ``nn.LSTM(64, hidden_size, batch_first=True, bidirectional=bidirectional)``: one layer,
   with biases (the defaults of ``nn.LSTM``);
3. ``nn.Linear(2 * hidden_size, 3)`` when ``bidirectional`` is true (the LSTM's output
   concatenates both directions, so each position has ``2 * hidden_size`` features), and
   ``nn.Linear(hidden_size, 3)`` when it is false.

``forward(x)`` takes int64 residue indices ``[B, L]`` and returns float32 logits
``[B, L, 3]``: the Linear layer applied to the LSTM's output at *every* position (not only
the last one), with no softmax (``nn.CrossEntropyLoss`` takes logits). The LSTM starts
from zero states (pass none, or create them with ``device=x.device``). The output at
position ``t`` is ``Linear(concat(forward state after residues 0..t, backward state after
residues L-1..t))``; ``nn.LSTM(..., bidirectional=True)`` already returns that
concatenation, forward half first, both halves in the order of the positions (do not
reverse anything yourself).

Every position is read as a residue: this model does no packing, so padding would be
read as alanines (and, in the backward direction, before the real residues). The
graders therefore use batches of proteins of one length; packing is exercise 4.

The default model, ``ProteinLSTM()``, has 200,707 parameters: embedding 20*64 = 1,280;
LSTM 2 directions * (4*128*64 + 4*128*128 + 2*4*128) = 198,656; Linear 256*3 + 3 = 771.
With ``bidirectional=False``: 1,280 + 99,328 + 387 = 100,995.

What the graders check
----------------------
- ``architecture``: for several sizes, with ``bidirectional`` true and false, the model
  holds exactly one ``nn.Embedding(vocab_size, 64)`` without ``padding_idx``, one
  one-layer ``nn.LSTM`` with input size 64, hidden size ``hidden_size``, biases and
  ``bidirectional`` as asked, and one ``nn.Linear(2 * hidden_size or hidden_size, 3)``;
- ``param_count``: exactly 200,707 parameters for ``ProteinLSTM()`` built with no
  arguments (the defaults 20, 128, ``True``), and the exact count for other sizes,
  bidirectional and not (4*h*(64 + h) + 8*h per direction, plus the embedding and the
  Linear layer);
- ``per_residue_logits``: for several batch sizes, lengths (1 included) and model sizes,
  ``forward`` returns float32 ``[B, L, 3]``, equal (rtol 1e-4, atol 1e-5) to the graders'
  own step-by-step LSTM computation with your layers' weights (embedding lookup, the
  LSTM equations position by position in each direction, the Linear layer), no softmax;
- ``both_directions``: with ``bidirectional=True`` the logits at a position change when a
  residue *after* it changes and when a residue *before* it changes; with
  ``bidirectional=False`` changing a residue leaves every earlier position's logits
  unchanged; and the logits equal the Linear layer applied to the concatenation of a
  forward run and a backward run that the graders make themselves with your LSTM's
  weights (the ``_reverse`` weights run on the reversed sequence, its outputs put back in
  position order);
- ``learns``: ``ProteinLSTM(hidden_size=16)`` trained by the graders (full-batch Adam,
  ``lr=0.05``, 25 steps, cross-entropy over every residue, fixed seeds) on 120 of the
  kit's proteins of length 24 labels at least 0.75 of the residues of 80 other proteins
  correctly (the argmax of the logits);
- ``follows_device``: every tensor follows ``.to(device)`` (checked on the ``meta``
  device); ``cuda_parity``: the same logits on CPU and GPU where a GPU exists.
"""
import torch
from torch import nn


class ProteinLSTM(nn.Module):
    """Embedding(vocab_size, 64), LSTM (bidirectional or not), Linear to 3 logits per residue."""

    def __init__(self, vocab_size: int = 20, hidden_size: int = 128, bidirectional: bool = True):
        super().__init__()
        # TODO (task): the embedding, the LSTM and the Linear layer
        raise NotImplementedError("ProteinLSTM.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task): logits [B, L, 3] for int64 residue indices [B, L]
        raise NotImplementedError("ProteinLSTM.forward")
