"""Graders: session 4, exercise 4 (visualize_conv_filters, top_activating_subsequences)."""
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session04 import one_hot, planted_motif_dataset, random_sequences

BASE_LABELS = ["A", "C", "G", "T"]
TOL = {"rtol": 1e-5, "atol": 1e-5}
FIRST_CONV_HINT = ("use the first nn.Conv1d that model.modules() yields (not an attribute named conv, "
                   "not the last convolution)")


class _Detector(nn.Module):
    """The guide's MotifCNN layout: conv, ReLU, global max pool, linear."""

    def __init__(self, n_kernels, kernel_size):
        super().__init__()
        self.conv = nn.Conv1d(in_channels=4, out_channels=n_kernels, kernel_size=kernel_size)
        self.pool = nn.AdaptiveMaxPool1d(output_size=1)
        self.fc = nn.Linear(in_features=n_kernels, out_features=1)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv(x))).flatten(1)).squeeze(-1)


class _Nested(nn.Module):
    """A head registered first, then two convolutions inside a Sequential: the first is features[0]."""

    def __init__(self, n_kernels=6, kernel_size=5):
        super().__init__()
        self.head = nn.Linear(4, 1)
        self.features = nn.Sequential(nn.Conv1d(4, n_kernels, kernel_size), nn.ReLU(),
                                      nn.Conv1d(n_kernels, 4, 3), nn.ReLU(), nn.AdaptiveMaxPool1d(1))

    def forward(self, x):
        return self.head(self.features(x).flatten(1)).squeeze(-1)


def _build(factory, *args, seed=0):
    return ck.seeded(seed, factory, *args)


def _set_filter(conv, index, values, bias):
    """Write a [4, k] weight matrix and a bias into one filter, by hand."""
    with torch.no_grad():
        conv.weight[index] = torch.as_tensor(values, dtype=torch.float32)
        conv.bias[index] = bias


def _motif_filter(motif, width, offset):
    """Weight 1 on the motif's base at window positions offset .. offset+len-1, 0 elsewhere."""
    pattern = torch.zeros(4, width)
    for place, base in enumerate(motif):
        pattern["ACGT".index(base), offset + place] = 1.0
    return pattern


def _halves(width, seed):
    """A [4, width] filter of values in {-1, -0.5, 0, 0.5, 1} (sums of them are exact in float32)."""
    g = torch.Generator().manual_seed(seed)
    return (torch.randint(-2, 3, (4, width), generator=g) / 2).float()


def _student(fn, call, *args):
    """Call the student's function; a missing attribute (model.conv) becomes a failed check with a hint."""
    try:
        return fn(*args)
    except AttributeError as error:
        raise ck.CheckFailure(f"{call} to find the model's first nn.Conv1d", f"AttributeError: {error}",
                              FIRST_CONV_HINT) from None


# --- task 1: the figure ---------------------------------------------------------------------

def _figure_cases():
    detector = _build(_Detector, 12, 8, seed=1)
    nested = _build(_Nested, seed=2)
    return ((detector, detector.conv, "a detector with 12 filters of width 8", {}),
            (nested, nested.features[0], "a model whose first Conv1d is features[0] (6 filters)",
             {"max_filters": 10}))


def _call_figure(sol, model, what, kwargs):
    call = f"visualize_conv_filters({what}" + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")"
    return _student(lambda: sol.visualize_conv_filters(model, **kwargs), call), call


