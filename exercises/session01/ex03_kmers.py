"""Session 1, exercise 3: reverse complement, k-mers, sliding windows and k-mer counts.

Genomics context
----------------
DNA is double-stranded. The two strands pair base by base (A with T, C with G) and run
in opposite directions, so a site read on one strand is, on the other strand, its
*reverse complement*: complement every base, then read the result backwards. A
transcription factor binds the same site on either strand, which is why DNA models score
both strands (DeepBind takes the maximum) or add reverse complements to their training
data. The strand in a file is only the one that happened to be written down.

A *k-mer* is a substring of length ``k``. K-mers are the words of DNA: genome assemblers
build graphs of them, alignment-free methods compare k-mer counts, and DNABERT reads a
sequence as a list of overlapping 6-mers. A long sequence is cut for a model into
fixed-size windows, one every ``stride`` bases, and each window is one-hot encoded.

The encoding rules (as in exercise 1; every one-hot tensor here follows them)
-----------------------------------------------------------------------------
- A sequence of length ``L`` becomes a float32 tensor of shape ``[4, L]``: one row per
  base in the order A, C, G, T, one column per position, a 1 in the row of the base at
  that position and 0 elsewhere.
- A letter is looked up in upper case: ``"a"`` is encoded as ``"A"``.
- A letter that has no row (``N``, ``-``, ...) gives an all-zero column.
- Sequences are ASCII text.

This module cannot import exercise 1: write the small encoder you need here (a private
function such as ``_one_hot(sequence)``; a loop over the letters is fine, nothing in this
exercise is graded for speed). Names that start with an underscore are yours to choose.

Task 1: ``reverse_complement(sequence) -> str``
-----------------------------------------------
``sequence`` contains only the letters A, C, G, T and N, each in upper or lower case.
Complement every letter (A <-> T, C <-> G, N <-> N) keeping its case (``a`` -> ``t``,
``n`` -> ``n``), then reverse the order. Examples: ``"ATCGATCG"`` -> ``"CGATCGAT"``,
``"ACGTn"`` -> ``"nACGT"``, ``"AAcN"`` -> ``"NgTT"``, ``""`` -> ``""``. Doing it twice
gives back the sequence you started from. (A table that only knows upper-case A, C, G
and T raises ``KeyError`` on real reads, which contain N and soft-masked lower case.)

Task 2: ``reverse_complement_one_hot(one_hot) -> Tensor``
---------------------------------------------------------
The same operation on an encoded sequence, with no string in between. ``one_hot`` is
either one sequence, shape ``[4, L]``, or a batch of sequences, shape ``[B, 4, L]``
(rows A, C, G, T; each column a single 1 or all zeros; ``L`` may be 0). The result is
the one-hot encoding of the reverse complement (of each sequence of a batch), with the
same shape and the same dtype as the input (a float64 input gives a float64 result).

The trick: with rows in the order A, C, G, T, the complement pairs are rows 0 <-> 3
(A, T) and 1 <-> 2 (C, G), so complementing is reversing the order of the rows, and
reversing the sequence is reversing the order of the columns. Both at once:
``torch.flip(one_hot, dims=(-2, -1))``. Count the axes from the end: that works for
``[4, L]`` and for ``[B, 4, L]`` alike, whereas ``dims=(0, 1)`` would flip the batch
axis of a batch. An all-zero column (an N) stays all-zero; it only moves to its
mirrored position, just as ``N`` moves in the string. For every sequence ``s`` of task 1,
``reverse_complement_one_hot(encoding of s)`` equals the encoding of
``reverse_complement(s)``.

Task 3: ``extract_kmers(sequence, k=6) -> list[str]``
-----------------------------------------------------
Every substring of length ``k``, in order of its start: starts 0, 1, ..., ``L - k``,
so ``L - k + 1`` k-mers, the last one ending at the last letter. Letters are kept as
they are (case and N unchanged). A sequence shorter than ``k`` gives ``[]``. ``k`` is
at least 1. Example: ``extract_kmers("ATCGATCGTTA")`` (k=6) is
``["ATCGAT", "TCGATC", "CGATCG", "GATCGT", "ATCGTT", "TCGTTA"]``.

Task 4: ``encode_kmer_batch(kmers) -> Tensor [B, 4, k]``
--------------------------------------------------------
``kmers`` is a non-empty list of ``B`` strings that all have the same length ``k``
(at least 1). Return a float32 tensor of shape ``[B, 4, k]`` whose entry ``[i]`` is the
encoding of ``kmers[i]`` by the rules above (lower case and N included). ``torch.stack``
of the ``[4, k]`` encodings along a new first axis does it.

Task 5: ``sliding_window_kmers(sequence, k=6, stride=1) -> Tensor [W, 4, k]``
-----------------------------------------------------------------------------
Windows of ``k`` letters starting at 0, ``stride``, ``2 * stride``, ... as long as the
window fits (``start + k <= L``); entry ``[j]`` is the encoding of
``sequence[j * stride : j * stride + k]``. So ``W = (L - k) // stride + 1`` when
``L >= k``: a last piece shorter than ``k`` is dropped, and with ``stride > k`` the
bases between windows are skipped. Float32. ``stride`` is at least 1. When ``L < k``
there is no window: return a float32 tensor of shape ``[0, 4, k]`` (note that
``torch.stack`` refuses an empty list; ``torch.zeros(0, 4, k)`` is such a tensor).
Example: for 16 bases and ``k=6``, strides 1, 2 and 3 give 11, 6 and 4 windows.

Task 6: ``count_kmers(sequence, k=6) -> Tensor [4**k]``
-------------------------------------------------------
How often each k-mer occurs in ``sequence``, over every window of task 3 (stride 1,
overlapping windows all count; ``k`` is at least 1). Return an int64 tensor of length
``4**k`` (4096 for the default ``k=6``) in lexicographic order with A < C < G < T: the
index of a k-mer is the number it spells in base 4 with digits A=0, C=1, G=2, T=3 and
its FIRST base the most significant digit. So ``"AA...A"`` is index 0, ``"TT...T"`` is
``4**k - 1``; for ``k=2`` ``"AC"`` is 1, ``"CA"`` is 4 and ``"TG"`` is 3 * 4 + 2 = 14.
(``itertools.product("ACGT", repeat=k)`` lists the k-mers in exactly this order.)
- Lower case counts as upper case: ``"ac"`` is counted as ``"AC"``.
- A window that contains any letter other than A, C, G, T (in either case), such as N
  or ``-``, is not counted at all (it is not an A, and it is not an error).
- So the counts sum to the number of windows made only of A, C, G and T; a sequence
  shorter than ``k`` gives all zeros.
Examples: ``count_kmers("ACAc", k=2)`` has 2 at index 1 (AC, Ac), 1 at index 4 (CA)
and 0 elsewhere; ``count_kmers("ACNGT", k=2)`` has 1 at index 1 (AC), 1 at index 11
(GT) and 0 elsewhere (the windows CN and NG are skipped).

What the graders check
----------------------
Generated strings are drawn (by hypothesis, the same ones on every run) from the
letters named in each check. Every comparison is exact (one-hot values, counts,
strings, lists).

- ``reverse_complement``: the examples of task 1; on generated strings of
  A, C, G, T, N, a, c, g, t, n (lengths 0-40), equality with a trusted reverse
  complement, the result a ``str``, and ``reverse_complement(reverse_complement(s)) == s``;
- ``rc_one_hot``: on generated strings of the same letters (lengths 0-40), the encoding
  of ``s`` given as ``[4, L]`` gives exactly the trusted encoding of the reverse
  complement of ``s`` (the string and the tensor versions agree), float32 in, float32
  out, same shape; batches ``[B, 4, L]`` (B = 1-4, L = 0-20) give the reverse complement
  of each sequence in its own entry; a float64 batch gives a float64 result;
- ``extract_kmers``: the example of task 3 (called without ``k``); generated strings of
  the same letters (lengths 0-30) with ``k`` from 1 to 8 against a naive loop (a list of
  ``str``, in order, ``[]`` when ``L < k``);
- ``encode_kmer_batch``: lists of 1-6 generated k-mers (``k`` 1-8, same letters) give
  float32 ``[B, 4, k]`` equal to the trusted encodings, entry ``i`` for ``kmers[i]``;
- ``sliding_windows``: for ``k`` from 1 to 8, every ``stride`` from 1 to ``k + 2``, and
  sequences of A, C, G, T, a, c, g, t, N of lengths ``k - 1``, ``k``, ``k + 1``,
  ``2k + 1`` and 23: the shape ``[(L - k) // stride + 1, 4, k]`` (``[0, 4, k]`` when
  ``L < k``), float32, and every window against a naive loop; also the default call
  ``sliding_window_kmers(sequence)`` (k=6, stride=1) on a 30-letter sequence and on
  ``"ACGT"`` (shape ``[0, 4, 6]``);
- ``kmer_counts``: every entry of the examples of task 6; generated strings of A, C, G,
  T, N, a, c, g, t, n, ``-`` (lengths 0-40) with ``k`` from 1 to 4 against
  ``collections.Counter`` in ``itertools.product("ACGT", repeat=k)`` order (int64,
  length ``4**k``, sum equal to the number of windows made only of A, C, G, T in either
  case); and the default call ``count_kmers(sequence)`` (k=6: int64, length 4096) on a
  2,000-letter sequence of the course data (``coursekit.data.session01.random_dna``
  over A, C, G, T, a, c, g, t, N).
"""
import torch


