"""Graders: capstone 3, module 4 (novelty and diversity of designs against naive loops, and the figure:
histograms of oracle scores whose bars equal numpy.histogram)."""
import numpy as np
import torch
from hypothesis import strategies as st

from coursekit import checks as ck

DESIGNS = st.tuples(st.integers(1, 6), st.integers(1, 12), st.integers(1, 10), st.integers(0, 2**31 - 1))
NOVEL_HINT = ("nearest_distances(designs, training): for each design the smallest Hamming distance (number "
              "of positions that differ) to any training sequence, int64 [n]; novelty(designs, training): "
              "the "
              "share of designs at distance > 0 from every training sequence, a float")
DIVERSITY_HINT = ("diversity(designs): the mean Hamming distance over all pairs i < j of designs (duplicates "
                  "count as pairs at distance 0), divided by the length; 0.0 for fewer than 2 designs")
BARS_HINT = ("plot_scores(unconditional, guided, bins): fig, ax = plt.subplots(); ax.hist(unconditional, "
             "bins=bins, alpha=0.5, label='unconditional'); ax.hist(guided, bins=bins, alpha=0.5, "
             "label='guided'); return fig (never plt.show())")
LABELS_HINT = ("ax.set_xlabel('oracle score'); ax.set_ylabel('designs'); ax.legend() (the two histograms "
               "labelled 'unconditional' and 'guided')")
GROUPS = ("unconditional", "guided")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _random_designs(n, length, alphabet, g):
    """n strings over the first `alphabet` letters of ACGT (few letters: many repeats)."""
    codes = torch.randint(0, min(alphabet, 4), (n, length), generator=g)
    return ["".join("ACGT"[c] for c in row) for row in codes.tolist()]


def _hamming(a, b):
    return sum(x != y for x, y in zip(a, b))


def test_novelty(sol):
    def case(c):
        n, length, n_train, seed = c
        g = _gen(seed)
        alphabet = 2 if seed % 2 else 4
        training = _random_designs(n_train, length, alphabet, g)
        designs = _random_designs(n, length, alphabet, g) + training[:2]
        what = f"nearest_distances({len(designs)} designs, {n_train} training sequences, length {length})"
        found = ck.call(sol.nearest_distances, list(designs), list(training), what=what, hint=NOVEL_HINT)
        trusted = torch.tensor([min(_hamming(d, s) for s in training) for d in designs])
        ck.expect_tensor(found, what, (len(designs),), torch.int64, hint=NOVEL_HINT)
        ck.expect(torch.equal(found, trusted), f"{what} equal to a loop over every pair",
                  f"{found.tolist()} where "
                  f"{trusted.tolist()} was expected", NOVEL_HINT)
        share = ck.call(sol.novelty, list(designs), list(training), what="novelty(...)", hint=NOVEL_HINT)
        wanted = sum(d not in training for d in designs) / len(designs)
        ck.expect(isinstance(share, float) and abs(share - wanted) < 1e-12, f"novelty(the same designs "
                                                                            f"and training) == {wanted}",
                  repr(share), NOVEL_HINT)

    case((3, 4, 5, 1))
    ck.for_all(DESIGNS, case, max_examples=25)


def test_diversity(sol):
    for designs, wanted in ((["ACGT"], 0.0), (["AAAA", "AAAA"], 0.0), (["AAAA", "TTTT"], 1.0),
                            (["AAAA", "AAAT", "AAAT"], (1 + 1 + 0) / 3 / 4)):
        found = ck.call(sol.diversity, list(designs), what=f"diversity({designs})", hint=DIVERSITY_HINT)
        ck.expect(isinstance(found, float) and abs(found - wanted) < 1e-12, f"diversity({designs}) == "
                                                                            f"{wanted:.6g}",
                  repr(found), DIVERSITY_HINT)

    def case(c):
        n, length, _, seed = c
        designs = _random_designs(n + 1, length, 2 if seed % 2 else 4, _gen(seed))
        pairs = [(i, j) for i in range(len(designs)) for j in range(i + 1, len(designs))]
        wanted = sum(_hamming(designs[i], designs[j]) for i, j in pairs) / len(pairs) / length
        found = ck.call(sol.diversity, list(designs), what=f"diversity({len(designs)} designs)",
                        hint=DIVERSITY_HINT)
        ck.expect(isinstance(found, float) and abs(found - wanted) < 1e-9,
                  f"diversity of {len(designs)} designs of length {length} == {wanted:.6g} (a loop over "
                  f"pairs)",
                  repr(found), DIVERSITY_HINT)

    ck.for_all(DESIGNS, case, max_examples=25)


