"""Graders: session 1, exercise 1 (one_hot_encode, _vectorized, _batch, decode_one_hot)."""
import torch
from hypothesis import strategies as st

from coursekit import checks as ck

DNA = "ACGTacgtNn-RY"  # bases in both cases, unknown calls, a gap, IUPAC codes
ROWS = {"A": 0, "C": 1, "G": 2, "T": 3}
RNA_ROWS = {"A": 0, "C": 1, "G": 2, "U": 3}
REVERSED_ROWS = {"T": 0, "G": 1, "C": 2, "A": 3}
ATCG = torch.tensor([[1.0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 0, 0]])
HINT = ("rows A, C, G, T; look letters up in upper case; a letter without a row "
        "(N, -, R, ...) gives an all-zero column")


def trusted(sequence, rows=ROWS):
    """Column by column: 1.0 where the letter's row (upper-cased lookup) is that row."""
    columns = [[float(rows.get(letter.upper()) == r) for r in range(4)] for letter in sequence]
    return torch.tensor(columns, dtype=torch.float32).reshape(len(sequence), 4).T


def normalised(sequence):
    """What decoding gives back: upper case, every letter other than A, C, G, T as N."""
    return "".join(c if c in "ACGT" else "N" for c in sequence.upper())


def expect_encoding(found, sequence, what, rows=ROWS, hint=HINT):
    ck.expect_tensor(found, what, (4, len(sequence)))
    ck.expect_close(found, trusted(sequence, rows), what, hint, rtol=0, atol=0)


def test_shape_and_dtype(sol):
    expect_encoding(sol.one_hot_encode("ATCG"), "ATCG", 'one_hot_encode("ATCG")')
    ck.expect_close(sol.one_hot_encode("ATCG"), ATCG, 'one_hot_encode("ATCG")',
                    "column i is the base at position i; rows in the order A, C, G, T", rtol=0, atol=0)
    for sequence in ("", "G", "ATCGATCGTTAGC"):
        found = sol.one_hot_encode(sequence)
        ck.expect_tensor(found, f"one_hot_encode({sequence!r})", (4, len(sequence)),
                         hint="channels first: 4 rows, one column per position (torch.zeros(4, L))")


def test_encodes(sol):
    def check(sequence):
        expect_encoding(sol.one_hot_encode(sequence), sequence, f"one_hot_encode({sequence!r})")

    ck.for_all(st.text(DNA, max_size=40), check)


def test_custom_mapping(sol):
    def check(sequence):
        for rows, name in ((RNA_ROWS, "RNA_ROWS"), (REVERSED_ROWS, "REVERSED_ROWS")):
            expect_encoding(sol.one_hot_encode(sequence, rows), sequence,
                            f"one_hot_encode({sequence!r}, {name}={rows})", rows,
                            "take each letter's row from nucleotide_to_int when it is given; "
                            "letters it does not map give a zero column")

    ck.for_all(st.text("ACGUTNacgu", max_size=30), check, max_examples=40)


def test_vectorized_equal(sol):
    def check(sequence):
        expect_encoding(sol.one_hot_encode_vectorized(sequence), sequence,
                        f"one_hot_encode_vectorized({sequence!r})",
                        hint=HINT + "; the empty string gives shape [4, 0]")

    check("")
    ck.for_all(st.text(DNA, max_size=40), check)


def test_vectorized_no_loop(sol):
    short, long = "ACGTN" * 4, ("ACGTacgtN-" * 2000)
    ck.expect_no_python_loop(lambda: sol.one_hot_encode_vectorized(short),
                             lambda: sol.one_hot_encode_vectorized(long),
                             "one_hot_encode_vectorized", over="positions",
                             growth=len(long) - len(short),
                             hint="no loop (or list comprehension) over the letters: look the "
                                  "bytes up in a table (numpy.frombuffer, then index a tensor)")
    expect_encoding(sol.one_hot_encode_vectorized(long), long, "one_hot_encode_vectorized of 20,000 bases")


def test_batch(sol):
    def check(case):
        sequences, length = case
        found = (sol.one_hot_encode_batch(sequences) if length is None
                 else sol.one_hot_encode_batch(sequences, length))
        size = max(len(s) for s in sequences) if length is None else length
        call = f"one_hot_encode_batch({sequences!r}" + (f", length={length})" if length else ")")
        ck.expect_tensor(found, call, (len(sequences), 4, size),
                         hint="[B, 4, length]; length=None means the longest sequence's length")
        expected = torch.zeros(len(sequences), 4, size)
        for row, given in enumerate(sequences):
            kept = given[:size]
            expected[row, :, :len(kept)] = trusted(kept)
        ck.expect_close(found, expected, call,
                        "keep the first `length` bases of a longer sequence; pad a shorter one "
                        "with zero columns at its end", rtol=0, atol=0)

    batches = st.lists(st.text(DNA, max_size=25), min_size=1, max_size=5)
    ck.for_all(st.tuples(batches, st.one_of(st.none(), st.integers(1, 30))), check)


def test_round_trip(sol):
    def check(sequence):
        want = normalised(sequence)
        for what, tensor in (("the trusted encoding", trusted(sequence)),
                             ("your one_hot_encode", sol.one_hot_encode(sequence))):
            found = sol.decode_one_hot(tensor)
            ck.expect(found == want, f"decode_one_hot of {what} of {sequence!r} to be {want!r}",
                      repr(found), "rows A, C, G, T; an all-zero column decodes to N")

    ck.for_all(st.text(DNA, max_size=40), check)