def reverse_complement(sequence: str) -> str:
    """Complement every letter (A<->T, C<->G, N<->N, case kept), then reverse."""
    # TODO (task 1)
    raise NotImplementedError("reverse_complement")


def reverse_complement_one_hot(one_hot: torch.Tensor) -> torch.Tensor:
    """The one-hot encoding of the reverse complement; ``[4, L]`` or ``[B, 4, L]``, same dtype."""
    # TODO (task 2)
    raise NotImplementedError("reverse_complement_one_hot")


def extract_kmers(sequence: str, k: int = 6) -> list[str]:
    """Every substring of length ``k``, starts 0 to ``L - k``; ``[]`` when ``L < k``."""
    # TODO (task 3)
    raise NotImplementedError("extract_kmers")


def encode_kmer_batch(kmers: list[str]) -> torch.Tensor:
    """One-hot encode equal-length k-mers: float32 ``[B, 4, k]``, entry ``i`` for ``kmers[i]``."""
    # TODO (task 4)
    raise NotImplementedError("encode_kmer_batch")


def sliding_window_kmers(sequence: str, k: int = 6, stride: int = 1) -> torch.Tensor:
    """Encoded windows at starts 0, stride, 2*stride, ...: float32 ``[W, 4, k]``."""
    # TODO (task 5)
    raise NotImplementedError("sliding_window_kmers")


def count_kmers(sequence: str, k: int = 6) -> torch.Tensor:
    """int64 ``[4**k]``: each k-mer's count, lexicographic order (A < C < G < T)."""
    # TODO (task 6)
    raise NotImplementedError("count_kmers")