def test_filter_figure(sol):
    for model, conv, what, kwargs in _figure_cases():
        before = conv.weight.detach().clone()
        fig, call = _call_figure(sol, model, what, kwargs)
        with ck.checked_figure(fig, call):
            ck.expect(torch.equal(conv.weight.detach(), before), f"{call} to leave the weights unchanged",
                      "weights changed", "draw a copy (.detach().numpy()); don't normalise in place")
            panels = fig.get_axes()
            n_filters, width = before.shape[0], before.shape[2]
            for index in range(n_filters):
                ck.expect(index < len(panels), f"{call}: a panel for filter {index}",
                          f"{len(panels)} Axes", "one Axes per filter, fig.get_axes()[i] for filter i")
                ax = panels[index]
                ck.expect(len(ax.images) >= 1, f"panel {index} of {call} to draw an image",
                          "no image", "ax.imshow(the filter's [4, k] weights)")
                drawn = np.asarray(ax.images[0].get_array(), dtype=np.float64)
                ck.expect(drawn.shape == (4, width), f"panel {index}: an image of shape (4, {width}) "
                          "(rows A, C, G, T; one column per position)", f"shape {drawn.shape}",
                          "imshow the [4, k] weights as they are, not transposed")
                ck.expect_close(drawn, before[index], f"the image of panel {index} of {call}",
                                "draw filter i's raw weights (conv.weight[i]) in panel i: the first "
                                "Conv1d's, not normalised or centred; " + FIRST_CONV_HINT,
                                rtol=0, atol=1e-6)
                left, right, bottom, top = ax.images[0].get_extent()
                ck.expect((left, right) == (-0.5, width - 0.5) and sorted((bottom, top)) == [-0.5, 3.5],
                          f"panel {index}: imshow's default extent (x from -0.5 to {width - 0.5}, "
                          "y from -0.5 to 3.5)", f"extent {(left, right, bottom, top)}",
                          "don't pass extent=: row r must sit at y = r, under its tick label")
                ticks = [float(t) for t in ax.get_yticks()]
                labels = [t.get_text() for t in ax.get_yticklabels()]
                ck.expect(ticks == [0.0, 1.0, 2.0, 3.0] and labels == BASE_LABELS,
                          f"panel {index}: y ticks [0, 1, 2, 3] labelled {BASE_LABELS}",
                          f"ticks {ticks} labelled {labels}",
                          'ax.set_yticks(range(4), ["A", "C", "G", "T"]): row r of the weights is '
                          'base "ACGT"[r]')


def test_figure_axes(sol):
    big = _build(_Detector, 36, 6, seed=3)
    nested = _build(_Nested, seed=4)
    bare = _build(lambda: nn.Sequential(nn.Conv1d(4, 5, 4)), seed=5)
    cases = ((big, "a detector with 36 filters", {}, 32),
             (nested, "the nested model (6 filters)", {"max_filters": 10}, 6),
             (nested, "the nested model (6 filters)", {"max_filters": 3}, 3),
             (bare, "nn.Sequential(nn.Conv1d(4, 5, 4))", {}, 5))
    for model, what, kwargs, count in cases:
        fig, call = _call_figure(sol, model, what, kwargs)
        with ck.checked_figure(fig, call):
            panels = fig.get_axes()
            ck.expect(len(panels) == count, f"{call}: {count} Axes (min(max_filters, filters); "
                      "default max_filters=32)", f"{len(panels)} Axes",
                      "one Axes per filter shown: remove unused grid cells (ax.remove()), no colour bar")
            for index, ax in enumerate(panels):
                ck.expect(ax.get_title().strip() == f"Filter {index}",
                          f"panel {index} of {call} titled 'Filter {index}'", repr(ax.get_title()),
                          'ax.set_title(f"Filter {i}") counting from 0, in panel order')
                ck.expect(ax.axison and ax.yaxis.get_visible(), f"panel {index} of {call} with its axes on",
                          "axes turned off", 'don\'t call ax.axis("off"): it hides the base labels')


# --- task 2: top-activating subsequences ---------------------------------------------------

def _trusted_scores(conv, sequences, filter_index):
    """[N, L - k + 1] float64 activations of one filter, bias included, no ReLU."""
    weight = conv.weight.detach().double()[filter_index:filter_index + 1]
    bias = conv.bias.detach().double()[filter_index:filter_index + 1]
    return F.conv1d(one_hot(sequences).double(), weight, bias)[:, 0]


def _trusted_ranking(scores):
    """Every window as (score, sequence index, start), highest first, ties by index then start."""
    windows = [(value, i, s) for i, row in enumerate(scores.tolist()) for s, value in enumerate(row)]
    return sorted(windows, key=lambda w: (-w[0], w[1], w[2]))


