"""Session 1, exercise 6: translate DNA into protein, and plot GC content along a sequence.

Genomics context
----------------
A protein-coding sequence is read three bases at a time: each triplet (a *codon*)
stands for one amino acid, written as a one-letter code (``M`` methionine, ``A`` alanine,
``W`` tryptophan, ...), or for *stop*, which ends the protein. Three of the 64 codons are
stop codons: ``TAA``, ``TAG`` and ``TGA``. Where the reading starts fixes the *reading
frame*: ``ATGGCC`` read from position 0 is ``ATG GCC`` (``M A``), read from position 1
it is ``TGG CC`` (``W`` and a leftover pair). Here the frame always starts at position 0.

The second half is about base composition. The fraction of G and C bases differs along
a genome: GC-rich stretches (CpG islands, gene-dense regions) sit next to AT-rich ones,
GC content changes how DNA melts and how well it is sequenced, and it is the first
thing a model of genomic sequence should not be fooled by. A sliding window shows it:
slide a window of ``window_size`` bases along the sequence by ``step`` bases at a time
and report the GC fraction of each window, then plot it against position.

Sequences are ASCII text.

The standard genetic code
-------------------------
The code to use is the standard one (NCBI translation table 1). Order the four bases
as ``T, C, A, G`` and list the 64 codons in that order with the first base changing
slowest and the third fastest: ``TTT, TTC, TTA, TTG, TCT, TCC, ..., GGA, GGG``. Their
amino acids, in the same order, are the 64 letters::

    FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG

where ``*`` marks the three stop codons. So ``TTT`` is ``F``, ``TTA`` is ``L``, ``TAA`` is
stop, ``ATG`` (the 36th codon) is ``M`` and ``GGG`` is ``G``. (The course guide writes
the same table out as a dictionary of 64 entries; building it from the string above
saves typing it.)

Task 1: ``translate_to_protein(dna_sequence) -> str``
-----------------------------------------------------
Read ``dna_sequence`` in the frame that starts at position 0: codons
``dna_sequence[0:3]``, ``dna_sequence[3:6]``, ... Return the protein as a ``str``, one
letter per codon, by these rules:

- **Stop**: translation ends at the first stop codon of the frame, and the stop itself
  is NOT part of the result (no ``*``: the stop codon encodes no amino acid). Codons
  after it are not read. ``"ATGGCCATTGTAATGGGCCGCTGAAAGGGTGCCCGATAG"`` (the guide's
  example) gives ``"MAIVMGR"``: its 8th codon ``TGA`` ends it. A sequence whose first
  codon is a stop gives ``""``. A stop triplet that lies across two codons of the frame
  does not count: ``"ATAAGC"`` is ``ATA AGC``, so ``"IS"``. (The course guide appends
  ``*`` before it stops; the kit's rule is the one stated here, the same as Biopython's
  ``translate(..., to_stop=True)``.)
- **Case**: letters are looked up in upper case: ``"atggcc"`` gives ``"MA"``, and
  ``"taa"`` is a stop like ``"TAA"``.
- **Unknown bases**: a codon that contains any letter other than A, C, G, T (in either
  case), e.g. ``N``, ``R``, ``U`` or ``-``, gives ``X`` and the translation goes on:
  ``"ATGNNNGCC"`` gives ``"MXA"``. This holds even where every possible base would give
  the same amino acid (``"CTN"`` gives ``"X"``, not ``"L"``) and even where it might be a
  stop (``"TAN"`` gives ``"X"``).
- **Length**: the length need not be a multiple of 3; one or two bases left over at
  the end are ignored: ``"ATGGC"`` gives ``"M"`` and ``"AT"`` gives ``""``. (The course
  guide raises ``ValueError`` there; the kit's rule is this one.) The empty string
  gives ``""``.
- The translation does not look for a start codon: whatever the first codon is, it is
  the first letter of the result.

Task 2: ``analyze_gc_content(sequence, window_size=100, step=50) -> (gc_fractions, fig)``
-----------------------------------------------------------------------------------------
``window_size`` and ``step`` are positive integers.

- **Windows**: they start at positions ``0, step, 2 * step, ...`` and window ``i`` covers
  ``sequence[i * step : i * step + window_size]``. Only whole windows count: a window is
  made while ``start + window_size <= len(sequence)``, so there are
  ``(len(sequence) - window_size) // step + 1`` windows when the sequence holds at
  least one window, and none when it is shorter than ``window_size``. A 450-base
  sequence with the defaults has 8 windows, starting at 0, 50, ..., 350; bases after
  the last whole window are left out.
- **GC fraction** of a window: the number of its bases that are ``G`` or ``C`` (either
  case: ``g`` and ``c`` count) divided by ``window_size``. Every other letter (A, T, N,
  ...) counts as not GC. A fraction lies in [0, 1]: report fractions, not percentages
  (the course guide multiplies by 100; the kit does not).
- ``gc_fractions``: a float32 tensor of shape ``[n_windows]``, entry ``i`` the GC fraction
  of window ``i``; shape ``[0]`` when there is no window (for instance
  ``torch.tensor([], dtype=torch.float32)``).
- ``fig``: a ``matplotlib.figure.Figure`` (make it with ``fig, ax = plt.subplots()`` and
  return it; never call ``plt.show()``) with exactly one Axes, on which a line
  (``ax.plot``) has as its y values the GC fractions themselves, in window order, and as
  its x values the window start positions ``0, step, 2 * step, ...`` (0-based, the first
  base of each window). The x-axis label contains the word "position" and the y-axis
  label the word "GC" (any case: ``"Window start position (bp)"``, ``"GC fraction"``), and
  the Axes has a title (any non-empty text). Markers, a grid, limits, colours and other
  lines besides that one (say a horizontal line at the mean) are up to you. With no
  window the figure is still returned, with its one Axes, labels and title (its line,
  if you draw one, has no points).

Return ``(gc_fractions, fig)``. Don't print inside the functions.

What the graders check
----------------------
Results are compared with trusted computations written independently: a genetic code
written out amino acid by amino acid, a loop over the codons, a loop over the bases of
each window, and the window-count formula above. Proteins are compared exactly; GC
fractions with ``rtol=1e-6, atol=1e-6`` (one base more or less in a window of up to 1,000
bases moves a fraction by at least 0.001). The kit's data: ``coursekit.data.session01``,
``gc_blocks()`` (its defaults: three 150-base blocks with GC probability 0.3, 0.7 and
0.4) and other seeds and block settings, and ``random_dna``.

- ``translation``: each of the 61 codons that are not stops, alone, gives its amino
  acid; generated sequences of up to 30 such codons (upper case) give the trusted
  protein; the result is a ``str``; when Biopython is installed, the same sequences
  also equal ``Bio.Seq.translate(sequence, to_stop=True)``;
- ``stop_codon``: each stop codon alone gives ``""`` and between ``"ATGGCC"`` and
  ``"TGGTGG"`` gives ``"MA"``; the guide's example gives ``"MAIVMGR"``; ``"ATAAGC"`` gives
  ``"IS"`` and ``"CTGATAGCC"`` gives ``"LIA"``; generated sequences of up to 30 codons
  drawn from all 64 (stops included) give the protein up to their first stop in the
  frame;
- ``translation_rules``: lower and mixed case (a lower-case stop too), codons with N,
  R, U or ``-``, one or two bases left over (``"ATGGC"``, ``"AT"``, ``""``) and generated
  strings of up to 40 letters from ``ACGTacgtNnRU-`` (any length) give the trusted
  protein;
- ``gc_values``: ``analyze_gc_content(gc_blocks())`` with the defaults (8 windows), the
  700 letters of ``random_dna(1, 700, seed=11, alphabet="ACGTacgtN")[0]`` with
  ``window_size=70, step=35``, and generated strings of up to 300 letters from
  ``ACGTacgtN`` with generated ``window_size`` (1-60) and ``step`` (1-60):
  ``gc_fractions`` is a float32 tensor of shape ``[n_windows]`` equal to the trusted
  fractions;
- ``gc_windows``: the number of windows (the shape ``[n_windows]``, float32) with the
  defaults for lengths 0, 99, 100, 101, 149, 150, 199, 450 and 1,000, and for generated
  lengths (0-400), ``window_size`` (1-120) and ``step`` (1-120);
- ``gc_figure``: for ``analyze_gc_content(gc_blocks())`` (the defaults) and for
  ``gc_blocks(100, (0.2, 0.8, 0.5), seed=5)`` with ``window_size=40, step=20`` (14
  windows): the figure has one Axes with a line whose y values are the trusted GC
  fractions and whose x values are the window starts, an x-axis label containing
  "position", a y-axis label containing "GC" and a non-empty title; for the 30 bases of
  ``gc_blocks(30, (0.5,), seed=1)`` with the defaults (no window), a Figure with one
  Axes, the same labels and a title.
"""
import torch  # noqa: F401  (the fractions are a float32 tensor)
from matplotlib import pyplot as plt  # noqa: F401  (for the figure of task 2)


def translate_to_protein(dna_sequence: str) -> str:
    """The protein of ``dna_sequence`` read from position 0, up to (not including) the first stop."""
    # TODO (task 1)
    raise NotImplementedError("translate_to_protein")


def analyze_gc_content(sequence: str, window_size: int = 100, step: int = 50):
    """``(gc_fractions, fig)``: float32 ``[n_windows]`` GC fractions of the whole windows, and their plot."""
    # TODO (task 2)
    raise NotImplementedError("analyze_gc_content")
