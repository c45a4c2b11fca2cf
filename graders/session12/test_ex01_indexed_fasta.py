"""Graders: session 12, exercise 1 (an indexed FASTA dataset: GenomicsDataset)."""
import functools
import gc
import itertools
import os
import pickle
import tempfile
import tracemalloc

import pytest
import torch
from hypothesis import strategies as st
from torch.utils.data import DataLoader

from coursekit import checks as ck
from coursekit.data.session12 import Record, one_hot, random_records, read_fasta, write_fasta

SLACK = 64 * 1024          # bytes of Python's buffered reads (8 KiB buffers) and first-time reads allowed
PICKLE_SHARE = 0.05        # the pickled dataset: at most this share of the file's size
MEMORY_SHARE = 0.25        # memory traced while indexing: at most this share of the file's size
BIG, BIG_COPIES = (100, 12, 3000, 5000), 10   # the ~4 MB file: random_records(*BIG) written 10 times
BIG_WIDTHS = (60, 70, 80)        # record i wrapped at BIG_WIDTHS[i % 3]
MEMORY_RECORDS, MEMORY_WIDTH = 250, 80   # the ~1 MB file: the big file's first 250 records, 80 per line

# (seed, one line width per record (1-4 records), longest record)
RECORD_SETS = st.tuples(st.integers(0, 10**6), st.lists(st.integers(1, 80), min_size=1, max_size=4),
                        st.integers(1, 250))
# (seed, widths, longest record, window, stride (None: left out of the call))
WINDOW_SETS = st.tuples(st.integers(0, 10**6), st.lists(st.integers(1, 70), min_size=1, max_size=4),
                        st.integers(1, 200), st.integers(1, 60), st.one_of(st.none(), st.integers(1, 80)))

BUILD_HINT = ("GenomicsDataset(fasta_file, window=None, stride=None): one streaming pass over the file "
              "builds the index (per record: name, label, length, offset of the first base, bases per line, "
              "bytes per line); nothing of the sequences is kept")
ITEM_HINT = ("item i: (one_hot(bases), label): seek to the byte of the first base, read up to the byte of "
             "the last one, drop the line breaks, one_hot the letters")
OFFSET_HINT = ("the wrong bases start after the record's first line: base i of a record lies at byte "
               "offset + (i // bases_per_line) * bytes_per_line + i % bases_per_line, and bytes_per_line "
               "counts the '\\n' (bases_per_line + 1); read from the first base's byte to the last one's, "
               "line breaks included, and drop them")
SHAPE_HINT = ("one column per base of the item: read from the byte of its first base to the byte of its last "
              "(more bytes than bases when it spans several lines: a '\\n' ends each line) and drop the line "
              "breaks; a window never runs past its record's end")
LOWER_HINT = ("a lowercase base (soft-masked repeat) came out as a column of zeros: lowercase reads as "
              "uppercase (coursekit.data.session12.one_hot does this; or .upper() the letters first)")
N_HINT = "N (an unknown base) is a column of zeros, like any letter other than A, C, G, T"
LABEL_HINT = "the label is the record's header field label=N, as a Python int"
WINDOW_HINT = ("windows start at 0, stride, 2 * stride, ... and only those that fit entirely in the record "
               "count: (length - window) // stride + 1 of them when length >= window, none otherwise; "
               "stride defaults to window")
PICKLE_HINT = ("an open file cannot be pickled (and must not be shared): __getstate__ returns a copy of "
               "self.__dict__ with the file handle set to None, and the dataset opens the file again, "
               "lazily, when it next reads")
LOCAL_HINT = ("a forked DataLoader worker inherits the main process's open file, and with it ONE file offset "
              "shared by all workers: their seek() and read() calls interleave and read each other's bytes. "
              "Keep os.getpid() beside the handle and open the file again when it differs (or read with "
              "os.pread, which leaves the offset alone)")


# ---------------------------------------------------------------- files --------------