def _plot(sol, unconditional, guided, bins, what):
    return ck.drawn_figure(sol.plot_scores, unconditional.clone(), guided.clone(), bins.clone(), what=what,
                           hint=BARS_HINT)


def _cases():
    g = _gen(3)
    yield (torch.tensor([0.5, 1.0, 1.0, 1.5], dtype=torch.float64),
           torch.tensor([1.5, 2.0], dtype=torch.float64),
           torch.tensor([0.0, 0.5, 1.0, 1.5, 2.0], dtype=torch.float64))
    for n_u, n_g, n_bins in ((30, 20, 8), (5, 40, 12)):
        yield (2 * torch.rand(n_u, generator=g, dtype=torch.float64),
               2 * torch.rand(n_g, generator=g, dtype=torch.float64),
               torch.linspace(0, 2, n_bins + 1, dtype=torch.float64))


def _label(container):
    """A bar container's label: its own (ax.bar) or its first bar's (ax.hist labels the first patch)."""
    own = container.get_label()
    if own and not own.startswith("_"):
        return own
    return container[0].get_label() if len(container) else own


def test_figure_bars(sol):
    for unconditional, guided, bins in _cases():
        what = (f"plot_scores({unconditional.numel()} scores, {guided.numel()} scores, {bins.numel() - 1} "
                "bins)")
        fig = _plot(sol, unconditional, guided, bins, what)
        with ck.checked_figure(fig, what):
            ax = ck.expect_axes(fig, 1, what)[0]
            for label, values in zip(GROUPS, (unconditional, guided)):
                containers = [c for c in ax.containers if _label(c) == label]
                ck.expect(len(containers) == 1, f"{what}: one histogram (a bar container) labelled {label!r}",
                          f"{len(containers)}", BARS_HINT)
                bars = list(containers[0])
                heights = np.array([b.get_height() for b in bars])
                lefts = np.array([b.get_x() for b in bars])
                widths = np.array([b.get_width() for b in bars])
                counts, edges = np.histogram(values.numpy(), bins=bins.numpy())
                ck.expect(len(bars) == len(counts) and np.allclose(heights, counts)
                          and np.allclose(lefts, edges[:-1]) and np.allclose(widths, np.diff(edges)),
                          f"{what}: the {label!r} bars equal numpy.histogram(scores, bins): heights "
                          f"{counts.tolist()}, "
                          "one bar per bin from its left edge to its right", f"{len(bars)} bars, heights "
                          f"{heights.tolist()}", BARS_HINT)


def test_figure_labels(sol):
    unconditional, guided, bins = next(_cases())
    what = "plot_scores([0.5, 1.0, 1.0, 1.5], [1.5, 2.0], bins [0, 0.5, 1, 1.5, 2])"
    fig = _plot(sol, unconditional, guided, bins, what)
    with ck.checked_figure(fig, what):
        ax = ck.expect_axes(fig, 1, what)[0]
        found = (ax.get_xlabel(), ax.get_ylabel())
        ck.expect(found == ("oracle score", "designs"), f"{what}: axis labels ('oracle score', 'designs') "
                                                        f"(x, y)",
                  repr(found), LABELS_HINT)
        ck.expect_legend(ax, GROUPS, what)
