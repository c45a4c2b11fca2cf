"""Graders: session 4, exercise 7 (activating_subsequences, probability_matrix,
information_content, draw_logo)."""
import math
from collections import Counter
from functools import lru_cache

import numpy as np
import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session04 import load_crp_sites, planted_motif_dataset, random_sequences

BASES = "ACGT"
EXAMPLE_SITES = ["ACGT", "ACGA", "TCGN", "acNN"]
EXAMPLE_MATRIX = [[0.75, 0.0, 0.0, 0.5], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.25, 0.0, 0.0, 0.5]]
AT_RICH = [0.3, 0.2, 0.2, 0.3]
GC_RICH = [0.15, 0.35, 0.35, 0.15]
# columns: all A, all T, uniform, half A half C, a skewed one (2, 2, 0, 1 bits and about 0.15)
FIVE_COLUMNS = [[1.0, 0.0, 0.25, 0.5, 0.1], [0.0, 0.0, 0.25, 0.5, 0.2],
                [0.0, 0.0, 0.25, 0.0, 0.3], [0.0, 1.0, 0.25, 0.0, 0.4]]
AP1 = "TGACTCA"
LOGO_HINT = ("an information logo: letter height = p[b, i] * IC[i] bits, so each stack is IC[i] tall (not "
             "the probabilities, not IC for every letter); one DataFrame row per position, columns 'A', "
             "'C', 'G', 'T' in this order over the rows A, C, G, T")
CORRELATION_BAR = 0.95
PROBABILITY_HINT = ("p[b, i] = (n[b, i] + pseudocount) / (N_i + 4 * pseudocount): count A, C, G, T in upper "
                    "case, leave N and other letters out of both counts and N_i, rows A, C, G, T; a column "
                    "without any base is 0.25 each")
BITS_HINT = ("IC[i] = sum over b of p[b, i] * log2(p[b, i] / q[b]) in bits (torch.log2), with "
             "0 * log2(0) = 0 (a zero probability adds 0, not NaN) and q = 0.25 each when background is "
             "None: 2 - H[i] for the uniform background")
WINDOW_HINT = ("activation = conv(one-hot batch)[n, filter_index, j] with the bias, no ReLU; keep the window "
               "sequences[n][j:j + K] when activation >= threshold_fraction * (the largest activation over "
               "all sequences and windows), every such window, ordered by n then j; [] when that largest "
               "activation is <= 0")


def trusted_probabilities(sites, pseudocount=0.0):
    """float64 [4, L] from a Counter per column; a column without any base is uniform."""
    columns = []
    for letters in zip(*(site.upper() for site in sites)):
        tally = Counter(letter for letter in letters if letter in BASES)
        denominator = sum(tally.values()) + 4 * pseudocount
        columns.append([(tally[b] + pseudocount) / denominator if denominator else 0.25 for b in BASES])
    return torch.tensor(columns, dtype=torch.float64).reshape(-1, 4).T


def trusted_bits(matrix, background=None):
    """float64 [L]: relative entropy of each column to the background, in bits."""
    reference = [0.25] * 4 if background is None else [float(v) for v in background]
    values = []
    for column in torch.as_tensor(matrix, dtype=torch.float64).T.tolist():
        values.append(math.fsum(p * math.log2(p / q) for p, q in zip(column, reference) if p > 0))
    return torch.tensor(values, dtype=torch.float64)


def crp_matrix():
    return trusted_probabilities(load_crp_sites()).float()


# ---------------------------------------------------------------- probability_matrix


def expect_probabilities(found, sites, pseudocount, call):
    ck.expect_tensor(found, call, (4, len(sites[0])),
                     hint="rows are the bases A, C, G, T, one column per position: [4, L], float32")
    ck.expect_close(found.sum(dim=0), torch.ones(len(sites[0])), f"the column sums of {call}",
                    "divide each column's counts (plus pseudocounts) by their total, so it sums to 1",
                    rtol=0, atol=1e-6)
    ck.expect_close(found, trusted_probabilities(sites, pseudocount), call, PROBABILITY_HINT,
                    rtol=0, atol=1e-6)


