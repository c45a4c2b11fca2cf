"""Graders: session 1, exercise 4 (create_pwm, score_with_pwm, scan_sequence, scan_batch)."""
import math
from collections import Counter

import numpy as np
import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session01 import binding_sites, implant_motif, random_dna

LETTERS = "ACGTacgt"
EXAMPLE_SITES = ["ACG", "ACT", "AGT", "TCT"]
EXAMPLE_PWM = torch.tensor([[0.75, 0.0, 0.0], [0.0, 0.75, 0.0], [0.0, 0.25, 0.25], [0.25, 0.0, 0.75]])
AP1 = "TGACTCAGCA"
IMPLANTED_AT = (0, 37, 64, 101, 110)  # 110 = 120 - 10: the last window
SCORE_HINT = ("score = sum over positions i of log2(pwm[row of base i, i] + 1e-8): base 2, the "
              "pseudocount 1e-8 inside the log, no background, lower case counted as upper case")
DEFAULT_HINT = ("threshold defaults to -10.0 (a window scoring >= -10.0 is a hit); windows start at "
                "0 .. len(sequence) - L, in increasing order")


def trusted_pwm(sites):
    """Frequencies from a Counter per column, float32 [4, L] (rows A, C, G, T)."""
    columns = []
    for letters in zip(*(s.upper() for s in sites)):
        tally = Counter(letters)
        columns.append([tally[b] / len(sites) for b in "ACGT"])
    return torch.tensor(columns, dtype=torch.float32).T


def log_score(pwm, base, column):
    """The trusted score of one base at one motif position (float64)."""
    return math.log2(float(pwm["ACGT".index(base.upper()), column]) + 1e-8)


def trusted_score(word, pwm):
    return math.fsum(log_score(pwm, letter, k) for k, letter in enumerate(word))


def window_scores(sequence, pwm):
    motif_len = pwm.shape[1]
    return [trusted_score(sequence[at:at + motif_len], pwm) for at in range(len(sequence) - motif_len + 1)]


def encode(sequence):
    """Trusted one-hot [4, N]: rows A, C, G, T; any other letter an all-zero column."""
    grid = torch.zeros(4, len(sequence))
    for column, letter in enumerate(sequence.upper()):
        if letter in "ACGT":
            grid["ACGT".index(letter), column] = 1.0
    return grid


def expect_hits(found, sequence, pwm, threshold, call, hint=""):
    """``found`` is the list of (start, score) tuples of the trusted windows scoring >= threshold."""
    scores = window_scores(sequence, pwm)
    wanted = [(at, s) for at, s in enumerate(scores) if s >= threshold]
    ck.expect(isinstance(found, list), f"{call} to return a list", type(found).__name__,
              "collect the hits in a list of (start, score) tuples")
    shapes_ok = all(isinstance(h, tuple) and len(h) == 2 for h in found)
    ck.expect(shapes_ok, f"{call}: every hit a (start, score) tuple",
              repr(next((h for h in found if not (isinstance(h, tuple) and len(h) == 2)), None)),
              "append (start, score) tuples")
    typed = all(isinstance(h[0], int) and not isinstance(h[0], bool) and isinstance(h[1], float)
                for h in found)
    ck.expect(typed, f"{call}: starts as Python ints and scores as Python floats",
              repr(next((h for h in found if not (isinstance(h[0], int) and isinstance(h[1], float))), None)),
              "use int(start) and float(score) (or .item() on a 0-d tensor)")
    starts = [h[0] for h in found]
    expected_starts = [at for at, _ in wanted]
    ck.expect(starts == expected_starts, f"{call} hits at the window starts {expected_starts}",
              f"hits at {starts}",
              hint or f"windows start at 0 .. len(sequence) - L (here {len(sequence) - pwm.shape[1]}), "
                      "0-based, in increasing order; keep a window when its score is >= threshold")
    if found:
        ck.expect_close([h[1] for h in found], [s for _, s in wanted], f"the scores of {call}", SCORE_HINT)


def sites_of(motif_len):
    return st.lists(st.text(LETTERS, min_size=motif_len, max_size=motif_len), min_size=1, max_size=12)


def motif_sites():
    return st.integers(1, 10).flatmap(sites_of)


