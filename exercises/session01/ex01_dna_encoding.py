"""Session 1, exercise 1: one-hot encoding of DNA, looped, vectorised, batched, decoded.

Genomics context
----------------
A network can't read letters. The standard input of a DNA model (DeepBind, Basset,
Enformer) is the one-hot matrix: one row per base and one column per position, with a
1 in the row of the base at that position. Channels come first, as ``nn.Conv1d``
expects them: a sequence of length ``L`` becomes a float32 tensor of shape ``[4, L]``
with rows in the order A, C, G, T. Read the matrix column by column: in
``"ATCG"`` column 0 is ``A`` -> ``[1, 0, 0, 0]``, column 1 is ``T`` -> ``[0, 0, 0, 1]``,
column 2 is ``C`` -> ``[0, 1, 0, 0]`` and column 3 is ``G`` -> ``[0, 0, 1, 0]``, so
``one_hot_encode("ATCG")`` is::

    tensor([[1., 0., 0., 0.],    # A
            [0., 0., 1., 0.],    # C
            [0., 0., 0., 1.],    # G
            [0., 1., 0., 0.]])   # T

Real reads contain more than A, C, G and T: ``N`` marks a base the sequencer could not
call, soft-masked repeats come in lower case, alignments contain ``-``. The rules
below say what each becomes, so that every function here agrees with the others.

The encoding rules (every task follows them)
--------------------------------------------
- The result is float32 with exactly 4 rows and one column per letter of the input.
- A letter is looked up in upper case: ``"a"`` is encoded as ``"A"``.
- A letter that has no row (``N``, ``-``, ``R``, ...) gives an all-zero column.
- The empty string gives a tensor of shape ``[4, 0]``.
- Sequences are ASCII text.

Task 1: ``one_hot_encode(sequence, nucleotide_to_int=None) -> Tensor [4, L]``
------------------------------------------------------------------------------
``nucleotide_to_int`` maps upper-case letters to row indices 0-3; ``None`` means the
default ``{'A': 0, 'C': 1, 'G': 2, 'T': 3}``. Any mapping must work: with
``{'A': 0, 'C': 1, 'G': 2, 'U': 3}`` an RNA string is encoded (and a ``T`` then has no
row, so it gives a zero column); with ``{'T': 0, 'G': 1, 'C': 2, 'A': 3}`` the rows come
in the order T, G, C, A. A loop over the positions is fine here: create
``torch.zeros(4, len(sequence))`` and set one entry per known letter.

Task 2: ``one_hot_encode_vectorized(sequence) -> Tensor [4, L]``
-----------------------------------------------------------------
The same result as ``one_hot_encode(sequence)`` (default mapping), without a Python
loop over the positions: a 10,000-base sequence must not run 10,000 Python steps. A
list comprehension over the sequence is such a loop too. One way: turn the string into
its bytes (``sequence.encode("ascii")``, read with ``numpy.frombuffer(..., dtype=numpy.uint8)``),
look each byte up in a 256-entry table that gives the row of A, C, G, T, a, c, g, t and
a spare index 4 for every other byte, one-hot the indices with
``F.one_hot(indices, num_classes=5)``, drop the spare column and transpose. (Note that
``torch.frombuffer`` refuses an empty buffer; the empty string must still work.)
Loops whose length does not depend on the sequence (over the 4 bases, say) are fine.

Task 3: ``one_hot_encode_batch(sequences, length=None) -> Tensor [B, 4, length]``
----------------------------------------------------------------------------------
A batch for a network needs one length. ``sequences`` is a non-empty list of ``B``
strings; ``length`` is a positive int, and ``None`` means the length of the longest
one (which may be 0 when every string is empty). Each sequence is encoded
by the rules above, then a longer sequence keeps its *first* ``length`` bases and a
shorter one is padded with all-zero columns at its *end*. Entry ``[i]`` of the result is
the encoding of ``sequences[i]``. Float32, shape ``[B, 4, length]``.

Task 4: ``decode_one_hot(one_hot) -> str``
-------------------------------------------
The way back: a ``[4, L]`` one-hot tensor (rows A, C, G, T; each column all zeros or a
single 1) becomes the string of its bases, ``"N"`` for an all-zero column. So
``decode_one_hot(one_hot_encode(s))`` is ``s`` in upper case with every letter other than
A, C, G, T replaced by ``N``: ``"acgN-t"`` -> ``"ACGNNT"``. An empty ``[4, 0]`` tensor
decodes to ``""`` (careful: ``argmax`` over an empty dimension raises).

What the graders check
----------------------
- ``shape_and_dtype``: ``one_hot_encode("ATCG")`` is the matrix above; float32 tensors
  of shape ``[4, L]`` for ``L`` = 0, 1 and 13;
- ``encodes``: ``one_hot_encode`` on many generated strings of A, C, G, T, their lower
  case, N, n, ``-``, R and Y (lengths 0-40), compared with a trusted encoder;
- ``custom_mapping``: the RNA mapping and the T, G, C, A mapping above, on strings that
  contain U, T and N;
- ``vectorized_equal``: ``one_hot_encode_vectorized`` equals the trusted encoder on the
  same kind of generated strings (float32, shape ``[4, L]``, the empty string included);
- ``vectorized_no_loop``: ``one_hot_encode_vectorized`` on a 20,000-base sequence runs at
  most 50 more Python lines (of your module) than on a 20-base one;
- ``batch``: shapes, values, truncation (first bases kept), end padding and the default
  ``length`` on batches of generated strings of different lengths;
- ``round_trip``: ``decode_one_hot`` of a trusted encoding of ``s`` and of your
  ``one_hot_encode(s)``, on generated strings of the letters above (lengths 0-40, the
  empty string included), as stated in task 4.
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.one_hot is one way to write task 2)
import numpy as np  # noqa: F401  (numpy.frombuffer is one way to read a string's bytes)


def one_hot_encode(sequence: str, nucleotide_to_int: dict | None = None) -> torch.Tensor:
    """One-hot encode ``sequence``: float32 ``[4, len(sequence)]``, rows from the mapping."""
    # TODO (task 1)
    raise NotImplementedError("one_hot_encode")


def one_hot_encode_vectorized(sequence: str) -> torch.Tensor:
    """``one_hot_encode(sequence)`` without a Python loop over the positions."""
    # TODO (task 2)
    raise NotImplementedError("one_hot_encode_vectorized")


def one_hot_encode_batch(sequences: list[str], length: int | None = None) -> torch.Tensor:
    """Encode, truncate (keep the first bases) or end-pad to ``length``: float32 ``[B, 4, length]``."""
    # TODO (task 3)
    raise NotImplementedError("one_hot_encode_batch")


def decode_one_hot(one_hot: torch.Tensor) -> str:
    """The bases of a ``[4, L]`` one-hot tensor; ``N`` for an all-zero column."""
    # TODO (task 4)
    raise NotImplementedError("decode_one_hot")