def test_probability_matrix(sol):
    found = sol.probability_matrix(EXAMPLE_SITES)
    call = f"probability_matrix({EXAMPLE_SITES})"
    ck.expect_tensor(found, call, (4, 4), hint="rows A, C, G, T and one column per position: [4, L], float32")
    ck.expect_close(found, EXAMPLE_MATRIX, call,
                    "the default pseudocount is 0.0; an N counts for no base and is not in N_i "
                    "(column 2 is 3 G out of 3 bases)", rtol=0, atol=1e-6)
    expect_probabilities(sol.probability_matrix(EXAMPLE_SITES, pseudocount=1.0), EXAMPLE_SITES, 1.0,
                         f"probability_matrix({EXAMPLE_SITES}, pseudocount=1.0)")
    unknown = ["NA", "nC", "-G"]
    expect_probabilities(sol.probability_matrix(unknown), unknown, 0.0,
                         f"probability_matrix({unknown}) (column 0 holds no base: 0.25 each)")

    def check(case):
        sites, pseudocount = case
        if pseudocount is None:
            found, call, used = sol.probability_matrix(sites), f"probability_matrix({sites!r})", 0.0
        else:
            found = sol.probability_matrix(sites, pseudocount=pseudocount)
            call, used = f"probability_matrix({sites!r}, pseudocount={pseudocount})", pseudocount
        expect_probabilities(found, sites, used, call)

    site_lists = st.integers(1, 10).flatmap(lambda width: st.lists(
        st.text("ACGTacgtN-", min_size=width, max_size=width), min_size=1, max_size=12))
    ck.for_all(st.tuples(site_lists, st.sampled_from([None, 0.0, 0.5, 1.0, 3.0])), check)

    hint = "raise ValueError when there is no site or when a site's length differs from the first's"
    ck.expect_raises(lambda: sol.probability_matrix([]), ValueError, "probability_matrix([])", hint)
    for ragged in (["ACGT", "ACG"], ["ACG", "ACGT", "ACG"]):
        ck.expect_raises(lambda: sol.probability_matrix(ragged), ValueError,
                         f"probability_matrix({ragged})", hint)


# ---------------------------------------------------------------- the CRP sites and logomaker


