"""Graders: session 1, exercise 6 (translate_to_protein, analyze_gc_content)."""
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session01 import gc_blocks, random_dna

# The standard genetic code (NCBI table 1), written amino acid by amino acid.
SYNONYMOUS_CODONS = {
    "A": "GCT GCC GCA GCG", "R": "CGT CGC CGA CGG AGA AGG", "N": "AAT AAC", "D": "GAT GAC",
    "C": "TGT TGC", "Q": "CAA CAG", "E": "GAA GAG", "G": "GGT GGC GGA GGG", "H": "CAT CAC",
    "I": "ATT ATC ATA", "L": "TTA TTG CTT CTC CTA CTG", "K": "AAA AAG", "M": "ATG",
    "F": "TTT TTC", "P": "CCT CCC CCA CCG", "S": "TCT TCC TCA TCG AGT AGC", "T": "ACT ACC ACA ACG",
    "W": "TGG", "Y": "TAT TAC", "V": "GTT GTC GTA GTG", "STOP": "TAA TAG TGA",
}
GENETIC_CODE = {triplet: residue for residue, listing in SYNONYMOUS_CODONS.items()
                for triplet in listing.split()}
STOPS = SYNONYMOUS_CODONS["STOP"].split()
SENSE = sorted(t for t in GENETIC_CODE if t not in STOPS)
GUIDE_EXAMPLE = "ATGGCCATTGTAATGGGCCGCTGAAAGGGTGCCCGATAG"
TRANSLATE_HINT = ("read codons dna_sequence[0:3], [3:6], ... through the standard code (bases ordered "
                  "T, C, A, G; the 64-letter string of the spec)")
STOP_HINT = ("stop at the first stop codon of the frame (TAA, TAG, TGA) and leave it out of the result "
             "(no '*'); a stop triplet across two codons does not count")
RULES_HINT = ("look codons up in upper case; a codon with any letter other than A, C, G, T gives 'X'; "
              "ignore one or two bases left over at the end (no error)")
GC_HINT = ("windows start at 0, step, 2*step, ... while start + window_size <= len(sequence); "
           "GC fraction = (number of G, C, g, c in the window) / window_size")
WINDOW_HINT = ("only whole windows: range(0, len(sequence) - window_size + 1, step) gives their starts; "
               "defaults window_size=100, step=50")


def trusted_protein(dna):
    """Codon by codon through GENETIC_CODE, up to the first stop; X for an unknown codon."""
    residues = ""
    for codon_index in range(len(dna) // 3):
        triplet = dna[3 * codon_index:3 * codon_index + 3].upper()
        residue = GENETIC_CODE.get(triplet, "X")
        if residue == "STOP":
            break
        residues += residue
    return residues


def _biopython_translate():
    """Biopython's translate when it is installed, else None (an extra witness, never required)."""
    try:
        from Bio.Seq import translate
    except ImportError:
        return None
    return translate


def expect_protein(sol, dna, want, hint):
    found = sol.translate_to_protein(dna)
    ck.expect(isinstance(found, str), f"translate_to_protein({dna!r}) to return a str",
              type(found).__name__, "join the letters: ''.join(letters)")
    ck.expect(found == want, f"translate_to_protein({dna!r}) == {want!r}", repr(found), hint)


def test_translation(sol):
    for triplet in SENSE:
        expect_protein(sol, triplet, GENETIC_CODE[triplet], TRANSLATE_HINT)
    biopython = _biopython_translate()

    def check(codons):
        dna = "".join(codons)
        expect_protein(sol, dna, trusted_protein(dna), TRANSLATE_HINT)
        if biopython is not None:
            expect_protein(sol, dna, str(biopython(dna, table=1, to_stop=True)), TRANSLATE_HINT)

    ck.for_all(st.lists(st.sampled_from(SENSE), max_size=30), check, max_examples=50)


def test_stop_codon(sol):
    for triplet in STOPS:
        expect_protein(sol, triplet, "", STOP_HINT)
        expect_protein(sol, "ATGGCC" + triplet + "TGGTGG", "MA", STOP_HINT)
    expect_protein(sol, GUIDE_EXAMPLE, "MAIVMGR", STOP_HINT)
    expect_protein(sol, "ATAAGC", "IS", STOP_HINT)
    expect_protein(sol, "CTGATAGCC", "LIA", STOP_HINT)

    def check(codons):
        dna = "".join(codons)
        expect_protein(sol, dna, trusted_protein(dna), STOP_HINT)

    ck.for_all(st.lists(st.sampled_from(sorted(GENETIC_CODE)), max_size=30), check, max_examples=60)


def test_translation_rules(sol):
    for dna in ("atggcc", "AtGgCcTgG", "atgtaaggg", "ATGNNNGCC", "ATGGCN", "CTN", "TAN", "nnn",
                "ATGRCCUUU", "ATG-CCAAA", "ATGGC", "ATGG", "AT", "A", "", "atggcctggc"):
        expect_protein(sol, dna, trusted_protein(dna), RULES_HINT)

    def check(dna):
        expect_protein(sol, dna, trusted_protein(dna), RULES_HINT)

    ck.for_all(st.text("ACGTacgtNnRU-", max_size=40), check, max_examples=80)


def trusted_gc(sequence, window, step):
    """Base by base inside each whole window; the window starts found by a while loop."""
    starts, fractions = [], []
    first = 0
    while first + window <= len(sequence):
        strong = sum(1 for letter in sequence[first:first + window] if letter in "GCgc")
        starts.append(first)
        fractions.append(strong / window)
        first += step
    return starts, fractions


def window_count(length, window, step):
    """Closed form: whole windows at 0, step, 2*step, ..."""
    return 0 if length < window else (length - window) // step + 1


def _call(sol, sequence, what, **kwargs):
    """The GC fractions of one call; the figure it returns is closed."""
    result = sol.analyze_gc_content(sequence, **kwargs)
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2,
              f"{what} to return (gc_fractions, fig)", repr(result)[:200],
              "return the tensor of fractions and the figure, in that order")
    _close(result[1])
    return result[0]


