"""Graders: session 4, exercise 2 (generate_sequences_with_motif, MotifCNN)."""
import re

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session04 import one_hot, planted_motif_dataset, random_sequences

LETTERS = "ACGT"
# (kernel_size, n_kernels, parameters = 4 * n_kernels * kernel_size + n_kernels + n_kernels + 1)
SIZES = [(8, 32, 1_089), (6, 16, 417), (12, 4, 201), (3, 1, 15)]
DATA_HINT = ("n_samples // 2 positives (label 1.0) carry the motif exactly once, at a start drawn "
             "uniformly from 0 .. seq_len - len(motif); negatives (label 0.0) never contain it: "
             "redraw any sequence that breaks this")
LAYER_HINT = ("self.conv = nn.Conv1d(4, n_kernels, kernel_size) (stride 1, no padding) and "
              "self.fc = nn.Linear(n_kernels, 1), nothing else with parameters")
# The graders' own training: full-batch Adam on the kit's planted TATA boxes.
TRAIN_N, TEST_N, EPOCHS, LR, ACCURACY_BAR = 300, 200, 30, 0.03, 0.8


# ---------------------------------------------------------------- the data ----------

def _pair(result, n, length, what):
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2,
              f"{what} to return (one-hot sequences, labels)",
              type(result).__name__ if not isinstance(result, (tuple, list)) else f"{len(result)} values",
              "return the two tensors as a tuple")
    encoded, labels = result
    rows = len(encoded) if isinstance(encoded, torch.Tensor) and encoded.dim() == 3 else n
    ck.expect(rows == n, f"{what}: {n} sequences (n_samples)", f"{rows}",
              "return n_samples sequences: n_samples // 2 positives, n_samples - n_samples // 2 "
              "negatives (an odd n_samples has one negative more)")
    ck.expect_tensor(encoded, f"{what}: one-hot sequences", (n, 4, length),
                     hint="channels first: [n_samples, 4, seq_len], rows A, C, G, T")
    ck.expect_tensor(labels, f"{what}: labels", (n,),
                     hint="float32 labels, e.g. torch.tensor(labels, dtype=torch.float32)")
    return encoded, labels


def _decoded(encoded, what):
    """The sequences as strings, after checking every column is one-hot."""
    zero_or_one = bool(((encoded == 0) | (encoded == 1)).all())
    per_column = encoded.sum(dim=1)
    ck.expect(zero_or_one and bool((per_column == 1).all()),
              f"{what}: every position one-hot (a single 1.0 among its 4 rows)",
              f"column sums from {per_column.min().item():g} to {per_column.max().item():g}"
              if zero_or_one else "values other than 0.0 and 1.0",
              "encoded[i, :, j] is the one-hot vector (A, C, G, T) of base j of sequence i")
    return ["".join(LETTERS[c] for c in row) for row in encoded.argmax(dim=1).tolist()]


def _occurrences(sequence, motif):
    """Every start position of the motif (overlapping ones too), by a regular expression."""
    return [m.start() for m in re.finditer(f"(?={motif})", sequence)]


def _checked(sol, args, n, length, motif, what):
    """Call, check shapes, one-hot, labels, balance and the motif rule; return the starts
    of the motif in the positives and the negatives' strings."""
    encoded, labels = _pair(ck.seeded(0, sol.generate_sequences_with_motif, *args), n, length, what)
    sequences = _decoded(encoded, what)
    ck.expect(bool(((labels == 0) | (labels == 1)).all()), f"{what}: labels only 0.0 and 1.0",
              f"values {sorted(set(labels.tolist()))[:6]}", "1.0 = carries the motif, 0.0 = not")
    positives = int((labels == 1).sum())
    ck.expect(positives == n // 2, f"{what}: {n // 2} positives (n_samples // 2)", f"{positives}",
              "make exactly n_samples // 2 sequences positive, the rest negative")
    starts, negatives = [], []
    for index, (sequence, label) in enumerate(zip(sequences, labels.tolist())):
        found = _occurrences(sequence, motif)
        if label == 1:
            ck.expect(len(found) == 1, f"{what}: positive sequence {index} to contain {motif} "
                      "exactly once", f"{len(found)} times in {sequence}", DATA_HINT)
            starts += found
        else:
            ck.expect(not found, f"{what}: negative sequence {index} not to contain {motif}",
                      f"{sequence} (at position {found[:1]})", DATA_HINT)
            negatives.append(sequence)
    return starts, negatives


