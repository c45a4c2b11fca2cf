"""Graders: session 12, exercise 6 (whole-genome inference in overlapping windows: predict_genome;
gradient checkpointing: checkpointed_forward)."""
import copy
import math
import operator

import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session12 import GenomeCNN, one_hot, random_records

HALO = (GenomeCNN.RECEPTIVE_FIELD - 1) // 2  # 14 bases either side
FULL_OVERLAP = GenomeCNN.RECEPTIVE_FIELD - 1  # 28: from here on the stitched output is exact
SEQUENCE = random_records(1, 1206, 1200, 1200, lowercase_rate=0.1, n_rate=0.02)[0].sequence
RTOL, ATOL = 1e-5, 1e-6
MEMORY_RATIO = 0.4

PREDICT_HINT = ("windows start at 0, s, 2s, ... (s = window - overlap) while start + window < length, "
                "then one last window that ends at length (start max(0, length - window)); keep from "
                "window k the positions [its start + overlap // 2, its start + window - (overlap - "
                "overlap // 2)) (the first window from 0; the last window from where the previous one "
                "stopped, up to length); model.eval() and torch.no_grad() around the calls, the mode "
                "restored afterwards")
MEMORY_HINT = ("fetch one window at a time (fetch(start, start + window)), stack at most batch_size windows "
               "into one model call, consecutive windows in order; the whole sequence never in one piece")
CHECKPOINT_HINT = ("for block in blocks: x = torch.utils.checkpoint.checkpoint(block, x, "
                   "use_reentrant=False) (preserve_rng_state left at its default True: the recomputation "
                   "must draw the same dropout masks)")


# ---------------------------------------------------------------- helpers ------------

def _model(seed=0, training=True, n_outputs=3):
    model = ck.seeded(seed, GenomeCNN, n_outputs=n_outputs)
    return model.train(training)


def _starts(length, window, overlap):
    """The spec's window starts, by a plain loop."""
    stride, starts, start = window - overlap, [], 0
    while start + window < length:
        starts.append(start)
        start += stride
    starts.append(max(0, length - window))
    return starts


class _Fetch:
    """fetch(start, stop): the one-hot [4, stop - start] of SEQUENCE[start:stop], every call recorded."""

    def __init__(self, length):
        self.length, self.calls = length, []

    def __call__(self, start, stop):
        try:
            start, stop = operator.index(start), operator.index(stop)
        except TypeError:
            start = stop = None
        ck.expect(start is not None and 0 <= start < stop <= self.length,
                  f"fetch(start, stop) called with ints, 0 <= start < stop <= length ({self.length})",
                  f"fetch({start!r}, {stop!r})", PREDICT_HINT)
        self.calls.append((start, stop))
        return one_hot(SEQUENCE[start:stop])


def _whole(model, length):
    """The trusted output: the whole sequence in one forward pass (eval mode, no grad)."""
    trusted = copy.deepcopy(model).eval()
    with torch.no_grad():
        return trusted(one_hot(SEQUENCE[:length])[None])[0]


