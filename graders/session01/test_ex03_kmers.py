"""Graders: session 1, exercise 3 (reverse complement, k-mers, windows, k-mer counts)."""
import itertools
from collections import Counter

import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session01 import random_dna

STRAND = "ACGTNacgtn"            # what reverse_complement accepts
WINDOW_LETTERS = "ACGTacgtN"     # sequences cut into windows
COUNT_LETTERS = "ACGTNacgtn-"    # sequences whose k-mers are counted
SWAP = str.maketrans("ACGTNacgtn", "TGCANtgcan")
ONE_HOT_HINT = ("rows A, C, G, T; look letters up in upper case; any other letter "
                "(N, ...) gives an all-zero column")


def trusted_rc(sequence):
    """Swap each letter with its partner through a translation table, then read backwards."""
    return sequence.translate(SWAP)[::-1]


def trusted_one_hot(sequence):
    """[4, L] float32, built row by row from comparisons of upper-cased letters."""
    table = [[1.0 if letter.upper() == base else 0.0 for letter in sequence] for base in "ACGT"]
    return torch.tensor(table, dtype=torch.float32).reshape(4, len(sequence))


def naive_kmers(sequence, k):
    """A while loop that walks the start along until the window no longer fits."""
    found, start = [], 0
    while start + k <= len(sequence):
        found.append(sequence[start:start + k])
        start += 1
    return found


def naive_windows(sequence, k, stride):
    """[W, 4, k]: the trusted encodings of the windows that fit, stride apart."""
    pieces, start = [], 0
    while start + k <= len(sequence):
        pieces.append(trusted_one_hot(sequence[start:start + k]))
        start += stride
    return torch.stack(pieces) if pieces else torch.zeros(0, 4, k)


def trusted_counts(sequence, k):
    """collections.Counter of the upper-cased windows, read out in itertools.product order."""
    text = sequence.upper()
    seen = Counter(text[i:i + k] for i in range(max(len(text) - k + 1, 0)))
    return torch.tensor([seen["".join(word)] for word in itertools.product("ACGT", repeat=k)],
                        dtype=torch.int64)


def expect_same(found, expected, what, hint):
    """Exact equality of two values that are not tensors (strings, lists)."""
    ck.expect(found == expected, f"{what} to be {expected!r}", repr(found), hint)


def test_reverse_complement(sol):
    hint = ("complement every letter (A<->T, C<->G, N<->N, keeping its case), then reverse "
            "the whole string")
    for sequence, want in (("ATCGATCG", "CGATCGAT"), ("ACGTn", "nACGT"), ("AAcN", "NgTT"), ("", "")):
        expect_same(sol.reverse_complement(sequence), want, f"reverse_complement({sequence!r})", hint)

    def check(sequence):
        found = sol.reverse_complement(sequence)
        what = f"reverse_complement({sequence!r})"
        ck.expect(isinstance(found, str), f"{what} to be a str", type(found).__name__,
                  'join the letters into one string ("".join(...))')
        expect_same(found, trusted_rc(sequence), what, hint)
        expect_same(sol.reverse_complement(found), sequence,
                    f"reverse_complement(reverse_complement({sequence!r}))",
                    "the reverse complement of the reverse complement is the sequence itself")

    ck.for_all(st.text(STRAND, max_size=40), check)


def test_rc_one_hot(sol):
    flip_hint = ("complementing reverses the rows (A, C, G, T -> T, G, C, A) and reversing the "
                 "sequence reverses the columns: torch.flip(one_hot, dims=(-2, -1))")

    def check_one(sequence):
        found = sol.reverse_complement_one_hot(trusted_one_hot(sequence))
        what = f"reverse_complement_one_hot(encoding of {sequence!r})"
        ck.expect_tensor(found, what, (4, len(sequence)),
                         hint="same shape and dtype as the input")
        ck.expect_close(found, trusted_one_hot(trusted_rc(sequence)), what + " (the encoding of "
                        f"{trusted_rc(sequence)!r})", flip_hint, rtol=0, atol=0)

    def check_batch(case):
        sequences, dtype = case
        batch = torch.stack([trusted_one_hot(s) for s in sequences]).to(dtype)
        found = sol.reverse_complement_one_hot(batch)
        what = f"reverse_complement_one_hot(a {str(dtype)[6:]} batch encoding {sequences!r})"
        ck.expect_tensor(found, what, tuple(batch.shape), dtype,
                         hint="a batch [B, 4, L] keeps its shape and dtype")
        expected = torch.stack([trusted_one_hot(trusted_rc(s)) for s in sequences]).to(dtype)
        ck.expect_close(found, expected, what, flip_hint + "; count the axes from the end so "
                        "that the batch axis stays as it is", rtol=0, atol=0)

    ck.for_all(st.text(STRAND, max_size=40), check_one, max_examples=40)
    batches = st.integers(0, 20).flatmap(
        lambda n: st.lists(st.text(STRAND, min_size=n, max_size=n), min_size=1, max_size=4))
    ck.for_all(st.tuples(batches, st.sampled_from([torch.float32, torch.float64])), check_batch,
               max_examples=40)