def _expect_every_start(starts, length, motif, what, spread):
    last = length - len(motif)
    counts = torch.bincount(torch.tensor(starts, dtype=torch.long), minlength=last + 1)
    ck.expect(len(counts) == last + 1 and bool((counts > 0).all()),
              f"{what}: the motif at every start 0 .. {last} (seq_len - len(motif)) in some positive",
              f"starts never used: {(counts[:last + 1] == 0).nonzero().flatten().tolist()}",
              "draw the start with torch.randint(0, seq_len - len(motif) + 1, ...): the upper "
              "bound of randint is excluded")
    if spread:
        mean = len(starts) / (last + 1)
        ck.expect(bool(((counts > 0.5 * mean) & (counts < 1.5 * mean)).all()),
                  f"{what}: starts drawn uniformly (each about {mean:.0f} times)",
                  f"counts per start {counts.tolist()}", "draw every start from one uniform range")


def test_motif_data(sol):
    _, negatives = _checked(sol, (), 1000, 50, "TATAAA", "generate_sequences_with_motif()")
    background = "".join(negatives)
    shares = [background.count(base) / len(background) for base in LETTERS]
    ck.expect(all(0.23 <= s <= 0.27 for s in shares),
              "generate_sequences_with_motif(): bases of the negatives about 1/4 each (0.23 to 0.27)",
              "A, C, G, T: " + ", ".join(f"{s:.3f}" for s in shares),
              "draw every background base uniformly from A, C, G, T")
    starts, _ = _checked(sol, (1200, 12, "TATAAA", 5), 1200, 12, "TATAAA",
                         "generate_sequences_with_motif(1200, 12, 'TATAAA', 5)")
    _expect_every_start(starts, 12, "TATAAA", "generate_sequences_with_motif(1200, 12, 'TATAAA', 5)",
                        spread=True)
    starts, _ = _checked(sol, (1200, 40, "GATC", 7), 1200, 40, "GATC",
                         "generate_sequences_with_motif(1200, 40, 'GATC', 7)")
    _expect_every_start(starts, 40, "GATC", "generate_sequences_with_motif(1200, 40, 'GATC', 7)",
                        spread=False)
    for n, length, motif, seed in ((7, 20, "CACGTG", 3), (1, 20, "CACGTG", 0), (10, 6, "TATAAA", 1)):
        _checked(sol, (n, length, motif, seed), n, length, motif,
                 f"generate_sequences_with_motif({n}, {length}, {motif!r}, {seed})")
    ck.expect_raises(lambda: sol.generate_sequences_with_motif(4, 5, "TATAAA", 0), ValueError,
                     "generate_sequences_with_motif(4, 5, 'TATAAA', 0) (a motif longer than seq_len)",
                     "raise ValueError when len(motif) > seq_len")


def _same(first, second):
    return all(isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.shape == b.shape
               and torch.equal(a, b) for a, b in zip(first, second))