def test_crp_matches_logomaker(sol):
    sites = load_crp_sites()
    mine = sol.probability_matrix(sites)
    import logomaker

    for pseudocount in (None, 1.0, 0.25):
        used = 0.0 if pseudocount is None else pseudocount
        table = logomaker.alignment_to_matrix(sites, to_type="probability", pseudocount=used)
        expected = torch.tensor(table.loc[:, list(BASES)].to_numpy(), dtype=torch.float64).T
        if pseudocount is None:
            found, call = mine, "probability_matrix(crp_sites)"
        else:
            found = sol.probability_matrix(sites, pseudocount=pseudocount)
            call = f"probability_matrix(crp_sites, pseudocount={pseudocount})"
        ck.expect_tensor(found, call, (4, 26),
                         hint="rows A, C, G, T; one column per position of the 26-bp sites")
        ck.expect_close(found, expected, f"{call} against logomaker.alignment_to_matrix(crp_sites, "
                        f"to_type='probability', pseudocount={used}) transposed",
                        PROBABILITY_HINT + f" (here pseudocount={used}: the default of "
                        "probability_matrix is 0.0, logomaker's own default is 1.0)", rtol=0, atol=1e-6)

    table = logomaker.alignment_to_matrix(sites, to_type="probability", pseudocount=0)
    matrix = torch.tensor(table.loc[:, list(BASES)].to_numpy(), dtype=torch.float32).T
    for background in (None, AT_RICH):
        information = logomaker.transform_matrix(
            table, from_type="probability", to_type="information",
            background=None if background is None else np.array(background))
        expected = information.sum(axis=1).to_numpy()
        if background:
            found = sol.information_content(matrix, torch.tensor(background))
            call = f"information_content(crp_matrix, torch.tensor({background}))"
        else:
            found, call = sol.information_content(matrix), "information_content(crp_matrix)"
        ck.expect_tensor(found, call, (26,), hint="one value per position: sum over the 4 bases, shape [L]")
        ck.expect_close(found, expected,
                        f"{call} against logomaker's information matrix summed over each row",
                        BITS_HINT, rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------- information_content


def expect_finite_bits(found, call):
    ck.expect(bool(torch.isfinite(found).all()), f"{call} to be finite", f"{found.tolist()}",
              "0 * log2(0) is 0 by convention: skip (or mask) the zero probabilities, e.g. with "
              "torch.where(p > 0, ..., 0.0) or torch.special.xlogy")


def test_information_content(sol):
    five = torch.tensor(FIVE_COLUMNS)
    found = sol.information_content(five)
    call = ("information_content(pwm) of the columns all A, all T, uniform, [0.5, 0.5, 0, 0] and "
            "[0.1, 0.2, 0.3, 0.4]")
    ck.expect_tensor(found, call, (5,),
                     hint="one value per position (sum over the 4 bases): shape [L], float32")
    expect_finite_bits(found, call)
    ck.expect_close(found, trusted_bits(five), call, BITS_HINT)

    def check(case):
        counts, background = case
        tally = torch.tensor(counts, dtype=torch.float64).T
        matrix = (tally / tally.sum(dim=0)).float()
        shown = f"information_content(pwm made from the counts {counts}"
        if background:
            found = sol.information_content(matrix, torch.tensor(background))
            call = shown + f", background=torch.tensor({background}))"
        else:
            found, call = sol.information_content(matrix), shown + ")"
        ck.expect_tensor(found, call, (matrix.shape[1],), hint="one value per position: shape [L], float32")
        expect_finite_bits(found, call)
        ck.expect_close(found, trusted_bits(matrix, background), call, BITS_HINT)

    column = st.lists(st.integers(0, 5), min_size=4, max_size=4).filter(any)
    backgrounds = st.sampled_from([None, [0.25] * 4, AT_RICH, GC_RICH])
    ck.for_all(st.tuples(st.lists(column, min_size=1, max_size=8), backgrounds), check)


# ---------------------------------------------------------------- the logo


@lru_cache(maxsize=1)
def glyph_outlines():
    """{path codes of a letter's outline: the letter}, for A, C, G, T in a few fonts (logomaker's
    default 'sans' bold first); an outline shared by two letters is left out."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    owners = {}
    for family in ("sans", "serif", "monospace"):
        for weight in ("bold", "normal"):
            font = FontProperties(family=family, weight=weight)
            for letter in BASES:
                outline = TextPath((0, 0), letter, size=1, prop=font)
                owners.setdefault(tuple(outline.codes.tolist()), set()).add(letter)
    return {codes: letters.pop() for codes, letters in owners.items() if len(letters) == 1}


def drawn_heights(ax, length, what):
    """float64 [4, L]: the summed heights of the A, C, G, T glyphs at each position 0 .. L-1."""
    from matplotlib.patches import PathPatch

    outlines = glyph_outlines()
    heights = torch.zeros(4, length, dtype=torch.float64)
    letters = 0
    for patch in ax.patches:
        if not isinstance(patch, PathPatch) or patch.get_path().codes is None:
            continue
        letter = outlines.get(tuple(patch.get_path().codes.tolist()))
        if letter is None:
            continue
        box = patch.get_path().get_extents()
        centre = (box.x0 + box.x1) / 2
        slot = round(centre)
        ck.expect(abs(centre - slot) < 0.05 and 0 <= slot < length,
                  f"{what}: every letter at one of the positions 0 .. {length - 1}",
                  f"the letter {letter} centred at x = {centre:.3f}",
                  "keep the DataFrame's default index 0 .. L-1 (one row per position) and logomaker's "
                  "default glyph width")
        heights[BASES.index(letter), slot] += box.y1 - box.y0
        letters += 1
    ck.expect(letters > 0, f"{what}: the letters A, C, G, T drawn on its Axes", "no letter glyphs",
              "draw with logomaker.Logo(df, ax=ax) into the Axes of the figure you return, with the "
              "default font, and columns named 'A', 'C', 'G', 'T'")
    return heights


def test_logo_figure(sol):
    matrices = (("the 5-column matrix", torch.tensor(FIVE_COLUMNS)), ("the CRP matrix", crp_matrix()))
    for name, matrix in matrices:
        what = f"draw_logo({name})"
        figure = sol.draw_logo(matrix)
        with ck.checked_figure(figure, what) as fig:
            (ax,) = ck.expect_axes(fig, 1, what)
            expected = matrix.double() * trusted_bits(matrix).unsqueeze(0)
            found = drawn_heights(ax, matrix.shape[1], what)
            ck.expect_close(found, expected, f"{what}: the height of each letter at each position "
                            "(rows A, C, G, T)", LOGO_HINT, rtol=1e-3, atol=1e-4)
            ck.expect_text(ax.get_ylabel(), ["bits"], f"the y-axis label of {what}",
                           'ax.set_ylabel("Information (bits)")')


# ---------------------------------------------------------------- activating subsequences


def quarter_conv(seed, bias=True):
    """nn.Conv1d(4, 3, 5) with weights and biases drawn from -1, -0.75, ..., 1."""
    conv = ck.seeded(seed, nn.Conv1d, 4, 3, 5, bias=bias)
    draws = torch.Generator().manual_seed(500 + seed)
    with torch.no_grad():
        conv.weight.copy_(torch.randint(-4, 5, tuple(conv.weight.shape), generator=draws) / 4)
        if bias:
            conv.bias.copy_(torch.randint(-4, 5, (3,), generator=draws) / 4)
    return conv


def mixed_sequences(seed):
    """30 sequences of 24 letters, some in lower case, some with N."""
    plain = random_sequences(30, 24, seed=seed)
    mixed = []
    for row, sequence in enumerate(plain):
        if row % 3 == 1:
            sequence = sequence[:10] + sequence[10:].lower()
        if row % 4 == 2:
            hole = (7 * row) % 24
            sequence = sequence[:hole] + "N" + sequence[hole + 1:]
        mixed.append(sequence)
    return mixed


def trusted_windows(conv, sequences, index, fraction):
    """The windows a naive float64 scan keeps: activation >= fraction * the largest, if that is > 0."""
    kernel = conv.weight.detach().double()[index].tolist()
    width = len(kernel[0])
    offset = 0.0 if conv.bias is None else float(conv.bias.detach()[index])
    scored = []
    for number, sequence in enumerate(sequences):
        for begin in range(len(sequence) - width + 1):
            word = sequence[begin:begin + width].upper()
            value = offset + math.fsum(kernel[BASES.index(c)][k] for k, c in enumerate(word) if c in BASES)
            scored.append((value, number, begin))
    top = max(value for value, _, _ in scored)
    if top <= 0:
        return []
    return [sequences[number][begin:begin + width] for value, number, begin in scored
            if value >= fraction * top]


def expect_windows(found, wanted, call):
    ck.expect(isinstance(found, list), f"{call} to return a list", type(found).__name__,
              "collect the windows (strings) in a list")
    odd = [type(w).__name__ for w in found if not isinstance(w, str)]
    ck.expect(not odd, f"{call} to return a list of strings", f"a list holding {odd[:1]}",
              "return the windows as strings sequences[n][j:j + K]")
    if found == wanted:
        return
    first = next((i for i, (a, b) in enumerate(zip(found, wanted)) if a != b), min(len(found), len(wanted)))

    def told(words):
        example = f", window {first} being {words[first]!r}" if first < len(words) else ""
        return f"{len(words)} windows{example}"

    ck.expect(False, f"{call}: the windows of a trusted scan, {told(wanted)}", told(found), WINDOW_HINT)


def motif_conv(motif, seed):
    """A filter set by hand to the motif: +1 for its base, -1 elsewhere, plus noise in steps of 1/16."""
    conv = ck.seeded(seed, nn.Conv1d, 4, 1, len(motif))
    noise = torch.randn(4, len(motif), generator=torch.Generator().manual_seed(1000 + seed))
    with torch.no_grad():
        for k, letter in enumerate(motif):
            for r, base in enumerate(BASES):
                conv.weight[0, r, k] = (1.0 if base == letter else -1.0) + round(8 * float(noise[r, k])) / 16
        conv.bias.zero_()
    return conv


def test_planted_motif_recovered(sol):
    cases = ((0, 1, None, True), (1, 2, 0.25, True), (2, 0, 0.75, False), (3, 1, 1.0, True),
             (4, 2, 0.0, True))
    for seed, index, fraction, bias in cases:
        conv, sequences = quarter_conv(seed, bias), mixed_sequences(seed)
        shown = f"activating_subsequences(conv (seed {seed}, bias={bias}), 30 sequences, {index}"
        if fraction is None:
            found, call, used = sol.activating_subsequences(conv, sequences, index), shown + ")", 0.5
        else:
            found = sol.activating_subsequences(conv, sequences, index, threshold_fraction=fraction)
            call, used = shown + f", threshold_fraction={fraction})", fraction
        expect_windows(found, trusted_windows(conv, sequences, index, used), call)

    negative, zero = quarter_conv(5), quarter_conv(6)
    with torch.no_grad():
        negative.weight.copy_(-negative.weight.abs())
        negative.bias.fill_(-0.25)
        zero.weight.zero_()
        zero.bias.zero_()
    found = sol.activating_subsequences(negative, mixed_sequences(5), 0, threshold_fraction=1.0)
    expect_windows(found, [], "activating_subsequences(a filter whose every activation is negative, ..., "
                   "threshold_fraction=1.0)")
    found = sol.activating_subsequences(zero, mixed_sequences(6), 2)
    expect_windows(found, [], "activating_subsequences(a filter of zeros (every activation 0), ...)")

    target = torch.tensor([[float(letter == base) for letter in AP1] for base in BASES], dtype=torch.float64)
    for seed in (0, 1, 2):
        sequences, _, _ = planted_motif_dataset(200, 50, AP1, seed)
        conv = motif_conv(AP1, seed)
        what = f"the filter set to {AP1} on planted_motif_dataset(200, 50, {AP1!r}, seed={seed})"
        found = sol.activating_subsequences(conv, sequences, 0)
        expect_windows(found, trusted_windows(conv, sequences, 0, 0.5),
                       f"activating_subsequences({what}) (threshold_fraction not given)")
        matrix = sol.probability_matrix(found)
        ck.expect_tensor(matrix, f"probability_matrix of the windows of {what}", (4, len(AP1)))
        consensus = "".join(BASES[i] for i in matrix.argmax(dim=0).tolist())
        ck.expect(consensus == AP1, f"the consensus of the matrix of {what} to be {AP1}", consensus,
                  "rows A, C, G, T; count each window's letters at their own positions")
        r = float(np.corrcoef(matrix.double().flatten().numpy(), target.flatten().numpy())[0, 1])
        ck.expect(r >= CORRELATION_BAR, f"the matrix of {what}: Pearson correlation with the one-hot {AP1} "
                  f">= {CORRELATION_BAR}", f"{r:.4f}", WINDOW_HINT)