@functools.lru_cache(maxsize=None)
def _folder():
    return tempfile.TemporaryDirectory(prefix="ex01_indexed_fasta_")


_names = itertools.count()


def _write(records, widths, stem="case"):
    path = os.path.join(_folder().name, f"{stem}{next(_names)}.fa")
    write_fasta(path, records, list(widths))
    return path


@functools.lru_cache(maxsize=None)
def _big_records():
    """BIG_COPIES copies of random_records(*BIG), each record under its own name seq00000, seq00001, ..."""
    drawn = random_records(*BIG)
    return [Record(f"seq{i:05d}", r.label, r.sequence)
            for i, r in enumerate(r for _ in range(BIG_COPIES) for r in drawn)]


@functools.lru_cache(maxsize=None)
def _big_file():
    records = _big_records()
    return _write(records, [BIG_WIDTHS[i % 3] for i in range(len(records))], "big")


@functools.lru_cache(maxsize=None)
def _memory_file():
    return _write(_big_records()[:MEMORY_RECORDS], [MEMORY_WIDTH] * MEMORY_RECORDS, "memory")


def _varied(seed, lengths, lowercase_rate=0.3, n_rate=0.1):
    """Records of the given lengths, with lowercase runs and N runs."""
    records = random_records(len(lengths), seed, max(lengths), max(lengths), lowercase_rate, n_rate)
    return [Record(r.name, r.label, r.sequence[:length]) for r, length in zip(records, lengths)]


# the fixed file: exact multiples of the width (120 at 60, 80 at 80), one base per line, partial last lines
FIXED_LENGTHS, FIXED_WIDTHS = (120, 97, 250, 80, 301), (60, 1, 7, 80, 13)


@functools.lru_cache(maxsize=None)
def _fixed_file():
    return _write(_varied(11, FIXED_LENGTHS), FIXED_WIDTHS, "fixed")


# ---------------------------------------------------------------- trusted pieces -----

def _trusted(path, window=None, stride=None, records=None):
    """(record, start, stop) of every item, from the trusted whole-file parser (or its `records`)."""
    items = []
    for record in (read_fasta(path) if records is None else records):
        length = len(record.sequence)
        if window is None:
            items.append((record, 0, length))
        else:
            items += [(record, s, s + window) for s in range(0, length - window + 1, stride or window)]
    return items


def _layout(records, widths):
    return ", ".join(f"{r.name}: {len(r.sequence)} bases at {w} per line" for r, w in zip(records, widths))


def _call(stride):
    return "" if stride is None else f", stride={stride}"


def _build(sol, path, what, **kwargs):
    return ck.call(sol.GenomicsDataset, path, what=what, hint=BUILD_HINT, **kwargs)