def test_motif_data_seeded(sol):
    call = sol.generate_sequences_with_motif
    first = _pair(ck.seeded(1, call, 200, 30, "CACGTG", 5), 200, 30,
                  "generate_sequences_with_motif(200, 30, 'CACGTG', 5)")
    again = _pair(ck.seeded(2, call, 200, 30, "CACGTG", 5), 200, 30,
                  "generate_sequences_with_motif(200, 30, 'CACGTG', 5)")
    ck.expect(_same(first, again), "generate_sequences_with_motif(200, 30, 'CACGTG', 5) the same "
              "on every call", "different data from two calls with the same seed",
              "draw every random number from generator = torch.Generator().manual_seed(seed), "
              "passing generator=... to each draw, never from torch's global generator")
    other = _pair(ck.seeded(1, call, 200, 30, "CACGTG", 6), 200, 30,
                  "generate_sequences_with_motif(200, 30, 'CACGTG', 6)")
    ck.expect(not torch.equal(first[0], other[0]),
              "seed 6 to give other sequences than seed 5", "the same sequences",
              "seed your generator with the seed argument")
    for args in ((), (300,), (300, 20), (300, 20, "GATC")):
        explicit = (*args, *(1000, 50, "TATAAA", 42)[len(args):])
        shown = f"generate_sequences_with_motif({', '.join(map(repr, args))})"
        omitted = _pair(ck.seeded(3, call, *args), explicit[0], explicit[1], shown)
        stated = ck.seeded(4, call, *explicit)
        ck.expect(_same(omitted, stated), f"{shown} equal to generate_sequences_with_motif"
                  f"{explicit}", "different data",
                  "the defaults are n_samples=1000, seq_len=50, motif='TATAAA', seed=42")
    for args in ((), (50, 20, "GATC", 9)):
        shown = f"generate_sequences_with_motif({', '.join(map(repr, args))})"
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(2024)
            torch.rand(3)  # the caller is somewhere in its own random stream
            before = torch.random.get_rng_state()
            call(*args)
            after = torch.random.get_rng_state()
        ck.expect(torch.equal(before, after), f"{shown} to leave torch's global random state as it was",
                  "a different random state after the call",
                  "don't call torch.manual_seed or draw from the global generator: use "
                  "generator = torch.Generator().manual_seed(seed) and pass it to each draw")


# ---------------------------------------------------------------- the model ---------

def _model(sol, kernel_size, n_kernels, seed=0):
    return ck.build_model(sol.MotifCNN, kernel_size=kernel_size, n_kernels=n_kernels, seed=seed,
                          what=f"MotifCNN({kernel_size}, {n_kernels})")


def _layers(model, kernel_size, n_kernels, what):
    """The model's one Conv1d and one Linear, checked against the spec's sizes."""
    convs = [m for m in model.modules() if isinstance(m, nn.Conv1d)]
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(convs) == 1 and len(linears) == 1,
              f"{what}: one registered nn.Conv1d and one registered nn.Linear",
              f"{len(convs)} Conv1d and {len(linears)} Linear", LAYER_HINT)
    conv = convs[0]
    no_padding = conv.padding in ((0,), "valid")
    found = (conv.in_channels, conv.out_channels, conv.kernel_size[0], conv.stride[0],
             conv.dilation[0], conv.groups, conv.bias is not None)
    ck.expect(found == (4, n_kernels, kernel_size, 1, 1, 1, True) and no_padding,
              f"{what}: nn.Conv1d(4, {n_kernels}, kernel_size={kernel_size}) with stride 1, no "
              "padding and a bias", f"{conv}", LAYER_HINT)
    ck.expect_linear(linears[0], n_kernels, 1, f"{what}: its nn.Linear")
    return conv, linears[0]


def _batch(n, length, seed):
    return one_hot(random_sequences(n, length, seed=seed))


def test_architecture(sol):
    for kernel_size, n_kernels, _ in SIZES[:3]:
        what = f"MotifCNN({kernel_size}, {n_kernels})"
        model = _model(sol, kernel_size, n_kernels).eval()
        _layers(model, kernel_size, n_kernels, what)
        with torch.no_grad():
            out = model(3 * torch.randn(16, 4, 50, generator=torch.Generator().manual_seed(1)))
        ck.expect_tensor(out, f"{what} output for 16 sequences of 50 bases", (16,))
        ck.expect(bool(((out > 0) & (out < 1)).all()), f"{what}: probabilities in (0, 1)",
                  f"values from {out.min().item():.3g} to {out.max().item():.3g}",
                  "end with torch.sigmoid: the model returns probabilities for nn.BCELoss")