def _call_top(sol, model, conv, sequences, filter_index, what, top_n=None):
    """The student's list, checked entry by entry: (entries, trusted scores, trusted ranking, call)."""
    call = (f"top_activating_subsequences({what}, filter_index={filter_index}"
            + (f", top_n={top_n})" if top_n is not None else ")"))
    args = (model, sequences, filter_index) + (() if top_n is None else (top_n,))
    found = _student(sol.top_activating_subsequences, call, *args)
    scores = _trusted_scores(conv, sequences, filter_index)
    ranking = _trusted_ranking(scores)
    width = int(conv.weight.shape[-1])
    want = min(10 if top_n is None else top_n, len(ranking))
    ck.expect(isinstance(found, list), f"{call} to return a list", type(found).__name__,
              "return a list of (subsequence, score, sequence_index, start) tuples")
    ck.expect(len(found) == want, f"{call}: {want} windows (min(top_n, windows); default top_n=10)",
              f"{len(found)}", "keep the top_n highest windows of all sequences")
    for rank, entry in enumerate(found):
        where = f"entry {rank} of {call}"
        ck.expect(isinstance(entry, (tuple, list)) and len(entry) == 4,
                  f"{where}: a tuple (subsequence, score, sequence_index, start)", repr(entry)[:120],
                  "one 4-tuple per window")
        sub, score, row, start = entry
        ck.expect(isinstance(sub, str) and isinstance(score, float)
                  and all(isinstance(v, int) and not isinstance(v, bool) for v in (row, start)),
                  f"{where}: types (str, float, int, int)",
                  f"({type(sub).__name__}, {type(score).__name__}, {type(row).__name__}, "
                  f"{type(start).__name__})", "use .item() / float() for the score and int() for the indices")
        ck.expect(0 <= row < len(sequences) and 0 <= start < scores.shape[1],
                  f"{where}: sequence_index in 0..{len(sequences) - 1} and start in 0..{scores.shape[1] - 1}",
                  f"sequence_index {row}, start {start}",
                  "start is the window's first base in its own sequence (0-based), not a flat index")
        window = sequences[row][start:start + width]
        ck.expect(sub == window, f"{where}: the subsequence sequences[{row}][{start}:{start + width}] = "
                  f"{window!r}", repr(sub),
                  "the window of filter width k that starts at `start`: sequence[start:start + k]")
        ck.expect_close(score, scores[row, start], f"the score of {where} (sequence {row}, start {start})",
                        "the filter's activation there: conv(x)[i, filter_index, s], bias included, "
                        "no ReLU", **TOL)
    places = [(entry[2], entry[3]) for entry in found]
    ck.expect(len(set(places)) == len(places), f"{call}: each window at most once", f"{places}",
              "rank each (sequence, start) window once")
    return found, scores, ranking, call


def _expect_top_set(found, scores, ranking, call):
    """The chosen windows carry the trusted top scores (sorted, within the tolerance)."""
    chosen = sorted((scores[e[2], e[3]].item() for e in found), reverse=True)
    best = [w[0] for w in ranking[:len(found)]]
    ck.expect_close(chosen, best, f"the trusted scores of the windows {call} picks (sorted)",
                    "rank every window of every sequence (one sequence may give several) and keep the "
                    "highest: bias included, no ReLU, all L - k + 1 starts", **TOL)


def _detector_case():
    model = _build(_Detector, 6, 6, seed=11)
    return model, random_sequences(80, 40, seed=3), "a 6-filter detector, 80 random sequences of 40 bases"


def _negative_case():
    """The nested model with filter 1 in halves, bias -20 (every score negative), and its best
    7-mer written at a sequence's start, at another's end and twice in a third."""
    model = _build(_Nested, 6, 7, seed=12)
    conv = model.features[0]
    pattern = _halves(7, seed=13)
    rows = pattern.argmax(0)
    pattern[rows, torch.arange(7)] = 1.5  # one best base per position: a unique best 7-mer
    _set_filter(conv, 1, pattern, -20.0)
    best = "".join("ACGT"[r] for r in rows.tolist())
    sequences = random_sequences(30, 25, seed=14)
    sequences[4] = best + sequences[4][7:]
    sequences[9] = sequences[9][:-7] + best
    sequences[21] = sequences[21][:3] + best + sequences[21][10:15] + best + sequences[21][22:]
    return model, conv, sequences