def _naive_stitch(model, length, window, overlap):
    """The spec's stitching by a loop over positions: each window run alone, each position taken from the
    window whose part holds it."""
    trusted = copy.deepcopy(model).eval()
    starts = _starts(length, window, overlap)
    stops = [start + window - (overlap - overlap // 2) for start in starts[:-1]] + [length]
    with torch.no_grad():
        outputs = [trusted(one_hot(SEQUENCE[start:min(start + window, length)])[None])[0] for start in starts]
    columns, k = [], 0
    for position in range(length):
        while position >= stops[k]:
            k += 1
        columns.append(outputs[k][:, position - starts[k]])
    return torch.stack(columns, dim=1)


def _predict(sol, model, length, window, overlap, batch_size, fetch=None):
    fetch = fetch or _Fetch(length)
    what = (f"predict_genome(model, fetch, length={length}, window={window}, overlap={overlap}, "
            f"batch_size={batch_size})")
    found = ck.call(sol.predict_genome, model, fetch, length, window, overlap, batch_size, what=what,
                    hint=PREDICT_HINT)
    ck.expect_tensor(found, what, shape=(model.head.out_channels, length))
    ck.expect(not found.requires_grad, f"{what} not to require grad (computed under torch.no_grad())",
              "requires_grad=True", PREDICT_HINT)
    return found, what


def _stitched_case(sol, length, window, overlap, batch_size, seed=0, n_outputs=3):
    model = _model(seed, training=True, n_outputs=n_outputs)
    found, what = _predict(sol, model, length, window, overlap, batch_size)
    ck.expect_close(found, _whole(model, length),
                    f"{what} (overlap >= receptive field - 1 = {FULL_OVERLAP}, the model given in train "
                    "mode): the whole sequence's output model(fetch(0, length)[None])[0] in eval mode",
                    PREDICT_HINT, rtol=RTOL, atol=ATOL)


class _Recorder:
    """Every model call: (input shape, training, grad enabled)."""

    def __init__(self, model):
        self.calls = []
        self.handle = model.register_forward_pre_hook(self.hook)

    def hook(self, module, args):
        x = args[0] if args else None
        shape = tuple(x.shape) if isinstance(x, torch.Tensor) else None
        self.calls.append((shape, module.training, torch.is_grad_enabled()))


def _memory_case(sol, length, window, overlap, batch_size):
    model = _model(1, training=True)
    fetch, recorder = _Fetch(length), _Recorder(model)
    try:
        _, what = _predict(sol, model, length, window, overlap, batch_size, fetch)
    finally:
        recorder.handle.remove()
    too_long = [(a, b) for a, b in fetch.calls if b - a > window]
    ck.expect(not too_long, f"{what}: fetch never asked for more than window = {window} bases",
              f"fetch{too_long[0]}" if too_long else "", MEMORY_HINT)
    covered = torch.zeros(length, dtype=torch.bool)
    for a, b in fetch.calls:
        covered[a:b] = True
    gaps = (~covered).nonzero().flatten().tolist()
    ck.expect(not gaps, f"{what}: every base fetched", f"bases never fetched, e.g. {gaps[:5]}", MEMORY_HINT)
    starts = _starts(length, window, overlap)
    ck.expect(bool(recorder.calls), f"{what} to call the model", "no call", MEMORY_HINT)
    for shape, training, grad in recorder.calls:
        ck.expect(shape is not None and len(shape) == 3 and shape[1] == 4,
                  f"{what}: the model called on [n, 4, L] batches", f"an input of shape {shape}", MEMORY_HINT)
        ck.expect(shape[0] <= batch_size and shape[2] <= window,
                  f"{what}: the model never given more than batch_size = {batch_size} windows of at most "
                  f"window = {window} bases", f"an input of shape {shape}", MEMORY_HINT)
        ck.expect(not training, f"{what}: the model in eval mode during its calls", "train mode (Dropout on)",
                  "call model.eval() first; " + PREDICT_HINT)
        ck.expect(not grad, f"{what}: gradients disabled during the model's calls",
                  "torch.is_grad_enabled() True (an autograd graph kept for every window)",
                  "wrap the loop in torch.no_grad() (or torch.inference_mode())")
    windows = sum(shape[0] for shape, _, _ in recorder.calls)
    calls = math.ceil(len(starts) / batch_size)
    ck.expect(windows == len(starts) and len(recorder.calls) == calls,
              f"{what}: {len(starts)} windows in {calls} model calls (batches of batch_size, the last one "
              "smaller)", f"{windows} windows in {len(recorder.calls)} calls", MEMORY_HINT)


def _sequences(n=3, length=120, seed=61):
    records = random_records(n, seed, length, length, lowercase_rate=0.0, n_rate=0.05)
    return torch.stack([one_hot(r.sequence) for r in records])


def _weights(shape, seed=7):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def _run(model, x, forward, seed):
    """(blocks output, {name: grad}, x.grad) of loss = (head(forward(blocks, x)) * W).sum(), seeded."""
    def go():
        for p in model.parameters():
            p.grad = None
        hidden = forward(model.blocks, x)
        out = model.head(hidden)
        (out * _weights(out.shape)).sum().backward()
        return hidden, {name: p.grad for name, p in model.named_parameters()}, x.grad
    return ck.seeded(seed, go)


def _checkpoint_case(sol, seed, input_grad):
    model = _model(seed, training=True)
    x = _sequences(seed=61 + seed)
    plain_x = x.clone().requires_grad_(input_grad)
    trusted, trusted_grads, trusted_x_grad = _run(model, plain_x, lambda blocks, h: blocks(h), 100 + seed)
    given = x.clone().requires_grad_(input_grad)
    what = (f"checkpointed_forward(model.blocks, x) (x [3, 4, 120] one-hot, requires_grad={input_grad}; "
            "train mode: Dropout on; torch.manual_seed the same)")
    found, grads, x_grad = ck.call(_run, model, given,
                                   lambda blocks, h: sol.checkpointed_forward(blocks, h), 100 + seed,
                                   what=what + " then loss.backward()", hint=CHECKPOINT_HINT)
    ck.expect_tensor(found, what, shape=tuple(trusted.shape))
    ck.expect_close(found, trusted, f"{what}: the output of model.blocks(x) under the same seed (the same "
                    "dropout masks)", CHECKPOINT_HINT, rtol=RTOL, atol=ATOL)
    missing = [name for name, g in grads.items() if g is None]
    ck.expect(not missing, f"{what}: every parameter has a gradient after loss.backward()",
              f"no gradient (None) for {', '.join(missing)}",
              "use_reentrant=True gives no parameter gradients when the input does not require grad (one-hot "
              "DNA never does); " + CHECKPOINT_HINT)
    for name, grad in grads.items():
        ck.expect_close(grad, trusted_grads[name], f"{what}: the gradient of {name} (the plain model's, same "
                        "seed)", "the recomputation in backward must draw the same dropout masks: leave "
                        "preserve_rng_state=True; " + CHECKPOINT_HINT, rtol=RTOL, atol=ATOL)
    if input_grad:
        ck.expect(x_grad is not None, f"{what}: x.grad set by loss.backward()", "None", CHECKPOINT_HINT)
        ck.expect_close(x_grad, trusted_x_grad, f"{what}: x.grad (the plain model's)", CHECKPOINT_HINT,
                        rtol=RTOL, atol=ATOL)


def _saved_bytes(fn):
    """(fn(), the bytes of every tensor autograd saves for backward while fn runs)."""
    total = 0

    def pack(t):
        nonlocal total
        total += t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        result = fn()
    return result, total


# ---------------------------------------------------------------- checks ------------

def test_stitched_equals_whole(sol):
    # (length, window, overlap, batch_size): shorter than a window, exactly one, one base more, exact
    # multiples of the stride, a remainder of 1, overlap RF - 1 (even) and RF (odd)
    for case in ((1, 40, 28, 2), (39, 40, 28, 2), (40, 40, 28, 1), (41, 40, 28, 3), (52, 40, 28, 2),
                 (53, 40, 28, 2), (100, 40, 28, 3), (112, 40, 28, 3), (113, 40, 29, 2), (500, 64, 29, 4),
                 (1200, 100, 40, 5)):
        _stitched_case(sol, *case)
    _stitched_case(sol, 301, 50, 30, 3, seed=2, n_outputs=2)
    cases = st.integers(FULL_OVERLAP, 45).flatmap(lambda overlap: st.tuples(
        st.integers(1, 400), st.integers(overlap + 1, overlap + 60), st.just(overlap), st.integers(1, 5),
        st.integers(0, 3), st.sampled_from([2, 3])))
    ck.for_all(cases, lambda case: _stitched_case(sol, *case), max_examples=30)


def test_overlap_split(sol):
    # overlaps below RF - 1: windows' edges show, so the split must be exactly the spec's
    for length, window, overlap, batch_size in ((200, 40, 0, 3), (200, 40, 7, 2), (200, 40, 10, 4),
                                                (203, 50, 13, 2), (37, 40, 9, 2), (61, 30, 5, 1),
                                                (95, 30, 11, 4)):
        model = _model(3, training=True)
        found, what = _predict(sol, model, length, window, overlap, batch_size)
        ck.expect_close(found, _naive_stitch(model, length, window, overlap),
                        f"{what}: each position from the window the spec assigns it to (overlap "
                        f"{overlap} < {FULL_OVERLAP}: the windows' edges differ from the whole sequence's)",
                        "drop the FIRST overlap // 2 positions of a window (not the first) and the LAST "
                        "overlap - overlap // 2 (not the last); the last window, shifted back to end at "
                        "length, starts where the previous one stopped; " + PREDICT_HINT,
                        rtol=RTOL, atol=ATOL)


def test_bounded_memory(sol):
    for case in ((1000, 64, 30, 3), (1200, 100, 28, 4), (33, 40, 28, 2), (90, 40, 28, 1)):
        _memory_case(sol, *case)


def test_mode_restored(sol):
    for training in (True, False):
        model = _model(4, training=training)
        _predict(sol, model, 150, 40, 28, 2)
        changed = [name or "model" for name, m in model.named_modules() if m.training != training]
        mode = "train" if training else "eval"
        ck.expect(not changed, f"predict_genome on a model in {mode} mode to leave it (every submodule) in "
                  f"{mode} mode", f"changed: {', '.join(changed[:4])}",
                  "remember was_training = model.training, and model.train(was_training) at the end")


def test_checkpoint_equal(sol):
    for seed in (0, 1, 2):
        _checkpoint_case(sol, seed, input_grad=True)


def test_input_without_grad(sol):
    for seed in (3, 4):
        _checkpoint_case(sol, seed, input_grad=False)


def test_checkpoint_memory(sol):
    model = _model(5, training=True)
    x = _sequences(4, 200, seed=65)
    trusted, plain = ck.seeded(9, _saved_bytes, lambda: model.blocks(x))
    what = "checkpointed_forward(model.blocks, x) (x [4, 4, 200], train mode)"
    found, saved = ck.call(ck.seeded, 9, _saved_bytes, lambda: sol.checkpointed_forward(model.blocks, x),
                           what=what, hint=CHECKPOINT_HINT)
    ck.expect_tensor(found, what, shape=tuple(trusted.shape))
    ck.expect(found.requires_grad, f"{what} to require grad (training: gradients flow to the parameters)",
              "requires_grad=False", CHECKPOINT_HINT)
    ck.expect_close(found, trusted, f"{what}: the output of model.blocks(x) (same seed)", CHECKPOINT_HINT,
                    rtol=RTOL, atol=ATOL)
    ck.expect(saved <= MEMORY_RATIO * plain,
              f"{what}: the tensors saved for backward at most {MEMORY_RATIO:.0%} of the plain forward's "
              f"({plain} bytes: at most {int(MEMORY_RATIO * plain)})",
              f"{saved} bytes ({saved / plain:.0%})",
              "run EVERY block under checkpoint (checkpoint_sequential leaves its last segment "
              "un-checkpointed); " + CHECKPOINT_HINT)