def test_param_count(sol):
    for kernel_size, n_kernels, count in SIZES:
        model = ck.build_model(sol.MotifCNN, kernel_size, n_kernels,
                               what=f"MotifCNN({kernel_size}, {n_kernels})")
        ck.expect_param_count(model, count, f"MotifCNN({kernel_size}, {n_kernels})")
    ck.expect_param_count(ck.build_model(sol.MotifCNN, what="MotifCNN()"), 1_089,
                          "MotifCNN() (defaults kernel_size=8, n_kernels=32)")
    ck.expect_param_count(ck.build_model(sol.MotifCNN, n_kernels=16, what="MotifCNN(n_kernels=16)"),
                          545, "MotifCNN(n_kernels=16) (default kernel_size=8)")
    ck.expect_param_count(ck.build_model(sol.MotifCNN, kernel_size=6, what="MotifCNN(kernel_size=6)"),
                          833, "MotifCNN(kernel_size=6) (default n_kernels=32)")


def _trusted_scores(conv, fc, x):
    """sigmoid(fc(max over positions of relu(conv(x)))), the windows taken by unfold."""
    windows = x.unfold(2, conv.kernel_size[0], 1)                        # [N, 4, P, k]
    responses = torch.einsum("nbpk,fbk->nfp", windows, conv.weight) + conv.bias[None, :, None]
    strongest = responses.clamp(min=0).amax(dim=2)                       # [N, n_kernels]
    return torch.sigmoid(strongest @ fc.weight[0] + fc.bias[0])


def test_forward(sol):
    for kernel_size, n_kernels, _ in SIZES[:3]:
        what = f"MotifCNN({kernel_size}, {n_kernels})"
        model = _model(sol, kernel_size, n_kernels, seed=kernel_size).eval()
        conv, fc = _layers(model, kernel_size, n_kernels, what)
        with torch.no_grad():
            conv.bias[::2] -= 0.5  # some filters then respond below zero everywhere
            for x in (_batch(24, 50, seed=kernel_size), 2 * torch.randn(8, 4, 31)):
                out = model(x)
                ck.expect_tensor(out, f"{what} output for {len(x)} sequences", (len(x),))
                ck.expect_close(out, _trusted_scores(conv, fc, x), f"{what} forward",
                                "conv, ReLU, max over all positions (global max pool), Linear, "
                                "sigmoid, then squeeze the last dimension")


def _tata_detector(sol):
    """MotifCNN(6, 4) with filter 0 set to TATAAA: a full match responds 1, anything else
    at most 0; the Linear reads filter 0 only. Score: sigmoid(2) with the motif, sigmoid(-1)
    without."""
    model = _model(sol, 6, 4).eval()
    conv, fc = _layers(model, 6, 4, "MotifCNN(6, 4)")
    with torch.no_grad():
        conv.weight.zero_()
        conv.bias.zero_()
        conv.weight[0] = one_hot(["TATAAA"])[0]
        conv.bias[0] = -5.0
        fc.weight.zero_()
        fc.weight[0, 0] = 3.0
        fc.bias.fill_(-1.0)
    return model


def test_position_invariance(sol):
    # 1. Any weights: a block of bases among N's (all-zero columns), with at least
    #    kernel_size N's on each side, scores the same wherever the block sits.
    def check(case):
        kernel_size, n_kernels, block, extra = case
        model = _model(sol, kernel_size, n_kernels, seed=len(block)).eval()
        length = len(block) + 2 * kernel_size + extra
        placements = ["N" * p + block + "N" * (length - p - len(block))
                      for p in range(kernel_size, kernel_size + extra + 1)]
        with torch.no_grad():
            scores = model(one_hot(placements))
        ck.expect_tensor(scores, f"MotifCNN({kernel_size}, {n_kernels}) output for "
                         f"{len(placements)} sequences", (len(placements),))
        ck.expect_close(scores, scores[:1].expand(len(placements)),
                        f"MotifCNN({kernel_size}, {n_kernels}): the score of {block} among N's "
                        f"(all-zero columns) in {length} positions, the same for every start from "
                        f"{kernel_size} to {kernel_size + extra}",
                        "pool over all positions at once (AdaptiveMaxPool1d(1) or a max over the "
                        "last dimension): no position-dependent weights after the convolution",
                        rtol=1e-5, atol=1e-6)

    ck.for_all(st.tuples(st.integers(2, 9), st.integers(1, 6), st.text(LETTERS, min_size=1, max_size=12),
                         st.integers(1, 20)), check, max_examples=25)

    # 2. A hand-set TATA-box detector scores the motif the same at every start.
    model = _tata_detector(sol)
    backgrounds = random_sequences(45, 50, seed=21)
    sequences = [b[:p] + "TATAAA" + b[p + 6:] for p, b in enumerate(backgrounds)]
    sequences += random_sequences(20, 50, seed=22)
    with torch.no_grad():
        scores = model(one_hot(sequences))
    expected = torch.tensor([2.0 if "TATAAA" in s else -1.0 for s in sequences]).sigmoid()
    ck.expect_close(scores, expected, "MotifCNN(6, 4) with filter 0 set to TATAAA (bias -5), "
                    "Linear weight 3 on filter 0, bias -1: the score of 65 sequences, the motif at "
                    "starts 0 .. 44 in the first 45", "the score is the best window's response "
                    "(global max pool over every position), whatever its position")