def test_create_pwm(sol):
    found = sol.create_pwm(EXAMPLE_SITES)
    ck.expect_tensor(found, f"create_pwm({EXAMPLE_SITES})", (4, 3),
                     hint="rows are the bases A, C, G, T; one column per motif position: [4, L]")
    ck.expect_close(found, EXAMPLE_PWM, f"create_pwm({EXAMPLE_SITES})",
                    "entry [r, i] = number of sites with base r at position i / number of sites",
                    rtol=0, atol=1e-6)

    def check(sites):
        call = f"create_pwm({sites!r})"
        pwm = sol.create_pwm(sites)
        ck.expect_tensor(pwm, call, (4, len(sites[0])),
                         hint="rows are the bases A, C, G, T; one column per motif position: [4, L]")
        ck.expect_close(pwm.sum(dim=0), torch.ones(len(sites[0])), f"the column sums of {call}",
                        "divide the counts by the number of sites, so that every column sums to 1",
                        rtol=0, atol=1e-6)
        ck.expect_close(pwm, trusted_pwm(sites), call,
                        "count the bases of each column in upper case (a lower-case letter is its base) "
                        "and divide by the number of sites; no pseudocounts", rtol=0, atol=1e-6)

    ck.for_all(motif_sites(), check)
    hint = "check that the list is not empty and that every site has the length of the first"
    ck.expect_raises(lambda: sol.create_pwm([]), ValueError, "create_pwm([])", hint)
    for sites in (["ACGT", "ACG"], ["ACG", "ACGT"]):
        ck.expect_raises(lambda: sol.create_pwm(sites), ValueError, f"create_pwm({sites})", hint)


def test_score(sol):
    found = sol.score_with_pwm("ACT", EXAMPLE_PWM)
    ck.expect(isinstance(found, float), 'score_with_pwm("ACT", pwm) to be a Python float',
              type(found).__name__, "return score.item() (or float(score)), not a tensor")
    ck.expect_close(found, trusted_score("ACT", EXAMPLE_PWM), 'score_with_pwm("ACT", pwm of task 1)',
                    SCORE_HINT)

    def check(case):
        sites, pick = case
        pwm = trusted_pwm(sites)
        word = sites[pick % len(sites)][::-1] if pick % 3 else sites[pick % len(sites)]
        got = sol.score_with_pwm(word, pwm)
        call = f"score_with_pwm({word!r}, pwm of {sites!r})"
        ck.expect(isinstance(got, float), f"{call} to be a Python float", type(got).__name__,
                  "return score.item() (or float(score)), not a tensor")
        ck.expect_close(got, trusted_score(word, pwm), call, SCORE_HINT)

    ck.for_all(st.tuples(motif_sites(), st.integers(0, 50)), check)
    hint = "raise ValueError when len(sequence) differs from the number of PWM columns"
    for word in ("ACTG", "AC"):
        ck.expect_raises(lambda: sol.score_with_pwm(word, EXAMPLE_PWM), ValueError,
                         f"score_with_pwm({word!r}, [4, 3] pwm)", hint)


def test_scan(sol):
    def check(case):
        sites, sequence, pick = case
        pwm = trusted_pwm(sites)
        shown = f"scan_sequence({sequence!r}, pwm of {sites!r}"
        every = sol.scan_sequence(sequence, pwm, threshold=-math.inf)
        expect_hits(every, sequence, pwm, -math.inf, shown + ", threshold=-math.inf)")
        levels = sorted(set(window_scores(sequence, pwm)))
        cuts = [(lo + hi) / 2 for lo, hi in zip(levels, levels[1:]) if hi - lo > 1e-3]
        if cuts:
            cut = cuts[pick % len(cuts)]
            expect_hits(sol.scan_sequence(sequence, pwm, cut), sequence, pwm, cut, shown + f", {cut!r})")
        if all(abs(s + 10.0) > 1e-3 for s in levels):
            expect_hits(sol.scan_sequence(sequence, pwm), sequence, pwm, -10.0,
                        shown + ") (threshold not given)", DEFAULT_HINT)
        if every:
            edge = every[pick % len(every)][1]
            kept = [h[0] for h in sol.scan_sequence(sequence, pwm, edge)]
            want = [h[0] for h in every if h[1] >= edge]
            ck.expect(kept == want, f"{shown}, threshold={edge!r}) (a score you return) to keep the windows "
                      f"{want}", f"{kept}", "a window whose score equals the threshold is a hit: use >=")

    ck.for_all(st.tuples(motif_sites(), st.text(LETTERS, max_size=40), st.integers(0, 100)), check)

    pwm = trusted_pwm(binding_sites("TGACTCA", n=20, mutation_rate=0.6, seed=0))
    background = random_dna(1, 300, seed=7)[0]
    sequence = background[:150] + background[150:].lower()
    expect_hits(sol.scan_sequence(sequence, pwm), sequence, pwm, -10.0,
                "scan_sequence(300-base sequence, pwm) (threshold not given)", DEFAULT_HINT)
    every = sol.scan_sequence(sequence, pwm, -math.inf)
    expect_hits(every, sequence, pwm, -math.inf, "scan_sequence(300-base sequence, pwm, -math.inf)")
    edge = sorted(h[1] for h in every)[-4]
    kept = {h[0] for h in sol.scan_sequence(sequence, pwm, edge)}
    ck.expect(kept == {h[0] for h in every if h[1] >= edge},
              f"scan_sequence(300-base sequence, pwm, threshold={edge!r}) (the fourth best of your own "
              "scores) to keep every window scoring >= that", f"{len(kept)} windows",
              "a window whose score equals the threshold is a hit: use >=")