def _length_hint(found, path, window, stride):
    if window is None:
        return "one item per record, in file order: " + BUILD_HINT
    lengths = [len(r.sequence) for r in read_fasta(path)]
    step = stride or window
    known = ((sum(max(0, n - window + 1) for n in lengths), "stride defaults to window (not 1); "),
             (sum(-(-n // step) for n in lengths),
              "a window that runs past the record's end does not count; "),
             (sum(max(0, -(-(n - window) // step)) for n in lengths),
              "the last window that fits (start = length - window when it is a multiple of the stride) "
              "counts too; "))
    for count, why in known:
        if found == count:
            return why + WINDOW_HINT
    return WINDOW_HINT


def _diagnose(x, trusted, record, start, width):
    wrong = (x != trusted).any(dim=0).nonzero().flatten()
    j = int(wrong[0])
    position = start + j
    base = record.sequence[position]
    column = [int(v) if float(v).is_integer() else float(v) for v in x[:, j].tolist()]
    found = (f"{len(wrong)} of {x.shape[1]} columns differ; the first at base {position} of record "
             f"{record.name} ({base!r}, on line {position // width + 1} of its {width}-base lines): "
             f"{column} where one_hot({base!r}) is {[int(v) for v in trusted[:, j].tolist()]}")
    if base.islower() and base.upper() in "ACGT" and not any(column):
        return found, LOWER_HINT
    if base.upper() == "N":
        return found, N_HINT
    if position >= width:
        return found, OFFSET_HINT
    return found, ITEM_HINT


def _expect_item(sol_item, record, start, stop, width, what):
    ck.expect(isinstance(sol_item, (tuple, list)) and len(sol_item) == 2,
              f"{what} to be a pair (one-hot tensor, label)",
              f"{type(sol_item).__name__}" + (f" of length {len(sol_item)}"
                                              if isinstance(sol_item, (tuple, list)) else ""), ITEM_HINT)
    x, label = sol_item
    short = isinstance(x, torch.Tensor) and x.dim() == 2 and x.shape[1] != stop - start
    ck.expect_tensor(x, f"the tensor of {what} (bases {start}..{stop - 1} of record {record.name})",
                     shape=(4, stop - start), dtype=torch.float32, hint=SHAPE_HINT if short else ITEM_HINT)
    x = x.detach().cpu()
    trusted = one_hot(record.sequence[start:stop])
    if not torch.equal(x, trusted):
        found, hint = _diagnose(x, trusted, record, start, width)
        raise ck.CheckFailure(f"the tensor of {what} equal to one_hot of bases {start}..{stop - 1} of record "
                              f"{record.name}", found, hint)
    ck.expect(isinstance(label, int) and not isinstance(label, bool) and label == record.label,
              f"the label of {what} to be its record's label {record.label} (a Python int)",
              f"{type(label).__name__} {label!r}", LABEL_HINT)


def _expect_items(ds, path, widths, name, window=None, stride=None, indices=None):
    """len(ds) and every item (or those at `indices`) equal to the trusted ones."""
    records = read_fasta(path)
    trusted = _trusted(path, window, stride, records)
    width_of = {r.name: w for r, w in zip(records, widths)}
    n = ck.call(len, ds, what=f"len({name})", hint=BUILD_HINT)
    ck.expect(n == len(trusted), f"len({name}) = {len(trusted)}", repr(n),
              _length_hint(n, path, window, stride))
    for i in (range(n) if indices is None else indices):
        record, start, stop = trusted[i]
        item = ck.call(lambda: ds[i], what=f"{name}[{i}]", hint=ITEM_HINT)
        _expect_item(item, record, start, stop, width_of[record.name], f"{name}[{i}]")
    return trusted


def _rchar():
    """Bytes this process has read with read() calls so far (Linux /proc/self/io)."""
    with open("/proc/self/io") as fh:
        for line in fh:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    raise OSError("no rchar line")


def _can_count_reads():
    try:
        _rchar()
        return True
    except OSError:
        return False


def _span(start, stop, width):
    """Bytes of the file that bases [start, stop) of a record span, line breaks included."""
    first = (start // width) * (width + 1) + start % width
    last = ((stop - 1) // width) * (width + 1) + (stop - 1) % width
    return last + 1 - first


def _descriptors_on(path):
    """{descriptor: its file offset} of this process's descriptors open on `path`."""
    real, found = os.path.realpath(path), {}
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}") != real:
                continue
            with open(f"/proc/self/fdinfo/{name}") as fh:
                found[int(name)] = int(fh.readline().split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return found


def _keep(item):
    return item


# ---------------------------------------------------------------- checks -------------

def test_records_match(sol):
    path = _fixed_file()
    ds = _build(sol, path, "GenomicsDataset(path) on the fixed file")
    _expect_items(ds, path, FIXED_WIDTHS, "dataset")
    n = len(ds)
    ck.expect_raises(lambda: ds[n], IndexError, f"dataset[{n}] (one past the last record)",
                     "an index outside 0 .. len(dataset) - 1 raises IndexError")

    def case(c):
        seed, widths, longest = c
        records = random_records(len(widths), seed, 1, longest, lowercase_rate=0.3, n_rate=0.1)
        case_path = _write(records, widths)
        lines = _layout(records, widths)
        ds = _build(sol, case_path, f"GenomicsDataset(path) on a file of {lines}")
        _expect_items(ds, case_path, widths, f"dataset ({lines})")
        os.remove(case_path)

    ck.for_all(RECORD_SETS, case, max_examples=40)


def test_windows_match(sol):
    path = _fixed_file()
    for window, stride in ((50, None), (30, 20), (100, 150), (260, None)):
        kwargs = {} if stride is None else {"stride": stride}
        name = f"GenomicsDataset(path, window={window}{_call(stride)})"
        ds = _build(sol, path, name, window=window, **kwargs)
        _expect_items(ds, path, FIXED_WIDTHS, name, window, stride)
    n = len(ds)
    ck.expect_raises(lambda: ds[n], IndexError, f"{name}[{n}] (one past the last window)",
                     "an index outside 0 .. len(dataset) - 1 raises IndexError")

    def case(c):
        seed, widths, longest, window, stride = c
        records = random_records(len(widths), seed, 1, longest, lowercase_rate=0.3, n_rate=0.1)
        case_path = _write(records, widths)
        lines = _layout(records, widths)
        kwargs = {} if stride is None else {"stride": stride}
        name = f"GenomicsDataset(path, window={window}{_call(stride)}) on a file of {lines}"
        ds = _build(sol, case_path, name, window=window, **kwargs)
        _expect_items(ds, case_path, widths, "dataset", window, stride)
        os.remove(case_path)

    ck.for_all(WINDOW_SETS, case, max_examples=40)


def test_streaming_index(sol):
    _build(sol, _fixed_file(), "GenomicsDataset(path) on a small file (a warm-up: first-time imports)")
    if not _can_count_reads():
        pytest.skip("/proc/self/io is not readable here: read counting needs Linux")
    path = _big_file()
    size = os.path.getsize(path)
    before = _rchar()
    ds = _build(sol, path, "GenomicsDataset(path) on the ~4 MB file")
    n = ck.call(len, ds, what="len(dataset) on the ~4 MB file", hint=BUILD_HINT)
    read = _rchar() - before
    wanted = len(_big_records())
    ck.expect(n == wanted, f"len(dataset) = {wanted} (one item per record)", repr(n), BUILD_HINT)
    ck.expect(read <= size + SLACK, f"building the dataset (and len()) to read the {size:,}-byte file once: "
              f"at most {size + SLACK:,} bytes", f"{read:,} bytes read ({read / size:.2f} times the file)",
              "one pass: for line in open(path, 'rb'), keeping a running byte offset; no second pass, "
              "no re-reading a record")

    path = _memory_file()
    size = os.path.getsize(path)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        ds = _build(sol, path, "GenomicsDataset(path) on the ~1 MB file")
        n = ck.call(len, ds, what="len(dataset) on the ~1 MB file", hint=BUILD_HINT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if not was_tracing:
            tracemalloc.stop()
    ck.expect(n == MEMORY_RECORDS, f"len(dataset) = {MEMORY_RECORDS} (one item per record)", repr(n),
              BUILD_HINT)
    ck.expect(peak <= MEMORY_SHARE * size, f"building the dataset of a {size:,}-byte file to need little "
              f"memory: a peak of at most {MEMORY_SHARE:.0%} of the file ({int(MEMORY_SHARE * size):,} "
              "bytes, traced by tracemalloc)", f"a peak of {peak:,} bytes ({peak / size:.0%} of the file)",
              "stream the file (a line, or a chunk of at most 64 KiB, at a time): never read() it whole, "
              "readlines() or keep the sequences; keep only the index")


def test_small_pickle(sol):
    path = _big_file()
    size = os.path.getsize(path)
    lengths = [len(r.sequence) for r in _big_records()]
    for window, stride in ((None, None), (200, 50)):
        kwargs = {} if window is None else {"window": window, "stride": stride}
        name = "GenomicsDataset(path" + (f", window={window}, stride={stride}" if window else "") + ")"
        ds = _build(sol, path, f"{name} on the ~4 MB file", **kwargs)
        wanted = (len(lengths) if window is None
                  else sum((n - window) // stride + 1 for n in lengths if n >= window))
        n = ck.call(len, ds, what=f"len({name})", hint=BUILD_HINT)
        ck.expect(n == wanted, f"len({name}) = {wanted:,} on the ~4 MB file", repr(n), WINDOW_HINT)
        blob = ck.call(pickle.dumps, ds, what=f"pickle.dumps({name})", hint=PICKLE_HINT)
        ck.expect(len(blob) <= PICKLE_SHARE * size,
                  f"pickle.dumps({name}) of the {size:,}-byte file to be at most {PICKLE_SHARE:.0%} of it "
                  f"({int(PICKLE_SHARE * size):,} bytes): only the index travels to a worker",
                  f"{len(blob):,} bytes ({len(blob) / size:.0%} of the file)",
                  "keep no sequence (nor one-hot tensor) in the dataset, and no list of windows: a few "
                  "numbers per record (the index, and how many windows come before each record) locate "
                  "any window")


def test_bytes_read(sol):
    records = _varied(5, (300, 200_000, 500, 3000), lowercase_rate=0.05, n_rate=0.01)
    widths = (60, 60, 50, 70)
    path = _write(records, widths, "long")
    width_of = {r.name: w for r, w in zip(records, widths)}
    window = 1000
    for kwargs, label in (({"window": window}, f"window={window}"), ({}, "")):
        name = f"GenomicsDataset(path{', ' + label if label else ''})"
        ds = _build(sol, path, name, **kwargs)
        if not _can_count_reads():
            pytest.skip("/proc/self/io is not readable here: read counting needs Linux")
        trusted = _trusted(path, kwargs.get("window"))
        n = ck.call(len, ds, what=f"len({name})", hint=BUILD_HINT)
        ck.expect(n == len(trusted), f"len({name}) = {len(trusted)}", repr(n),
                  _length_hint(n, path, kwargs.get("window"), None))
        firsts = {}
        for i, (record, _, _) in enumerate(trusted):
            firsts.setdefault(record.name, []).append(i)
        long_items = firsts["seq00001"]
        if kwargs:  # the long record's first, middle and last windows, and the last record's last one
            indices = [long_items[0], long_items[len(long_items) // 2], long_items[-1], n - 1]
        else:       # the short record after the long one, and the last record
            indices = [2, 3]
        ck.call(lambda: ds[0], what=f"{name}[0]", hint=ITEM_HINT)  # opens the file, first-time imports
        for i in indices:
            record, start, stop = trusted[i]
            width = width_of[record.name]
            before = _rchar()
            item = ck.call(lambda: ds[i], what=f"{name}[{i}]", hint=ITEM_HINT)
            read = _rchar() - before
            _expect_item(item, record, start, stop, width, f"{name}[{i}]")
            span = _span(start, stop, width)
            ck.expect(read <= span + SLACK,
                      f"{name}[{i}] (bases {start}..{stop - 1} of record {record.name}, "
                      f"{len(record.sequence):,} bases) to read at most {span + SLACK:,} bytes: the {span:,} "
                      "bytes those bases span, line breaks included, + 64 KiB for Python's buffered reads",
                      f"{read:,} bytes read",
                      "seek straight to the byte of the first base (offset + (start // bases_per_line) * "
                      "bytes_per_line + start % bases_per_line) and read only up to the last base: no "
                      "scanning from the start of the file, no reading the whole record for one window")


def test_unpickled_copy(sol):
    records = _varied(21, (180, 233, 150, 301))
    widths = (60, 9, 1, 75)
    path = _write(records, widths, "pickled")
    name = "GenomicsDataset(path, window=40, stride=25)"
    ds = _build(sol, path, name, window=40, stride=25)
    n = ck.call(len, ds, what=f"len({name})", hint=BUILD_HINT)
    for i in (0, n // 2, n - 1):  # the dataset has read: its file is open now
        ck.call(ds.__getitem__, i, what=f"{name}[{i}]", hint=ITEM_HINT)
    blob = ck.call(pickle.dumps, ds, what=f"pickle.dumps(dataset) after dataset[0], dataset[{n // 2}] and "
                   f"dataset[{n - 1}] (its file open)", hint=PICKLE_HINT)
    copy = ck.call(pickle.loads, blob, what="pickle.loads(pickle.dumps(dataset))", hint=PICKLE_HINT)
    _expect_items(copy, path, widths, "the unpickled copy", 40, 25)
    _expect_items(ds, path, widths, "the dataset itself, after pickle.dumps(dataset)", 40, 25,
                  indices=(0, 1, n // 2, n - 1))
    del ds
    gc.collect()  # the original, and any file it holds, is gone: the copy reads on its own
    _expect_items(copy, path, widths, "the unpickled copy, after the original was deleted", 40, 25,
                  indices=(n - 1, 0, 3))
    again = ck.call(lambda: pickle.loads(pickle.dumps(copy)),
                    what="a copy of the copy (pickled after it read)", hint=PICKLE_HINT)
    _expect_items(again, path, widths, "a copy of the copy", 40, 25, indices=(2, n - 2))
    records_ds = _build(sol, path, "GenomicsDataset(path)")
    ck.call(lambda: records_ds[1], what="GenomicsDataset(path)[1]", hint=ITEM_HINT)
    copy = ck.call(lambda: pickle.loads(pickle.dumps(records_ds)),
                   what="pickle.loads(pickle.dumps(GenomicsDataset(path))) after it read", hint=PICKLE_HINT)
    _expect_items(copy, path, widths, "the unpickled copy of GenomicsDataset(path)")


def test_two_workers(sol):
    records = _varied(31, (24_020, 1310, 30_000, 40, 19_990, 26_000))
    widths = (60, 7, 1, 80, 13, 50)
    path = _write(records, widths, "workers")  # ~134 KB: far more than one 8 KiB buffer
    window, stride = 50, 1000
    name = f"GenomicsDataset(path, window={window}, stride={stride})"
    ds = _build(sol, path, name, window=window, stride=stride)
    trusted = _trusted(path, window, stride)
    n = ck.call(len, ds, what=f"len({name})", hint=BUILD_HINT)
    ck.expect(n == len(trusted), f"len({name}) = {len(trusted)}", repr(n),
              _length_hint(n, path, window, stride))
    for i in (0, n // 2):  # read in the main process first: its file is open when the workers fork
        ck.call(lambda: ds[i], what=f"{name}[{i}]", hint=ITEM_HINT)
    can_look = os.path.isdir("/proc/self/fdinfo")
    before = _descriptors_on(path) if can_look else {}
    loader = DataLoader(ds, batch_size=None, num_workers=2, collate_fn=_keep, timeout=20,
                        multiprocessing_context="fork")
    items = ck.call(lambda: list(loader), what=f"list(DataLoader({name}, batch_size=None, num_workers=2))",
                    hint=LOCAL_HINT)
    after = _descriptors_on(path) if can_look else {}
    moved = {fd: (pos, after[fd]) for fd, pos in before.items() if fd in after and after[fd] != pos}
    ck.expect(not moved, "the workers to read through files they opened themselves (the main process's open "
              "file left alone)", "the offset of the main process's open file moved while the workers ran: "
              + ", ".join(f"descriptor {fd} from byte {a:,} to {b:,}" for fd, (a, b) in moved.items()),
              LOCAL_HINT)
    ck.expect(len(items) == n, f"the loader to yield each of the {n} windows exactly once",
              f"{len(items)} items", LOCAL_HINT)
    width_of = {r.name: w for r, w in zip(records, widths)}
    for i, (item, (record, start, stop)) in enumerate(zip(items, trusted)):
        _expect_item(item, record, start, stop, width_of[record.name], f"the loader's item {i}")