def test_top_subsequences(sol):
    model, sequences, what = _detector_case()
    for filter_index, top_n in ((4, None), (0, 25), (2, 1)):
        found, scores, ranking, call = _call_top(sol, model, model.conv, sequences, filter_index, what, top_n)
        _expect_top_set(found, scores, ranking, call)
    model, conv, sequences = _negative_case()
    what = "a nested model (first Conv1d features[0]) whose filter 1 scores below 0 everywhere"
    found, scores, ranking, call = _call_top(sol, model, conv, sequences, 1, what, 6)
    _expect_top_set(found, scores, ranking, call)


def _expect_ranking(found, ranking, call):
    """The exact trusted ranking (halves: the arithmetic is exact, ties are exact)."""
    want = [(i, s) for _, i, s in ranking[:len(found)]]
    got = [(e[2], e[3]) for e in found]
    first = next((r for r, (a, b) in enumerate(zip(got, want)) if a != b), None)
    ck.expect(first is None, f"{call}: windows (sequence_index, start) in the order {want[:8]}...",
              f"{got[:8]}..." + (f" (first difference at entry {first})" if first is not None else ""),
              "highest score first; equal scores by sequence_index, then start, ascending "
              "(a stable sort by -score over the windows in (sequence, start) order)")


def test_top_order(sol):
    model, sequences, what = _detector_case()
    found, scores, _, call = _call_top(sol, model, model.conv, sequences, 3, what, 15)
    trusted = [scores[e[2], e[3]].item() for e in found]
    falls = all(a >= b - 1e-5 for a, b in zip(trusted, trusted[1:]))
    ck.expect(falls, f"{call}: scores from highest to lowest", f"{[round(v, 4) for v in trusted]}",
              "sort descending (the highest activation first)")

    tied = _build(_Detector, 3, 4, seed=21)
    _set_filter(tied.conv, 2, _halves(4, seed=22), 0.5)
    sequences = random_sequences(40, 20, seed=23)
    found, _, ranking, call = _call_top(sol, tied, tied.conv, sequences, 2,
                                        "a filter in halves (many exact ties), 40 sequences", 25)
    _expect_ranking(found, ranking, call)

    model, conv, sequences = _negative_case()
    found, _, ranking, call = _call_top(sol, model, conv, sequences, 1, "the nested model, filter 1", 12)
    _expect_ranking(found, ranking, call)

    short = random_sequences(3, 9, seed=24)
    _set_filter(tied.conv, 0, _halves(4, seed=25), -0.5)
    found, _, ranking, call = _call_top(sol, tied, tied.conv, short, 0, "3 sequences of 9 bases (18 windows)",
                                        100)
    _expect_ranking(found, ranking, call)


# --- the biology: a motif detector's top windows hold the motif -----------------------------

def _expect_planted(sol, n_kernels, width, filter_index, motif, offset, data, top_n):
    sequences, labels, starts = data
    model = _build(_Detector, n_kernels, width, seed=31)
    _set_filter(model.conv, filter_index, _motif_filter(motif, width, offset), 1.0 - len(motif))
    what = (f"a detector whose filter {filter_index} is {motif} at window positions "
            f"{offset}-{offset + len(motif) - 1}, on planted_motif_dataset")
    found, *_ = _call_top(sol, model, model.conv, sequences, filter_index, what, top_n)
    for rank, (sub, _, row, start) in enumerate(found):
        ck.expect(sub[offset:offset + len(motif)] == motif,
                  f"top window {rank} to hold {motif} at positions {offset}-{offset + len(motif) - 1}",
                  repr(sub), "the filter's best windows are the planted motif: rank by the raw activation")
        ck.expect(labels[row].item() == 1.0 and start == starts[row].item() - offset,
                  f"top window {rank} from a motif-carrying sequence, starting at its planted start "
                  f"minus {offset}", f"sequence {row} (label {labels[row].item()}, planted at "
                  f"{starts[row].item()}), start {start}", "start is the window's 0-based first base")


def test_finds_planted_motif(sol):
    _expect_planted(sol, 8, 8, 5, "TATAAA", 1, planted_motif_dataset(200, 50, "TATAAA", seed=7), None)
    _expect_planted(sol, 4, 10, 0, "CACGTG", 2, planted_motif_dataset(120, 60, "CACGTG", seed=9), 30)