def batch_cases():
    def of_length(motif_len):
        columns = st.integers(motif_len, 30).flatmap(
            lambda n: st.lists(st.lists(st.integers(0, 4), min_size=n, max_size=n), min_size=1, max_size=4))
        return st.tuples(sites_of(motif_len), columns)
    return st.integers(1, 10).flatmap(of_length)


def test_scan_batch(sol):
    def check(case):
        sites, rows = case
        pwm = trusted_pwm(sites)
        batch = torch.zeros(len(rows), 4, len(rows[0]))
        for b, codes in enumerate(rows):
            for column, code in enumerate(codes):
                if code < 4:  # code 4: an all-zero column (N or padding)
                    batch[b, code, column] = 1.0
        span = pwm.shape[1]
        expected = [[math.fsum(log_score(pwm, "ACGT"[codes[j + k]], k)
                               for k in range(span) if codes[j + k] < 4)
                     for j in range(len(codes) - span + 1)] for codes in rows]
        call = f"scan_batch(one-hot batch of shape {list(batch.shape)}, pwm of shape {list(pwm.shape)})"
        found = sol.scan_batch(batch, pwm)
        ck.expect_tensor(found, call, (len(rows), len(rows[0]) - span + 1),
                         hint="one score per window start: [B, N - L + 1]; weight [1, 4, L] gives one "
                              "output channel, drop it with .squeeze(1)")
        ck.expect_close(found, expected, call,
                        SCORE_HINT + "; the log-scores are the conv1d weight as they are (conv1d does not "
                                     "flip the kernel); an all-zero column adds 0")

    ck.for_all(batch_cases(), check)


def test_scan_batch_no_loop(sol):
    pwm = trusted_pwm(binding_sites(AP1, n=40, mutation_rate=0.3, seed=1))
    short, long = random_dna(2, 20, seed=2), random_dna(2, 20_000, seed=3)
    short_batch = torch.stack([encode(s) for s in short])
    long_batch = torch.stack([encode(s) for s in long])
    ck.expect_no_python_loop(lambda: sol.scan_batch(short_batch, pwm),
                             lambda: sol.scan_batch(long_batch, pwm), "scan_batch", over="positions",
                             growth=2 * (20_000 - 20),
                             hint="no loop over the windows: one F.conv1d call scores them all")
    table = np.log2(pwm.double().numpy() + 1e-8)
    codes = np.array([["ACGT".index(c) for c in s] for s in long])
    windows = np.lib.stride_tricks.sliding_window_view(codes, len(AP1), axis=1)
    trusted = table[windows, np.arange(len(AP1))].sum(axis=-1)
    found = sol.scan_batch(long_batch, pwm)
    ck.expect_tensor(found, "scan_batch of two 20,000-base sequences", tuple(trusted.shape),
                     hint="one score per window start: [B, N - L + 1]")
    ck.expect_close(found, trusted, "scan_batch of two 20,000-base sequences", SCORE_HINT)


def test_finds_implanted_motif(sol):
    for seed, position in enumerate(IMPLANTED_AT):
        pwm = sol.create_pwm(binding_sites(AP1, n=40, mutation_rate=0.15, seed=seed))
        sequence = implant_motif(AP1, 120, position, seed=100 + seed)
        hits = sol.scan_sequence(sequence, pwm)
        where = f"{AP1} implanted at {position} of a 120-base sequence (seed {seed})"
        ck.expect(len(hits) > 0, f"scan_sequence to find hits for {where}", "no hits",
                  "the implanted motif scores about -2, above the default threshold -10.0")
        top = max(hits, key=lambda h: h[1])[0]
        ck.expect(top == position, f"the top-scoring hit of scan_sequence at {position} ({where})",
                  f"top hit at {top}", "positions are 0-based window starts, up to len(sequence) - L")
        scores = sol.scan_batch(encode(sequence).unsqueeze(0), pwm)
        peak = int(torch.as_tensor(scores).reshape(-1).argmax())
        ck.expect(peak == position, f"the argmax of scan_batch at {position} ({where})", f"argmax at {peak}",
                  "use the log-scores as the conv1d weight as they are: conv1d does not flip the kernel")