def test_extract_kmers(sol):
    hint = ("every start from 0 to len(sequence) - k, the last one included; [] when the "
            "sequence is shorter than k; letters unchanged")
    example = "ATCGATCGTTA"
    expect_same(sol.extract_kmers(example), naive_kmers(example, 6),
                f"extract_kmers({example!r}) with the default k=6", hint)

    def check(case):
        sequence, k = case
        found = sol.extract_kmers(sequence, k)
        what = f"extract_kmers({sequence!r}, k={k})"
        ck.expect(isinstance(found, list), f"{what} to be a list", type(found).__name__,
                  "return a list of strings")
        expect_same(found, naive_kmers(sequence, k), what, hint)

    ck.for_all(st.tuples(st.text(STRAND, max_size=30), st.integers(1, 8)), check)


def test_encode_kmer_batch(sol):
    def check(kmers):
        found = sol.encode_kmer_batch(kmers)
        k = len(kmers[0])
        what = f"encode_kmer_batch({kmers!r})"
        ck.expect_tensor(found, what, (len(kmers), 4, k),
                         hint="[B, 4, k]: stack the [4, k] encodings along a new first axis")
        expected = torch.stack([trusted_one_hot(kmer) for kmer in kmers])
        ck.expect_close(found, expected, what, "entry i is the encoding of kmers[i]; "
                        + ONE_HOT_HINT, rtol=0, atol=0)

    lists = st.integers(1, 8).flatmap(
        lambda k: st.lists(st.text(STRAND, min_size=k, max_size=k), min_size=1, max_size=6))
    ck.for_all(lists, check)


def _expect_windows(found, sequence, k, stride, what):
    count = (len(sequence) - k) // stride + 1 if len(sequence) >= k else 0
    ck.expect_tensor(found, what, (count, 4, k),
                     hint="windows start at 0, stride, 2 * stride, ... while start + k <= L; "
                          "no window at all gives shape [0, 4, k] (torch.zeros(0, 4, k))")
    ck.expect_close(found, naive_windows(sequence, k, stride), what,
                    "window j is the encoding of sequence[j * stride : j * stride + k]; "
                    + ONE_HOT_HINT, rtol=0, atol=0)


def test_sliding_windows(sol):
    long = random_dna(1, 30, seed=31, alphabet=WINDOW_LETTERS)[0]
    _expect_windows(sol.sliding_window_kmers(long), long, 6, 1,
                    f"sliding_window_kmers({long!r}) with the defaults k=6, stride=1")
    _expect_windows(sol.sliding_window_kmers("ACGT"), "ACGT", 6, 1,
                    "sliding_window_kmers('ACGT') with the default k=6")
    for k in range(1, 9):
        lengths = sorted({max(k - 1, 0), k, k + 1, 2 * k + 1, 23})
        for length in lengths:
            sequence = random_dna(1, length, seed=100 * k + length, alphabet=WINDOW_LETTERS)[0]
            for stride in range(1, k + 3):
                found = sol.sliding_window_kmers(sequence, k, stride)
                _expect_windows(found, sequence, k, stride,
                                f"sliding_window_kmers({sequence!r}, k={k}, stride={stride})")


def test_kmer_counts(sol):
    order_hint = ("index = the k-mer read as a base-4 number, A=0, C=1, G=2, T=3, its FIRST "
                  "base the most significant digit (for k=2: AC -> 1, CA -> 4)")
    skip_hint = ("count lower case as upper case; skip (don't count) every window that holds "
                 "a letter other than A, C, G, T")

    def expect_counts(found, sequence, k, what):
        ck.expect_tensor(found, what, (4 ** k,), torch.int64,
                         hint="one int64 count per possible k-mer: 4**k entries")
        expected = trusted_counts(sequence, k)
        valid = sum(1 for i in range(len(sequence) - k + 1)
                    if set(sequence[i:i + k].upper()) <= set("ACGT"))
        ck.expect(int(found.sum()) == valid,
                  f"the counts of {what} to sum to {valid} (the windows of only A, C, G, T)",
                  f"a sum of {int(found.sum())}", skip_hint)
        ck.expect_close(found, expected, what, order_hint + "; " + skip_hint, rtol=0, atol=0)

    for sequence, nonzero in (("ACAc", {1: 2, 4: 1}), ("ACNGT", {1: 1, 11: 1})):
        what = f"count_kmers({sequence!r}, k=2)"
        found = sol.count_kmers(sequence, 2)
        expect_counts(found, sequence, 2, what)
        listed = torch.zeros(16, dtype=torch.int64)
        listed[list(nonzero)] = torch.tensor(list(nonzero.values()))
        ck.expect_close(found, listed, f"{what} (the example of task 6)", order_hint, rtol=0, atol=0)
    ck.for_all(st.tuples(st.text(COUNT_LETTERS, max_size=40), st.integers(1, 4)),
               lambda case: expect_counts(sol.count_kmers(*case), *case,
                                          f"count_kmers({case[0]!r}, k={case[1]})"))
    genome = random_dna(1, 2000, seed=2024, alphabet=WINDOW_LETTERS)[0]
    expect_counts(sol.count_kmers(genome), genome, 6,
                  "count_kmers(a 2,000-letter sequence) with the default k=6")
