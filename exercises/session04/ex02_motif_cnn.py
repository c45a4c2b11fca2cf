"""Session 4, exercise 2: a CNN that finds a TATA box wherever it sits.

Genomics context
----------------
Many eukaryotic promoters carry a TATA box (consensus ``TATAWAWR``; here the core
``TATAAA``) some 25-30 bp upstream of the transcription start site, but its exact
position varies from gene to gene. A model that should say "this sequence has a TATA
box" must therefore find the motif *anywhere*. A 1D convolution does exactly that: each
filter (a ``4 x kernel_size`` weight matrix, like a position weight matrix) slides along
the one-hot sequence and responds at every position; a *global max pool* then keeps the
best response of each filter, wherever it occurred. The same filter at every position
(parameter sharing) plus the maximum over positions makes the score independent of
where the motif lies, and lets the network read sequences of any length.

One-hot encoding, as in session 1 and exercise 1: a sequence of ``L`` bases is a float32
matrix ``[4, L]`` with rows A, C, G, T; column ``j`` holds a single 1.0 in the row of
base ``j``. A batch of sequences is ``[N, 4, L]`` (channels first, as ``nn.Conv1d``
expects).

Task 1: ``generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42)``
----------------------------------------------------------------------------------------------
Synthetic data with a planted motif. Returns ``(sequences, labels)``:

- ``sequences``: float32 ``[n_samples, 4, seq_len]``, the one-hot encoding (rows A, C,
  G, T) of ``n_samples`` DNA sequences; every position is one of A, C, G, T;
- ``labels``: float32 ``[n_samples]``, 1.0 for a sequence that carries the motif
  (positive) and 0.0 for one that does not (negative), in the same order as the rows.

The recipe:

- Exactly ``n_samples // 2`` sequences are positive, the other
  ``n_samples - n_samples // 2`` negative (``n_samples=7`` gives 3 and 4,
  ``n_samples=1`` gives 0 and 1).
- Every base of a background is drawn uniformly from A, C, G, T.
- A positive is a background with ``motif`` written over it at a start drawn uniformly
  from ``0, 1, ..., seq_len - len(motif)`` (every start, the last one included: with
  ``torch.randint`` the upper bound is ``seq_len - len(motif) + 1``, because randint
  excludes it; the course guide's ``np.random.randint(0, seq_len - len(motif))`` never
  uses the last start). When ``seq_len == len(motif)`` every positive is the motif.
- The motif occurs *exactly once* in each positive and *never* in a negative. A random
  background carries the motif by chance now and then (a 6-mer has one chance in 4,096
  at each position); the course guide keeps such sequences, which gives mislabelled
  negatives. Here, draw a sequence that breaks the rule again (a new background, and for
  a positive a new start) until it holds. An occurrence is a start position ``i`` with
  ``seq[i:i + len(motif)] == motif``; the motifs graded (``TATAAA``, ``CACGTG``, ``GATC``)
  cannot overlap themselves, so ``str.count`` counts them correctly.
- ``motif`` is a non-empty string of the letters A, C, G, T; a motif longer than
  ``seq_len`` raises ``ValueError``.
- The order of the rows is yours (shuffle them or not; no check depends on it), as long
  as each label stays with its sequence.
- Random numbers come from a generator of your own, seeded with ``seed``:
  ``generator = torch.Generator().manual_seed(seed)``, passed to every draw
  (``torch.randint(0, 4, (seq_len,), generator=generator)``). The same arguments give
  exactly the same data on every call; different seeds give different data. Don't call
  ``torch.manual_seed`` or ``np.random.seed`` here (unlike the course guide): torch's
  global random generator must be neither read nor changed by this function. (A
  ``numpy.random.default_rng(seed)`` works as well: what is graded is the behaviour.
  The order of your draws is yours; no check expects particular sequences.)

Task 2: ``MotifCNN(kernel_size=8, n_kernels=32)``
--------------------------------------------------
An ``nn.Module`` with exactly two layers with parameters, both registered (attributes
or an ``nn.Sequential``):

- ``nn.Conv1d(4, n_kernels, kernel_size)``: stride 1, no padding, with a bias;
- ``nn.Linear(n_kernels, 1)``, with a bias.

``forward(x)`` takes float32 ``[N, 4, L]`` for any ``N >= 1`` and any length
``L >= kernel_size`` and returns float32 probabilities ``[N]`` (also ``[1]`` for one
sequence):

1. the convolution, ``[N, n_kernels, L - kernel_size + 1]``, then ReLU;
2. global max pooling: the maximum of each filter over ALL positions,
   ``[N, n_kernels]`` (``nn.AdaptiveMaxPool1d(1)`` then ``.squeeze(-1)``, or
   ``.amax(dim=-1)``); not an average, and not a pool with a fixed window;
3. the Linear layer, ``[N, 1]``, then ``torch.sigmoid`` (probabilities for
   ``nn.BCELoss``);
4. ``.squeeze(-1)`` to ``[N]``. The course guide's bare ``.squeeze()`` turns the output
   for a single sequence into a 0-d tensor: squeeze only the last dimension.

Use ``nn.Conv1d`` and ``nn.Linear`` themselves (the graders find them among the model's
modules and set their weights); ReLU and the pooling may be modules or functions.
Parameters: ``4 * n_kernels * kernel_size + n_kernels`` (convolution) ``+ n_kernels + 1``
(Linear); ``MotifCNN()`` has 1,089.

What the graders check
----------------------
- ``motif_data``: ``generate_sequences_with_motif()`` with no arguments (defaults 1000,
  50, ``"TATAAA"``) and with ``(1200, 12, "TATAAA", 5)``, ``(1200, 40, "GATC", 7)``,
  ``(7, 20, "CACGTG", 3)``, ``(1, 20, "CACGTG", 0)`` and ``(10, 6, "TATAAA", 1)``:
  a tuple of two float32 tensors of shapes ``[n, 4, seq_len]`` and ``[n]``; every
  position one-hot; labels only 0.0 and 1.0, ``n // 2`` of them 1.0; decoding each
  sequence (rows A, C, G, T) and searching it for the motif, every positive holds it
  exactly once and no negative holds it; every start from 0 to ``seq_len - len(motif)``
  used by some positive in the second and third calls, and for ``(1200, 12, "TATAAA", 5)``
  each of the 7 starts used by between 0.5x and 1.5x its expected share of the 600
  positives; in the default call, each base between 0.23 and 0.27 of the negatives'
  bases; ``ValueError`` for ``(4, 5, "TATAAA", 0)``;
- ``motif_data_seeded``: the same arguments give identical tensors on every call
  (whatever torch's global seed), seeds 5 and 6 give different sequences; calls that
  omit arguments, ``()``, ``(300,)``, ``(300, 20)``, ``(300, 20, "GATC")``, equal the
  calls that spell out the defaults ``n_samples=1000, seq_len=50, motif="TATAAA",
  seed=42``; torch's global random state is the same before and after a call;
- ``architecture``: for ``MotifCNN(8, 32)``, ``(6, 16)`` and ``(12, 4)``: exactly one
  registered ``nn.Conv1d``, ``(4, n_kernels, kernel_size)`` with stride 1, no padding
  and a bias, and exactly one ``nn.Linear(n_kernels, 1)``; the output for 16 inputs of
  length 50 has shape ``[16]``, float32, values in (0, 1);
- ``param_count``: 1,089, 417, 201 and 15 parameters for ``(8, 32)``, ``(6, 16)``,
  ``(12, 4)``, ``(3, 1)``; 1,089 for ``MotifCNN()``, 545 for
  ``MotifCNN(n_kernels=16)`` and 833 for ``MotifCNN(kernel_size=6)`` (the defaults);
- ``forward``: in eval mode, for one-hot sequences of length 50 and random inputs of
  length 31, the output equals sigmoid(Linear(max over positions of ReLU(conv(x)))),
  computed from your own Conv1d's and Linear's weights (with some filters' biases
  lowered so that they respond below zero everywhere) (rtol 1e-4, atol 1e-5);
- ``position_invariance``: (1) for models of any size with their initial weights, a
  block of bases written among N's (all-zero columns), with at least ``kernel_size`` N's
  on each side, scores the same for every start (hypothesis-generated blocks and sizes;
  rtol 1e-5, atol 1e-6); (2) ``MotifCNN(6, 4)`` with its filter 0 set by hand to TATAAA
  (weights = the motif's one-hot matrix, bias -5, so a full match responds 1 and any
  other window at most 0), the other filters zero, and a Linear with weight 3 on filter
  0, 0 on the others, bias -1: every sequence of 50 bases that holds TATAAA scores
  sigmoid(2), wherever the motif starts (0 to 44), and every sequence without it scores
  sigmoid(-1);
- ``any_length``: ``MotifCNN()`` on lengths 8, 9, 50 and 137, ``MotifCNN(5, 3)`` on 5,
  6, 29 and ``MotifCNN(12, 7)`` on 12 and 40: shape ``[5]`` for 5 sequences and ``[1]``
  for one, and the 5 scored together equal the 5 scored one by one;
- ``learns``: ``MotifCNN()`` trained by the graders' own loop (full-batch Adam,
  ``lr=0.03``, 30 steps, ``F.binary_cross_entropy``) on 300 sequences of
  ``coursekit.data.session04.planted_motif_dataset(500, 50, "TATAAA", seed=3)`` reaches
  a held-out accuracy of at least 0.8 (probability > 0.5 = motif) on the other 200;
  before training, its output for the 300 has shape ``[300]`` with values in [0, 1].
  Over 30 data sets (seeds 0 to 29) and 2 initialisations each, the reference reached
  0.915 at worst (mean 0.96);
- ``follows_device``: every tensor of ``MotifCNN(5, 6)`` and of its forward pass follows
  ``.to(device)`` (checked on the ``meta`` device): create no tensor in ``forward``
  without ``device=x.device``;
- ``cuda_parity``: the same outputs on CPU and GPU (full float32), where a GPU exists
  (0 points).
"""
import torch
from torch import nn


def generate_sequences_with_motif(n_samples: int = 1000, seq_len: int = 50, motif: str = "TATAAA",
                                  seed: int = 42):
    """One-hot sequences [n, 4, seq_len] and labels [n]: n // 2 carry the motif once."""
    # TODO (task 1)
    raise NotImplementedError("generate_sequences_with_motif")


class MotifCNN(nn.Module):
    """Conv1d(4, n_kernels, kernel_size), ReLU, global max pool, Linear(n_kernels, 1), sigmoid."""

    def __init__(self, kernel_size: int = 8, n_kernels: int = 32):
        super().__init__()
        # TODO (task 2): the convolution and the Linear layer
        raise NotImplementedError("MotifCNN.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): probabilities of shape [N]
        raise NotImplementedError("MotifCNN.forward")