def test_any_length(sol):
    cases = [(lambda: ck.build_model(sol.MotifCNN, what="MotifCNN()"), "MotifCNN()", (8, 9, 50, 137)),
             (lambda: _model(sol, 5, 3), "MotifCNN(5, 3)", (5, 6, 29)),
             (lambda: _model(sol, 12, 7), "MotifCNN(12, 7)", (12, 40))]
    for build, what, lengths in cases:
        model = build().eval()
        for length in lengths:
            x = _batch(5, length, seed=length)
            with torch.no_grad():
                together = model(x)
                ck.expect_tensor(together, f"{what} output for 5 sequences of {length} bases", (5,))
                alone = [model(x[i:i + 1]) for i in range(5)]
            for out in alone:
                ck.expect_tensor(out, f"{what} output for 1 sequence of {length} bases", (1,),
                                 hint="shape [1] for one sequence: squeeze only the last dimension "
                                      "(.squeeze(-1)); a bare .squeeze() leaves a 0-d tensor")
            ck.expect_close(together, torch.cat(alone), f"{what}: 5 sequences of {length} bases "
                            "scored together vs one by one", "pool each sequence over its own "
                            "positions only (dim=-1), never across the batch")


def test_learns(sol):
    sequences, labels, _ = planted_motif_dataset(TRAIN_N + TEST_N, 50, "TATAAA", seed=3)
    encoded = one_hot(sequences)
    x_fit, y_fit = encoded[:TRAIN_N], labels[:TRAIN_N]
    model = ck.build_model(sol.MotifCNN, seed=1, what="MotifCNN()")
    with torch.no_grad():
        before = model(x_fit)
    ck.expect_tensor(before, f"MotifCNN() output for {TRAIN_N} sequences", (TRAIN_N,))
    ck.expect(bool(((before >= 0) & (before <= 1)).all()), "probabilities in [0, 1] to train with BCE",
              f"values from {before.min().item():.3g} to {before.max().item():.3g}",
              "end with torch.sigmoid")
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    model.train()
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        loss = F.binary_cross_entropy(model(x_fit), y_fit)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        held_out = model(encoded[TRAIN_N:])
    ck.expect_tensor(held_out, f"MotifCNN() output for {TEST_N} sequences", (TEST_N,))
    accuracy = ((held_out > 0.5).float() == labels[TRAIN_N:]).float().mean().item()
    ck.expect(accuracy >= ACCURACY_BAR,
              f"MotifCNN() after {EPOCHS} full-batch Adam steps (lr {LR}) on {TRAIN_N} sequences: "
              f"held-out accuracy >= {ACCURACY_BAR} on {TEST_N} others", f"{accuracy:.3f}",
              "check the layers and the forward pass against the spec")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _model(sol, 5, 6), _batch(8, 30, seed=4), "MotifCNN(5, 6)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _model(sol, 8, 32), _batch(16, 50, seed=5), "MotifCNN(8, 32)")
