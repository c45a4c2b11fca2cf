"""Session 12, exercise 1: an indexed FASTA dataset: random access without loading the file.

Genomics context
----------------
The human genome is a 3.1 GB FASTA file; a set of genomes, or the reads of one sequencing
run, is far bigger. The student guide's ``GenomicsDataset`` reads every record into Python
lists in ``__init__``: fine for a few thousand promoters, wrong for a genome. It needs the whole
file in memory (a Python ``str`` costs at least a byte per base), it takes minutes before the
first item, and a ``DataLoader`` with workers copies those lists into every worker (pickled on
macOS, Windows and, from Python 3.14, Linux too).

Genomics tools solve this with an **index**: ``samtools faidx`` writes, per record, where its
first base lies in the file and how its lines are laid out. Any stretch of any chromosome is
then one ``seek`` and one short ``read`` away, and the index is a few numbers per record.
You build that index in ``__init__`` in ONE streaming pass over the file and read the items
from disk on demand.

The FASTA files
---------------
Written by ``coursekit.data.session12.write_fasta`` (the graders' files all come from it)::

    >seq00000 label=1
    ACGTacgtNN
    ACG
    >seq00001 label=0
    ...

- a header line ``>NAME label=LABEL`` (the name is the first word after ``>``; the label, 0 or
  1, comes from the field ``label=LABEL``), then the sequence on lines of ``line_bases``
  letters each (the last line of a record may be shorter), each line ending in ``"\\n"``; no
  blank lines, no ``"\\r"``;
- the line width is fixed within a record but differs between records (as in ``samtools
  faidx``'s rule): a record may have 60 bases per line and the next one 1 or 80;
- the letters: ``ACGT``, lowercase ``acgt`` (soft-masked repeats: real bases, read as
  uppercase) and ``N`` (an unknown base); the file is ASCII, one byte per letter.

In the example the first record's header is 18 bytes, so its first base is at byte 18; its
lines hold 10 bases in 11 bytes (the ``"\\n"`` included); it is 13 bases long. Base ``i`` of a
record lies at byte::

    offset + (i // line_bases) * line_bytes + i % line_bases      # line_bytes = line_bases + 1

(base 12, the ``G`` on the second line: ``18 + 1 * 11 + 2 = 31``).

``coursekit.data.session12`` also gives ``read_fasta(path)`` (the whole-file parser the graders
trust: use it to test your class, not inside it) and ``one_hot(sequence)``.

Task: ``GenomicsDataset(fasta_file, window=None, stride=None)``
---------------------------------------------------------------
A map-style ``torch.utils.data.Dataset``. ``fasta_file``: a ``str`` or ``pathlib.Path``.

``__init__`` builds the index in one streaming pass over the file: a line at a time (``for
line in open(path, "rb")``, keeping a running byte offset, ``offset += len(line)``) or chunks of
at most 64 KiB, never the whole file at once. Per record, in file order::

    (name, label, length, offset, line_bases, line_bytes)

``length``: its number of bases; ``offset``: the byte of its first base (the byte after the
header's ``"\\n"``); ``line_bases``/``line_bytes``: the bases and bytes of its FIRST sequence
line. The dataset keeps the index and a few numbers per record, nothing more: no sequence, no
one-hot tensor, no list of windows (a genome at stride 1 has 3 billion of them). The layout of
your index is yours (tuples, a list per field, arrays): the graders look at what it does.

Items (``window=None``, the default): one per record, in file order; ``len(dataset)`` is the
number of records, and ``dataset[i]`` is ``(x, label)``:

- ``x``: float32 ``[4, length]``, exactly ``one_hot(sequence)`` (from
  ``coursekit.data.session12``: rows A, C, G, T; lowercase as uppercase; ``N``, and any other
  letter, a column of zeros). Use it, or write your own encoding that gives the same tensor;
- ``label``: the record's label, a Python ``int``.

Items with a ``window`` (an int >= 1) and a ``stride`` (an int >= 1; ``None``, the default,
means ``stride = window``: windows side by side, no overlap; without a window the stride plays
no part): one per window, the windows of
each record starting at bases ``0, stride, 2 * stride, ...``, only those that fit ENTIRELY in the
record (a window never runs past a record's end, and a record shorter than ``window`` gives
none): ``(length - window) // stride + 1`` windows for a record with ``length >= window``.
Records in file order, windows in order within each. ``dataset[i]`` is ``(x, label)``: ``x``
float32 ``[4, window]``, ``one_hot`` of that window's bases; ``label`` the record's label (an
``int``). E.g. a record of 10 bases with ``window=4`` gives the windows at 0 and 4; with
``window=4, stride=3``, at 0, 3 and 6. To find window ``i`` without a list of windows, keep
how many windows come before each record (a running total) and look ``i`` up in it
(``bisect.bisect_right(firsts, i) - 1`` is its record).

``dataset[i]`` for ``0 <= i < len(dataset)`` (a Python ``int``, as a ``DataLoader`` gives) reads
ONLY the bytes the item spans: one ``seek`` to the byte of its first base, one ``read`` up to
the byte of its last base (line breaks included: drop them), then the encoding. It never reads
the file from its start, nor a whole record to cut one window out of it. ``dataset[len(dataset)]``
(or any larger index) raises ``IndexError``.

The open file, and the ``DataLoader``'s workers
-----------------------------------------------
- Open the file for reading lazily: the first ``__getitem__`` opens it (binary mode,
  ``"rb"``, is simplest: bytes and offsets are the same thing) and later ones reuse it.
- An open file cannot be pickled (``TypeError: cannot pickle '_io.BufferedReader' object``),
  yet a dataset is pickled whenever a ``DataLoader``'s workers start with the ``spawn`` or
  ``forkserver`` method. Define ``__getstate__`` to return a copy of the state without it::

      def __getstate__(self):
          state = self.__dict__.copy()      # a copy: the dataset itself keeps its file
          state["_handle"] = None           # your attribute's name
          return state

  The unpickled copy opens the file again when it first reads (``pickle`` restores the
  ``__dict__``: no ``__setstate__`` needed).
- With the ``fork`` method (Linux's default up to Python 3.13), nothing is pickled: each
  worker starts as a copy of the main process, its open file included, and the inherited file
  shares ONE file offset with the main process and every other worker. Two workers' ``seek``
  and ``read`` then interleave and read each other's bytes: silently wrong items. So each
  process reads through a file it opened itself: keep ``os.getpid()`` beside the handle, and
  open the file again when the current process is another one (or read with ``os.pread``,
  which leaves the offset alone).

The dataset runs on the CPU; no GPU is involved.

What the graders check
----------------------
The graders write their files with ``write_fasta`` into a temporary folder and compare with a
trusted computation: the items come from ``read_fasta(path)`` (the whole-file parser), cut into
windows by a plain loop, encoded by ``one_hot`` and compared with ``torch.equal`` (exact). Every
comparison is exact except the byte and memory bounds below; 64 KiB is the slack for Python's
buffered reads (8 KiB buffers) and any first-time read. Generated cases come from hypothesis
(deterministic). Records come from ``random_records`` with ``lowercase_rate=0.3, n_rate=0.1``
(lowercase runs and ``N`` runs in most records) unless said otherwise.

- ``records_match``: ``GenomicsDataset(path)`` (no ``window``) on a fixed file of 5 records
  (``random_records(5, 11, 301, 301, ...)`` cut to 120, 97, 250, 80 and 301 bases, at 60, 1, 7,
  80 and 13 bases per line: last lines full and partial, one base per line, a record on one
  line) and on 40 generated files (1-4 records of 1-250 bases, each with its own width of 1-80
  bases per line): ``len(dataset)`` is the number of records, EVERY item is a pair whose tensor
  is float32 ``[4, length]`` and equal to ``one_hot`` of the trusted sequence and whose label is
  the record's label as a Python ``int``; ``dataset[len(dataset)]`` raises ``IndexError``. This
  rejects lowercase read as zeros (or ``N`` as a base), wrong labels and a record's bytes
  miscounted (its line breaks left out of the span read: too few bases);
- ``windows_match``: the fixed file with ``window=50`` (``stride`` left out: the default),
  ``window=30, stride=20``, ``window=100, stride=150`` (gaps between windows) and ``window=260``
  (only the 301-base record has one), and 40 generated files (1-4 records of 1-200 bases,
  widths 1-70, ``window`` 1-60, ``stride`` left out or 1-80): ``len(dataset)`` is the number of
  windows that fit, every item equals the trusted window (``one_hot`` of its bases) with its
  record's label, ``dataset[len(dataset)]`` raises ``IndexError``. This rejects windows that run
  past a record's end (or the last one that fits left out), a default stride of 1, offsets
  that leave out the line breaks before the window (wrong bases after a record's first line)
  and the case mistakes above;
- ``streaming_index``: after a warm-up (a dataset of the fixed file: first-time imports), on a
  ~4 MB file (1000 records of 3000-5000 bases: the 100 records of ``random_records(100, 12,
  3000, 5000)`` (default rates) written 10 times, renamed ``seq00000`` ... ``seq00999``, at 60, 70
  and 80 bases per line in turn): building the dataset and asking its ``len()`` (1000) reads at
  most the file's size + 64 KiB (the ``rchar`` count of ``/proc/self/io``: bytes read by
  ``read`` calls; one pass); on a ~1 MB file (the first 250 of those records, 80 bases per line):
  building it and asking its ``len()`` (250) allocates at most 25% of the file's size at its
  peak (``tracemalloc``; the reference needs 4-6% over 12 seeds of these files). This rejects a
  second pass over the file, ``read()`` or ``readlines()`` of the whole file (even to build the
  index only) and keeping the sequences;
- ``small_pickle``: on the ~4 MB file, ``GenomicsDataset(path)`` and ``GenomicsDataset(path,
  window=200, stride=50)`` have the right ``len()`` (1000 records; 78,530 windows) and
  ``pickle.dumps(dataset)`` is at most 5% of the file's size (about 209 KB; the reference's is
  about 32 KB, 0.8%). This rejects keeping the sequences (the guide's lists), one-hot tensors
  or a list of the windows;
- ``bytes_read``: a file of 4 records of 300, 200,000, 500 and 3,000 bases (``random_records``
  with ``lowercase_rate=0.05, n_rate=0.01``) at 60, 60, 50 and 70 bases per line. With
  ``window=1000`` (``stride`` left out), after a first ``dataset[0]`` (it opens the file), the
  ``rchar`` growth around one ``dataset[i]`` each for the first, middle and last window of the
  200,000-base record and the last window of the file; without a window, around the items of
  the 500- and the 3,000-base record: each read is at most the bytes the item's bases span in
  the file (line breaks included) + 64 KiB, and each item is right. This rejects scanning the
  file from its start and reading a whole record to cut one window out of it. (A ``mmap`` of
  the file reads without ``read`` calls: it counts 0 here, which is fine.);
- ``unpickled_copy``: a file of 4 records (180, 233, 150 and 301 bases at 60, 9, 1 and 75 per
  line), ``GenomicsDataset(path, window=40, stride=25)``: after it has read 3 items (its file
  open), ``copy = pickle.loads(pickle.dumps(dataset))`` runs and EVERY item of the copy is right;
  the dataset itself still gives right items; after ``del dataset`` and ``gc.collect()`` the copy
  still does, and so does a copy of the copy (pickled after it read); the same for
  ``GenomicsDataset(path)`` pickled after reading one record. This rejects an open file kept
  in the pickled state (``pickle.dumps`` raises ``TypeError``) and a copy that needs the
  original's file;
- ``two_workers``: a file of 6 records (24,020, 1,310, 30,000, 40, 19,990 and 26,000 bases at
  60, 7, 1, 80, 13 and 50 per line: about 134 KB, far more than one 8 KiB read buffer),
  ``dataset = GenomicsDataset(path, window=50, stride=1000)`` (102 windows); the main process
  reads ``dataset[0]`` and ``dataset[len(dataset) // 2]`` (its file now open), then
  ``list(DataLoader(dataset, batch_size=None, num_workers=2, collate_fn=lambda item: item,
  multiprocessing_context="fork"))`` yields each of the ``len(dataset)`` windows exactly once, in
  order, each right, and the file offset of every descriptor the main process has open on the
  file (``/proc/self/fdinfo``) is the same after the loader ran as before. This rejects
  workers reading through the file the main process opened (a shared offset), which gives
  wrong items only now and then, when two reads interleave.

Nothing here is timed; the reference builds the ~4 MB file's index in about 0.05 s.
"""
import bisect  # noqa: F401
import operator  # noqa: F401
import os  # noqa: F401

from torch.utils.data import Dataset

from coursekit.data.session12 import one_hot  # noqa: F401


class GenomicsDataset(Dataset):
    def __init__(self, fasta_file, window=None, stride=None):
        # TODO: keep the path, window and stride (stride defaults to window); build the index in ONE
        # streaming pass: per record (name, label, length, offset, line_bases, line_bytes); count the
        # items (and how many come before each record); no file left open
        raise NotImplementedError("GenomicsDataset.__init__")

    def __len__(self):
        # TODO: the number of records (window None) or of windows that fit
        raise NotImplementedError("GenomicsDataset.__len__")

    def __getitem__(self, idx):
        # TODO: IndexError past the end; find the record (and window start); seek to the byte of the first
        # base, read up to the last one, drop the line breaks; return (one_hot(bases), label)
        raise NotImplementedError("GenomicsDataset.__getitem__")

    def __getstate__(self):
        # TODO: a copy of self.__dict__ without the open file (the copy opens its own when it reads)
        raise NotImplementedError("GenomicsDataset.__getstate__")
