"""Session 12, exercise 3: augmentation: reverse complements, random shifts and mutations.

Genomics context
----------------
A genome gives a fixed set of labelled windows (a peak and its flanks, a promoter and its
label). Deep models for genomics multiply that set with **augmentations**: copies of a window
that are changed in ways that should not change its label, drawn afresh at every epoch:

- the **reverse complement**: the same DNA read on the other strand. A transcription factor
  binds its site on either strand, and which strand a file shows is an accident;
- a **random shift** by a few bases: where a peak's summit lies is known to a few bases
  only, and a motif's exact place in the window should not matter (Basenji and Enformer
  shift their windows by up to 3 bp and add reverse complements);
- **random point mutations** at a low rate: robustness to SNPs (two human genomes differ at
  about 1 base in 1,000) and to sequencing errors.

They run on the fly, in a dataset's ``__getitem__`` or a collate function, with their own
``torch.Generator`` (the dataset's, reseeded in each loader worker as in exercise 2): a run is
then reproducible from its seeds, and the augmentations never read nor change the global
random state that dropout and initialisation draw from.

Conventions (all fixed)
-----------------------
- ``x``: a float32 one-hot tensor, either ONE sequence ``[4, L]`` or a BATCH ``[B, 4, L]``
  (``B >= 1``); rows A, C, G, T; each column is either one-hot (a single 1.0) or all zeros
  (an ``N``), as ``coursekit.data.session12.one_hot(sequence)`` makes it. CPU tensors.
- Every function returns a **new** float32 tensor of ``x``'s shape: never ``x`` itself nor a
  view of it, and ``x`` is never modified (no ``x[...] = ...``, no in-place ``x.mul_(...)``):
  the dataset's tensors must stay as they are for the next epoch.
- **Randomness only from ``generator``** (a CPU ``torch.Generator``): pass
  ``generator=generator`` to every ``torch.rand``, ``torch.randint``, ``torch.multinomial``,
  ``torch.randperm`` you call. Never the global random state (no draw without
  ``generator=``, no ``torch.manual_seed``, no ``random`` or ``numpy.random``), and never a
  new generator made from its seed: draw from the one you are given, so that its state
  advances and the next call (the next epoch) gets new draws.
- How many numbers you draw, and in which order, is yours to choose: the graders compare
  laws (which outputs occur, and how often), not your draws with theirs. What they do
  require of the draws: the same generator seed gives the same output.
- The graders call ``random_shift(x, max_shift, generator=g)`` and ``mutate(x, rate,
  generator=g)`` (``generator`` by keyword), ``reverse_complement(x)``.

Task 1: ``reverse_complement(x)``
---------------------------------
The encoding of the reverse complement: complement every base (A <-> T, C <-> G), then
reverse the order; an ``N`` stays an ``N`` and moves to its mirrored position, as in the
string (``"ACGTN"`` -> ``"NACGT"``, ``"AACN"`` -> ``"NGTT"``). For a batch, each sequence on
its own (the order of the sequences kept). ``L`` may be 0. No randomness.

With rows A, C, G, T the complement pairs are rows 0 <-> 3 and 1 <-> 2, so complementing is
reversing the order of the rows, and reversing the sequence is reversing the columns:
``torch.flip(x, dims=(-2, -1))``. Count the axes from the end, so that ``[4, L]`` and
``[B, 4, L]`` both work (``dims=(0, 1)`` would flip the batch axis of a batch).

Task 2: ``random_shift(x, max_shift, generator)``
-------------------------------------------------
``max_shift``: an int with ``0 <= max_shift < L`` (``L >= 1``; the graders never ask for
more). Draw an integer shift ``s`` uniformly from ``-max_shift, ..., max_shift`` (both ends
included: ``2 * max_shift + 1`` values; ``torch.randint(-max_shift, max_shift + 1, ...)``, whose
upper end is exclusive). ONE ``s`` for a ``[4, L]`` input; for a batch, one ``s`` PER SEQUENCE,
drawn independently (e.g. a size-``(B,)`` ``randint``), so the sequences of a batch are moved
by different amounts. Then::

    out[..., j] = x[..., j - s]   where 0 <= j - s < L
    out[..., j] = 0 (an N)        elsewhere

``s > 0`` moves the content right: the first ``s`` columns become N and the last ``s`` bases
fall off the end; ``s < 0`` moves it left (the last ``|s|`` columns N). The length is kept,
and there is **no wrap-around**: ``torch.roll`` is wrong, it brings the bases that fell off
one end back at the other end, making a sequence that is not in the genome. On strings:
``s >= 0`` gives ``"N" * s + seq[:L - s]``, ``s < 0`` gives ``seq[-s:] + "N" * (-s)``; e.g.
``"ACGTA"`` with ``s = 2`` is ``"NNACG"``, with ``s = -1`` ``"CGTAN"``. N columns of ``x`` move
with the content. ``max_shift = 0`` returns a copy of ``x``.

Task 3: ``mutate(x, rate, generator)``
--------------------------------------
``rate``: a float, ``0 <= rate <= 1``; ``L >= 1``. Every BASE position (a column holding a
1.0) independently, with probability ``rate``, is replaced by a DIFFERENT base, drawn
uniformly among the other three (1/3 each); the positions not chosen keep their base. N
columns (all zeros) are never mutated: they stay all zeros (whatever you draw for them is
thrown away). Every base column of the result is one-hot. ``rate = 0`` gives ``x`` back (a
copy), ``rate = 1`` changes every base. The expected fraction of bases changed is exactly
``rate``: drawing the new base among all FOUR keeps the old one a quarter of the time and
changes only 3/4 of ``rate``. Each position is its own coin: not a fixed number of
mutations per sequence.

One way: ``codes = x.argmax(dim=-2)`` (the base of each column; 0 for an N column, which you
mask out with ``x.sum(dim=-2) > 0``); ``chosen = torch.rand(codes.shape,
generator=generator) < rate``, restricted to base columns; the new code
``(codes + torch.randint(1, 4, codes.shape, generator=generator)) % 4`` (adding 1, 2 or 3
modulo 4 gives each other base with probability 1/3) where chosen; back to one-hot with
``torch.nn.functional.one_hot(new_codes, 4).movedim(-1, -2).float()``, N columns set back to
zeros. (``torch.multinomial`` over the weights ``1 - x`` of each column is another way.)

Data
----
The graders build their sequences with ``coursekit.data.session12``:
``random_records(n, seed, min_length=L, max_length=L, lowercase_rate=0.1, n_rate=...)`` (``n``
sequences of exactly ``L`` letters, runs of N when ``n_rate > 0``) encoded with ``one_hot`` and
stacked into ``[n, 4, L]``, and strings of their own. Their trusted results come from
strings (the reverse complement of the string, N kept, encoded with ``one_hot``) and from
two slices of ``x`` (``x`` shifted by ``s`` with zeros coming in), never from your code.

What the graders check
----------------------
Generated cases come from hypothesis (deterministic). Every count is held to 5 standard
deviations of its exact binomial law: a correct solution, whatever its draws, fails one of
the 37 counts with a probability of about 2 * 10^-5. In a sweep of the reference and two
other correct solutions over 200 seeds (data and generators), the largest deviations were
3.2 standard deviations (shift counts), 3.2 (bases changed), 3.8 (the thirds of the new
bases) and 3.1 (the per-sequence variance), and every block of 140 generators in (a) below
found all 7 shifts (a correct solution misses one with a probability of 3 * 10^-9).

- ``reverse_complement``: ``"ACGTN"`` (``[4, 5]``), a batch of 3 sequences of 8 with N, a batch of
  two empty sequences (``[2, 4, 0]``), then 60 generated cases (``L`` 0-40, one ``[4, L]``
  sequence or a batch of 1-4, letters from ``ACGTNacgtn``): a float32 tensor of ``x``'s shape
  exactly equal (``torch.equal``) to the encoding of the strings' reverse complements (N
  kept). This rejects complementing without reversing, reversing without complementing, and
  flipping ``dims=(0, 1)`` on a batch;
- ``shift``: (a) one sequence ``[4, 40]`` (``random_records(1, seed=1, 40, 40, n_rate=0.0)``),
  ``max_shift=3``, generators seeded 0 to 139: each output float32 ``[4, 40]`` equal to the
  trusted shift of ``x`` by some ``s`` in ``[-3, 3]``, and each of the 7 shifts found at least
  once; (b) a batch ``[1000, 4, 30]`` (``random_records(1000, seed=2, 30, 30, n_rate=0.0)``),
  ``max_shift=4``, generator seeded 0: each sequence equal to its own trusted shift by some ``s``
  in ``[-4, 4]``, and each of the 9 shifts found for between 62 and 160 of the 1000 sequences
  (``1000 / 9 = 111`` +- 5 standard deviations); (c) 40 generated cases (``L`` 1-30,
  ``max_shift`` 0 to ``L - 1``, one sequence or a batch of 1-4, letters with N, any generator
  seed): each sequence equal to a trusted shift by some ``s`` in range. This rejects
  ``torch.roll`` (wrap-around), a draw that never gives ``+max_shift``
  (``randint(-max_shift, max_shift)``), one shift for the whole batch and shifts beyond
  ``max_shift``;
- ``mutation_rate``: a batch ``[1000, 4, 100]`` without N (``random_records(1000, seed=3, 100,
  100, n_rate=0.0)``: 10^5 bases), ``rate=0.05`` (generator seeded 0) and ``rate=0.3`` (seeded 1):
  every value 0.0 or 1.0 and every column one-hot; the number of changed positions within 5
  standard deviations of ``10^5 * rate`` (5,000 +- 345 and 30,000 +- 725); for each base the
  changed ones become each of the other three within 5 standard deviations of a third; the
  variance over the 1000 sequences of their number of changes within 5 standard deviations
  of the binomial's ``100 * rate * (1 - rate)`` (4.75 +- 1.1 and 21 +- 4.7). Then the first
  sequence alone (``[4, 100]``): ``rate=1.0`` changes every base, ``rate=0.0`` gives ``x``. This
  rejects a new base drawn among all four (3/4 of the rate), always the next base, and a
  fixed number of mutations per sequence;
- ``n_untouched``: a batch ``[64, 4, 50]`` with runs of N (``random_records(64, seed=4, 50, 50,
  n_rate=0.2)``): ``mutate`` at rates 0.5 and 1.0 keeps every N column all zeros and every
  base column one-hot; ``random_shift(x, 5, ...)`` with generators seeded 0, 1 and 2 gives each
  sequence shifted by some ``s`` in ``[-5, 5]``, its N columns moved with it;
  ``reverse_complement`` puts the N columns at the mirrored positions (for that batch and for
  ``"NNACGTNA"``); then 40 generated cases of ``mutate`` (``L`` 1-40, one sequence or a batch of
  1-4, letters with N, rate 0, 0.1, 0.5 or 1): N columns all zeros, base columns one-hot,
  rate 0 gives ``x``, rate 1 changes every base. This rejects mutating N positions (an N
  turned into a base) and a reverse complement that leaves the N in place;
- ``generator_only``: on a batch ``[16, 4, 50]`` with N (``random_records(16, seed=5, 50, 50,
  n_rate=0.1)``), for ``random_shift(x, 3, generator=g)`` and ``mutate(x, 0.3, generator=g)``:
  called with ``g`` seeded 7 once after ``torch.manual_seed(1)`` and once after
  ``torch.manual_seed(2)``: ``torch.get_rng_state()`` after each call equals the state before
  it, and the two outputs are equal; ``x`` is unchanged (compared with a copy taken before)
  and the output does not share ``x``'s memory; ``g``'s state after the call differs from its
  state before; a generator seeded 8 gives a different output. ``reverse_complement(x)``:
  the global random state unchanged, ``x`` unchanged, a new tensor. This rejects drawing from
  the global random state, a new generator made from the given one's seed (the same
  augmentation at every epoch) and modifying ``x`` in place.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401


def reverse_complement(x):
    # TODO (task 1): complement (reverse the rows A, C, G, T) and reverse (the columns), axes from the end
    raise NotImplementedError("reverse_complement")


def random_shift(x, max_shift, generator):
    # TODO (task 2): one s per sequence in [-max_shift, max_shift]; out[..., j] = x[..., j - s], N coming in
    raise NotImplementedError("random_shift")


def mutate(x, rate, generator):
    # TODO (task 3): each base position with probability rate -> one of the other three bases; N untouched
    raise NotImplementedError("mutate")
