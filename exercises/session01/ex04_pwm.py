"""Session 1, exercise 4: position weight matrices, scoring, and scanning a sequence for a motif.

Genomics context
----------------
A transcription factor binds short DNA words that vary a little from site to site: the
AP-1 complex binds ``TGACTCA`` and close relatives of it. Line up the sites a factor is
known to bind (from ChIP-seq peaks, say), count the bases at each position, and you get
a *position weight matrix* (PWM), the form in which databases such as JASPAR store
motifs. A PWM scores any word of its length: the log-probability of the word under the
motif. Sliding it along a sequence and scoring every window finds candidate binding
sites. That sliding dot product is exactly what ``F.conv1d`` computes on one-hot DNA,
which is why the first layer of a convolutional DNA model (DeepBind, Basset) is a bank
of learned PWMs.

Conventions (every task follows them)
-------------------------------------
- A PWM is a float32 tensor of shape ``[4, L]``: one row per base in the order A, C, G, T
  and one column per motif position; entry ``[r, i]`` is the frequency of base ``r`` at
  position ``i``, so every column sums to 1.
- Sequences and sites are strings of A, C, G and T, in either case: a lower-case letter
  counts as its upper-case base (``"a"`` is ``"A"``). The graders pass no other letters
  (raising ``ValueError`` for one is a good choice, not a graded one).
- The score of a base at a position is ``log2(pwm[r, i] + 1e-8)``: base-2 logarithm, the
  pseudocount ``1e-8`` added to the frequency so that a base never seen at a position
  scores ``log2(1e-8)`` (about -26.58) instead of minus infinity, and *no* background
  (not ``log2(p / 0.25)``). Scores are sums of these over positions, so they are at most
  (about) 0.

Task 1: ``create_pwm(sequences) -> Tensor [4, L]``
---------------------------------------------------
``sequences`` is a list of aligned binding sites, all of the same length ``L >= 1``.
Return the frequencies: entry ``[r, i]`` is the number of sites whose base at position
``i`` is base ``r``, divided by the number of sites (no pseudocounts here). Float32,
shape ``[4, L]``. For ``["ACG", "ACT", "AGT", "TCT"]``, column 0 is ``[0.75, 0, 0,
0.25]`` (three A, one T) and column 2 is ``[0, 0, 0.25, 0.75]``. An empty list raises
``ValueError``, and so does a list whose sites differ in length.

Task 2: ``score_with_pwm(sequence, pwm) -> float``
---------------------------------------------------
The score of ``sequence`` (length ``L``) under ``pwm`` (``[4, L]``): the sum over
positions ``i`` of ``log2(pwm[r_i, i] + 1e-8)``, where ``r_i`` is the row of the base at
position ``i``. Return a Python ``float`` (``.item()``). A sequence whose length is not
``L`` raises ``ValueError``. With the PWM of task 1, ``score_with_pwm("ACT", pwm)`` is
``log2(0.75) + log2(0.75) + log2(0.75)`` (about -1.245, plus the pseudocount's tiny share).

Task 3: ``scan_sequence(sequence, pwm, threshold=-10.0) -> list[tuple[int, float]]``
-------------------------------------------------------------------------------------
Score every window of ``L`` consecutive bases of ``sequence``: the windows start at
positions ``0, 1, ..., len(sequence) - L`` (the last window ends at the last base). Return
the hits, ``(start, score)`` tuples for every window whose score is ``>= threshold``
(a score equal to the threshold is a hit), in increasing order of ``start``; ``start`` is a
Python ``int`` (0-based), ``score`` a Python ``float`` equal to ``score_with_pwm`` of that
window. A sequence shorter than ``L`` has no windows: ``[]``. ``threshold`` may be any
float; ``-math.inf`` keeps every window.

Task 4: ``scan_batch(one_hot_batch, pwm) -> Tensor [B, N - L + 1]``
--------------------------------------------------------------------
The same scan for a whole batch at once, with ``F.conv1d``. ``one_hot_batch`` is a
float32 tensor ``[B, 4, N]`` (``N >= L``) laid out as exercise 1 makes it: rows A, C, G,
T, and each column either a single 1 or all zeros (an ``N`` or padding; such a column
adds 0 to every window that covers it). Entry ``[b, j]`` of the float32 result is the
score of the window of sequence ``b`` that starts at position ``j``: the sum over the
window's positions ``i`` and rows ``r`` of ``one_hot_batch[b, r, j + i] * log2(pwm[r, i]
+ 1e-8)``, so for a column with a 1 it is the score of task 2. Use the ``[4, L]`` matrix of
log-scores as the weight of a convolution with one output channel (weight shape ``[1, 4,
L]``) and drop the channel dimension of the output. Note that ``F.conv1d`` computes a
cross-correlation: it does not flip the kernel, which is what a PWM scan needs. No Python
loop over the windows or positions of the sequences (a loop whose length does not depend
on ``N`` is fine).

What the graders check
----------------------
Scores are compared with a trusted formula (a plain loop over positions with
``math.log2``, in float64) with ``rtol=1e-4, atol=1e-5``; positions, shapes and hit lists
exactly. Generated data: sites and sequences of A, C, G, T in mixed case, motifs of length
1 to 10.

- ``create_pwm``: the example of task 1; generated lists of 1 to 12 sites: float32, shape
  ``[4, L]``, every column summing to 1 (within ``1e-6``), every entry equal to the trusted
  frequency (within ``1e-6``); ``ValueError`` for ``[]`` and for sites of different lengths
  (a shorter and a longer one after the first);
- ``score``: the example of task 2; generated PWMs (made from generated sites, so some
  entries are 0) and sequences of their length: a Python float equal to the trusted
  score; ``ValueError`` for a sequence one base too long and one too short;
- ``scan``: generated PWMs and sequences of 0 to 40 bases: the hits for thresholds between
  the window scores, for ``-math.inf`` (every window, the last one included) and, with
  the threshold not given, for the default ``-10.0``; positions, order, types and scores
  as task 3 says; a threshold equal to one of the returned scores keeps that window
  (``>=``). Then a 300-base sequence (its second half in lower case) and the PWM of
  ``binding_sites("TGACTCA", n=20, mutation_rate=0.6, seed=0)``, with the threshold not
  given: 6 of its 294 windows score ``>= -10.0`` (3 score ``>= -9``, none ``>= -5``), and
  with the threshold set to exactly the fourth-best of the scores you returned, every
  window whose score is at least that threshold is a hit (the ``>=`` rule);
- ``scan_batch``: generated batches (1 to 4 sequences, ``N`` from ``L`` to 30, some
  all-zero columns) and PWMs: float32, shape ``[B, N - L + 1]``, every entry equal to the
  trusted loop over windows;
- ``scan_batch_no_loop``: ``scan_batch`` on two sequences of 20,000 bases runs at most 50
  more Python lines (of your module) than on two of 20 bases, and its result equals the
  trusted scores;
- ``finds_implanted_motif``: for seeds 0 to 4, a PWM made with your ``create_pwm`` from
  ``coursekit.data.session01.binding_sites("TGACTCAGCA", n=40, mutation_rate=0.15,
  seed=seed)`` and a 120-base sequence from ``implant_motif("TGACTCAGCA", 120, position,
  seed=100 + seed)`` with the motif at position 0, 37, 64, 101 and 110 (the last window)
  respectively: the top-scoring hit of ``scan_sequence(sequence, pwm)`` (default
  threshold) and the ``argmax`` of ``scan_batch`` on the one-hot ``[1, 4, 120]`` of that
  sequence are both at the implanted position. (The implanted window scores about -2; over
  100 seeds it beats every other window by at least 5.1 bits.)
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.conv1d scans a whole batch at once)


def create_pwm(sequences: list[str]) -> torch.Tensor:
    """Base frequencies of aligned sites: float32 ``[4, L]``, rows A, C, G, T, columns summing to 1."""
    # TODO (task 1)
    raise NotImplementedError("create_pwm")


def score_with_pwm(sequence: str, pwm: torch.Tensor) -> float:
    """Sum over positions of ``log2(pwm[base, i] + 1e-8)``, as a Python float."""
    # TODO (task 2)
    raise NotImplementedError("score_with_pwm")


def scan_sequence(sequence: str, pwm: torch.Tensor, threshold: float = -10.0) -> list[tuple[int, float]]:
    """``(start, score)`` of every window scoring ``>= threshold``, in order of ``start``."""
    # TODO (task 3)
    raise NotImplementedError("scan_sequence")


def scan_batch(one_hot_batch: torch.Tensor, pwm: torch.Tensor) -> torch.Tensor:
    """Scores of every window of a ``[B, 4, N]`` one-hot batch with ``F.conv1d``: ``[B, N - L + 1]``."""
    # TODO (task 4)
    raise NotImplementedError("scan_batch")