def _close(fig):
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure

    if isinstance(fig, Figure):
        plt.close(fig)


def _what(kwargs, name="sequence"):
    return f"analyze_gc_content({name}" + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")"


def expect_gc(sol, sequence, name, **kwargs):
    what = _what(kwargs, name)
    found = _call(sol, sequence, what, **kwargs)
    _, want = trusted_gc(sequence, kwargs.get("window_size", 100), kwargs.get("step", 50))
    ck.expect_tensor(found, f"gc_fractions of {what}", (len(want),), hint=WINDOW_HINT)
    ck.expect_close(found, want, f"gc_fractions of {what}", GC_HINT, rtol=1e-6, atol=1e-6)


def test_gc_values(sol):
    expect_gc(sol, gc_blocks(), "gc_blocks()")
    mixed = random_dna(1, 700, seed=11, alphabet="ACGTacgtN")[0]
    expect_gc(sol, mixed, "a 700-letter sequence of ACGTacgtN", window_size=70, step=35)

    def check(case):
        sequence, window, step = case
        expect_gc(sol, sequence, repr(sequence), window_size=window, step=step)

    ck.for_all(st.tuples(st.text("ACGTacgtN", max_size=300), st.integers(1, 60), st.integers(1, 60)),
               check, max_examples=50)


def expect_window_count(sol, length, **kwargs):
    sequence = ("GATTACA" * (length // 7 + 1))[:length]
    what = _what(kwargs, f"a {length}-base sequence")
    found = _call(sol, sequence, what, **kwargs)
    count = window_count(length, kwargs.get("window_size", 100), kwargs.get("step", 50))
    ck.expect_tensor(found, f"gc_fractions of {what} ({count} whole windows)", (count,), hint=WINDOW_HINT)


def test_gc_windows(sol):
    for length in (0, 99, 100, 101, 149, 150, 199, 450, 1000):
        expect_window_count(sol, length)

    def check(case):
        length, window, step = case
        expect_window_count(sol, length, window_size=window, step=step)

    ck.for_all(st.tuples(st.integers(0, 400), st.integers(1, 120), st.integers(1, 120)), check,
               max_examples=60)


def test_gc_figure(sol):
    cases = ((gc_blocks(), "gc_blocks()", {}),
             (gc_blocks(100, (0.2, 0.8, 0.5), seed=5), "gc_blocks(100, (0.2, 0.8, 0.5), seed=5)",
              {"window_size": 40, "step": 20}),
             (gc_blocks(30, (0.5,), seed=1), "a 30-base sequence", {}))
    for sequence, name, kwargs in cases:
        what = _what(kwargs, name)
        result = sol.analyze_gc_content(sequence, **kwargs)
        try:
            ck.expect(isinstance(result, (tuple, list)) and len(result) == 2,
                      f"{what} to return (gc_fractions, fig)", repr(result)[:200],
                      "return the tensor of fractions and the figure, in that order")
            starts, fractions = trusted_gc(sequence, kwargs.get("window_size", 100), kwargs.get("step", 50))
            with ck.checked_figure(result[1], f"the figure of {what}") as fig:
                (ax,) = ck.expect_axes(fig, 1, f"the figure of {what}")
                if fractions:
                    ck.find_line(ax, fractions, f"the GC line of {what}", x=starts,
                                 hint="plot the GC fractions (not counts or percentages) against the "
                                      "window starts: ax.plot(starts, gc_fractions)")
                ck.expect_text(ax.get_xlabel(), ["position"], "the x-axis label",
                               'ax.set_xlabel("Window start position (bp)")')
                ck.expect_text(ax.get_ylabel(), ["GC"], "the y-axis label", 'ax.set_ylabel("GC fraction")')
                ck.expect(bool(ax.get_title().strip()), "the Axes to have a title", repr(ax.get_title()),
                          'ax.set_title("GC content along the sequence")')
        finally:
            _close(result[1] if isinstance(result, (tuple, list)) and len(result) == 2 else None)
