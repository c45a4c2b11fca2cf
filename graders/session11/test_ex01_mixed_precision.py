"""Graders: session 11, exercise 1 (mixed precision: mixed_precision_step, scaled_step, train_mixed)."""
import contextlib
import copy
import math
import warnings

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.overrides import TorchFunctionMode

from coursekit import checks as ck
from coursekit.data.session11 import PromoterClassifier, splits

BF16, F16, F32 = torch.bfloat16, torch.float16, torch.float32
MATMUL_LAYERS = ("features.0", "classifier.0", "classifier.2", "classifier.4")  # Conv1d, then 3 Linear
TRAIN_DEFAULTS = dict(steps=30, lr=1e-3, batch_size=32)
# close_to_float32: the largest relative difference, over the steps, between the loss of a step of
# train_mixed (bfloat16 autocast) and the same step of the graders' float32 run (same start, same batches).
# Reference over model and batch seeds 0-19: defaults 0.0007-0.0039 -> bar 0.012 (no zero_grad: 0.027-0.092);
# lr 1e-4, 20 steps of 16: 0.0001-0.0002 -> bar 0.0015, where bfloat16 weights (updates rounded away) give
# 0.0039-0.0160.
DEFAULTS_BAR = 0.012
SMALL_LR = dict(steps=20, lr=1e-4, batch_size=16)
SMALL_LR_BAR = 0.0015
# A float32 cross-entropy vs the float64 one of the same logits: <= 5e-6 relative (40 batches, fresh and
# trained models); a bfloat16 loss: 3e-5 to 4e-3.
LOSS_TOL = dict(rtol=1e-5, atol=1e-6)
GRAD_TOL = dict(rtol=1e-3, atol=1e-6)
SGD_LR = 0.1

REGION_HINT = ("optimizer.zero_grad(); then `with torch.autocast(device_type, dtype=dtype):` around the "
               "forward pass AND the loss (logits = model(x); loss = F.cross_entropy(logits, y)); "
               "loss.backward() and optimizer.step() after the block; return loss.item()")
LOSS_HINT = ("compute F.cross_entropy(logits, y) INSIDE the autocast region: autocast runs it in float32. "
             "Outside the region the bfloat16 logits give a bfloat16 loss; no .to(torch.bfloat16) on the "
             "loss, no hand-written log_softmax (autocast keeps it in 16 bits)")
MASTER_HINT = ("never cast the model (no model.to(torch.bfloat16), .bfloat16(), .half()): autocast casts "
               "copies of the weights for each matmul, while the parameters, their gradients and the "
               "optimizer's state stay float32 (a float32 master copy); optimizer.zero_grad() first")
DEVICE_HINT = ("use your arguments: torch.autocast(device_type, dtype=dtype), not a fixed 'cpu', "
               "torch.float16 or the deprecated torch.cuda.amp.autocast() (CUDA-only: disabled on the CPU)")
SCALER_HINT = ("scaler.scale(loss).backward(); scale = scaler.get_scale(); scaler.step(optimizer) (it "
               "unscales the gradients and skips the step if any is inf or NaN); scaler.update() (it halves "
               "the scale after a skipped step); return loss.item() (the unscaled loss) and "
               "scaler.get_scale() >= scale")
TRAIN_HINT = ("optimizer = torch.optim.Adam(model.parameters(), lr=lr); each step: idx = torch.randint(0, "
              "len(x), (batch_size,), generator=generator), then mixed_precision_step(model, x[idx], y[idx], "
              "optimizer, device_type, dtype); return the list of the step losses")


# ---------------------------------------------------------------- trusted pieces ----

def _call(fn, what, *args, hint=REGION_HINT, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _model(seed):
    """A fresh PromoterClassifier from a seed (the global random state left alone)."""
    return ck.seeded(seed, PromoterClassifier)


def _train_set():
    (x, y), _ = splits()
    return x, y


def _batch(start, size=32):
    x, y = _train_set()
    return x[start:start + size], y[start:start + size]


class _Backwards(TorchFunctionMode):
    """Records (dtype, shape) of every tensor that backward is called on."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func in (torch.Tensor.backward, torch.autograd.backward) and args:
            first = args[0]
            if isinstance(first, (tuple, list)) and first:
                first = first[0]
            if isinstance(first, torch.Tensor):
                self.seen.append((first.dtype, tuple(first.shape)))
        return func(*args, **(kwargs or {}))


@contextlib.contextmanager
def _watch(model):
    """Records the output dtype of every Conv1d and Linear of `model`, the model's logits, and the
    tensors backward is called on."""
    record = {"layers": [], "logits": [], "backward": None}
    handles = [model.register_forward_hook(lambda m, a, out: record["logits"].append(out.detach().clone()))]
    for label, layer in model.named_modules():
        if isinstance(layer, (nn.Linear, nn.Conv1d)):
            handles.append(layer.register_forward_hook(
                lambda m, a, out, label=label: record["layers"].append((label, out.dtype))))
    mode = _Backwards()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # autocast("cuda") where no GPU is: disabled
            warnings.simplefilter("ignore", FutureWarning)
            with mode:
                yield record
    finally:
        for h in handles:
            h.remove()
        record["backward"] = mode.seen


def _expect_layers(record, dtype, what, hint, calls=1):
    """Every Conv1d/Linear ran `calls` times, each output of `dtype`."""
    names = [n for n, _ in record["layers"]]
    wanted = list(MATMUL_LAYERS) * calls
    ck.expect(sorted(names) == sorted(wanted), f"{what}: {calls} forward pass(es) of the model "
              f"(each of {', '.join(MATMUL_LAYERS)} once per pass)", f"layers run: {names}", hint)
    wrong = [f"{n}: {d}" for n, d in record["layers"] if d != dtype]
    ck.expect(not wrong, f"{what}: the output of every Conv1d and Linear of dtype {dtype} (inside the "
              "autocast region)", "; ".join(dict.fromkeys(wrong)), hint)


def _expect_float32_backward(record, what, count=1):
    seen = record["backward"]
    ck.expect(len(seen) == count, f"{what}: backward called {count} time(s) on the loss",
              f"{len(seen)} calls", "call loss.backward() once per step")
    bad = [s for s in seen if s != (F32, ())]
    ck.expect(not bad, f"{what}: backward called on a 0-d float32 loss",
              ", ".join(f"a {d} tensor of shape {s}" for d, s in bad), LOSS_HINT)


def _expect_loss(found, logits, y, what, hint=LOSS_HINT):
    """The returned loss equals the cross-entropy of the model's own logits, computed in float64."""
    ck.expect(type(found) is float, f"{what} to return the loss as a Python float", type(found).__name__,
              "return loss.item()")
    trusted = F.cross_entropy(logits.double(), y)
    ck.expect_close(found, trusted, f"{what}: the loss, vs the float64 cross-entropy of the logits your "
                    "model produced", hint, **LOSS_TOL)


def _trusted_grads(model, x, y, kind, low):
    """Gradients of the mean cross-entropy with the model's matmuls autocast to `low`: the graders' own
    region on a copy of the model, the loss taken in float32."""
    twin = copy.deepcopy(model)
    twin.zero_grad(set_to_none=True)
    with torch.autocast(device_type=kind, dtype=low):
        out = twin(x)
    F.cross_entropy(out.float(), y).backward()
    return [p.grad.detach().clone() for p in twin.parameters()]


def _snapshot(model):
    return [p.detach().clone() for p in model.parameters()]


def _expect_float32_state(model, optimizer, what, with_state=True):
    wrong = [f"{n}: {p.dtype}" for n, p in model.named_parameters() if p.dtype != F32]
    ck.expect(not wrong, f"{what}: every parameter still float32", "; ".join(wrong[:4]), MASTER_HINT)
    wrong = [f"{n}: {'None' if p.grad is None else p.grad.dtype}" for n, p in model.named_parameters()
             if p.grad is None or p.grad.dtype != F32]
    ck.expect(not wrong, f"{what}: every parameter's .grad a float32 tensor", "; ".join(wrong[:4]),
              MASTER_HINT)
    if not with_state:
        return
    wrong = sorted({f"{k}: {v.dtype}" for state in optimizer.state.values() for k, v in state.items()
                    if isinstance(v, torch.Tensor) and v.dim() > 0 and v.dtype != F32})
    ck.expect(bool(optimizer.state) and not wrong, f"{what}: the optimizer's state (per-parameter buffers) "
              "float32", "; ".join(wrong) or "no optimizer state: was optimizer.step() called?", MASTER_HINT)


def _float32_run(model, x, y, steps, lr, batch_size, seed):
    """The graders' float32 training: the same start, Adam, the same batches (drawn from a generator of
    `seed`); the loss of every step."""
    twin = copy.deepcopy(model)
    adam = torch.optim.Adam(twin.parameters(), lr=lr)
    draws = torch.Generator().manual_seed(seed)
    found = []
    while len(found) < steps:
        rows = torch.randint(0, len(y), (batch_size,), generator=draws)
        adam.zero_grad()
        step_loss = F.cross_entropy(twin(x[rows]), y[rows])
        step_loss.backward()
        adam.step()
        found.append(step_loss.item())
    return torch.tensor(found, dtype=torch.float64)


def _inf_in_grad(model):
    """A hook that writes inf into one entry of the last Linear's weight gradient (what float16 overflow
    does); the loss itself stays finite. Returns the handle."""
    def poison(grad):
        grad = grad.clone()
        grad[0, 0] = math.inf
        return grad
    return model.classifier[4].weight.register_hook(poison)


# ---------------------------------------------------------------- checks ------------

def test_autocast_dtypes(sol):
    model = _model(0)
    sgd = torch.optim.SGD(model.parameters(), lr=SGD_LR)
    for start in (0, 32):
        x, y = _batch(start)
        what = (f"mixed_precision_step(PromoterClassifier, x [32, 4, 80], y, SGD) (defaults), "
                f"batch {start // 32}")
        with _watch(model) as record:
            loss = _call(sol.mixed_precision_step, what, model, x, y, sgd)
        _expect_layers(record, BF16, what, REGION_HINT + "; " + DEVICE_HINT)
        ck.expect(len(record["logits"]) == 1 and record["logits"][0].dtype == BF16,
                  f"{what}: the model's logits bfloat16 (the last Linear ran in the region)",
                  ", ".join(str(t.dtype) for t in record["logits"]), REGION_HINT)
        _expect_float32_backward(record, what)
        _expect_loss(loss, record["logits"][0], y, what)


def test_float32_master_weights(sol):
    # SGD with momentum: its first step is p - lr * g, and its state (momentum_buffer) is a copy of g.
    model = _model(1)
    x, y = _batch(64)
    start = _snapshot(model)
    trusted = _trusted_grads(model, x, y, "cpu", BF16)
    sgd = torch.optim.SGD(model.parameters(), lr=SGD_LR, momentum=0.9)
    for p in model.parameters():  # stale gradients from an earlier step
        p.grad = torch.full_like(p, 0.5)
    what = "mixed_precision_step(PromoterClassifier, x [32, 4, 80], y, SGD(lr=0.1, momentum=0.9))"
    _call(sol.mixed_precision_step, what, model, x, y, sgd, hint=MASTER_HINT)
    _expect_float32_state(model, sgd, what)
    for (name, p), g in zip(model.named_parameters(), trusted):
        ck.expect_close(p.grad, g, f"{what}: {name}.grad (this step's gradient only) vs the graders' own "
                        "bfloat16 autocast forward and float32 loss", MASTER_HINT, **GRAD_TOL)
    for (name, p), p0, g in zip(model.named_parameters(), start, trusted):
        ck.expect_close(p, p0.double() - SGD_LR * g.double(), f"{what}: {name} after the step, p - lr * g",
                        "optimizer.step() once, after loss.backward()", rtol=1e-5, atol=1e-6)
    # Adam: its state (exp_avg, exp_avg_sq) follows the parameters' dtype.
    model = _model(2)
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    what = "mixed_precision_step(PromoterClassifier, x [32, 4, 80], y, Adam(lr=1e-3))"
    _call(sol.mixed_precision_step, what, model, x, y, adam, hint=MASTER_HINT)
    _expect_float32_state(model, adam, what)


def _expect_near_float32(found, trusted, bar, what, hint):
    ck.expect_float_list(found, len(trusted), what, per="step")
    rel = ((torch.tensor(found, dtype=torch.float64) - trusted).abs() / trusted).max().item()
    ck.expect(rel <= bar, f"{what}: every step's loss within a relative {bar} of the same step of the "
              "graders' float32 run (same start, same batches)",
              f"a largest relative difference of {rel:.4g}", hint)


def test_close_to_float32(sol):
    x, y = _train_set()
    # The defaults: 30 steps of Adam(lr=1e-3) on batches of 32.
    model = _model(3)
    trusted = _float32_run(model, x, y, seed=3, **TRAIN_DEFAULTS)
    what = "train_mixed(PromoterClassifier, x_train [2000, 4, 80], y_train, generator) (defaults)"
    found = _call(sol.train_mixed, what, model, x, y, generator=torch.Generator().manual_seed(3),
                  hint=TRAIN_HINT)
    _expect_near_float32(found, trusted, DEFAULTS_BAR, what, TRAIN_HINT + "; " + MASTER_HINT)
    # A small learning rate: bfloat16 weights would round the updates away.
    model = _model(4)
    trusted = _float32_run(model, x, y, seed=4, **SMALL_LR)
    what = ("train_mixed(PromoterClassifier, x_train, y_train, steps=20, lr=1e-4, batch_size=16, "
            "generator)")
    runs = ck.under_global_seeds(
        lambda: _call(sol.train_mixed, what, copy.deepcopy(model), x, y,
                      generator=torch.Generator().manual_seed(4), hint=TRAIN_HINT, **SMALL_LR),
        what, "draw the batches from the generator you are given: torch.randint(..., generator=generator)")
    _expect_near_float32(runs[0], trusted, SMALL_LR_BAR, what, MASTER_HINT)
    ck.expect(runs[0] == runs[1], f"{what}: the same losses under two different global seeds",
              "different losses", "draw every random number from the generator you are given")


def _scaled(sol, model, x, y, optimizer, scaler, what):
    with _watch(model) as record:
        out = _call(sol.scaled_step, what, model, x, y, optimizer, scaler, hint=SCALER_HINT,
                    device_type="cpu", dtype=BF16)
    ck.expect(isinstance(out, tuple) and len(out) == 2, f"{what} to return (loss, taken)",
              repr(out)[:80], "return loss.item(), scaler.get_scale() >= scale")
    loss, taken = out
    ck.expect(type(taken) is bool, f"{what}: taken a bool", type(taken).__name__,
              "scaler.get_scale() >= scale is a bool")
    ck.expect(len(record["logits"]) == 1, f"{what}: one forward pass", f"{len(record['logits'])}",
              SCALER_HINT)
    _expect_loss(loss, record["logits"][0], y, what, "return loss.item(): the loss itself, not the scaled "
                 "loss; " + LOSS_HINT)
    return taken


def test_scaler_skips_inf(sol):
    model = _model(5)
    sgd = torch.optim.SGD(model.parameters(), lr=SGD_LR)
    scaler = torch.amp.GradScaler("cpu")  # initial scale 2**16
    # A normal step: taken, with the unscaled gradients; the scale kept.
    x, y = _batch(96)
    start, trusted = _snapshot(model), _trusted_grads(model, x, y, "cpu", BF16)
    what = "scaled_step(model, x, y, SGD(lr=0.1), GradScaler('cpu'), device_type='cpu', dtype=torch.bfloat16)"
    taken = _scaled(sol, model, x, y, sgd, scaler, what)
    ck.expect(taken is True, f"{what}: taken True (finite gradients)", repr(taken), SCALER_HINT)
    for (name, p), p0, g in zip(model.named_parameters(), start, trusted):
        ck.expect_close(p, p0.double() - SGD_LR * g.double(), f"{what}: {name} after the step, p - lr * g "
                        "with the UNSCALED gradient g", SCALER_HINT, rtol=1e-5, atol=1e-6)
    ck.expect(scaler.get_scale() == 2.0 ** 16, f"{what}: the scale kept at 65536 after a good step",
              f"{scaler.get_scale()}", SCALER_HINT)
    # An inf in one gradient: the step skipped, the parameters untouched, the scale halved.
    x, y = _batch(128)
    start = _snapshot(model)
    handle = _inf_in_grad(model)
    what_inf = what + " with an inf in one gradient"
    try:
        taken = _scaled(sol, model, x, y, sgd, scaler, what_inf)
    finally:
        handle.remove()
    moved = [n for (n, p), p0 in zip(model.named_parameters(), start) if not torch.equal(p.detach(), p0)]
    ck.expect(not moved, f"{what_inf}: the step skipped (every parameter unchanged)",
              f"changed: {', '.join(moved)}", "scaler.step(optimizer), never optimizer.step() directly: "
              "the scaler skips a step whose gradients hold inf or NaN")
    ck.expect(scaler.get_scale() == 2.0 ** 15, f"{what_inf}: the scale halved to 32768 (scaler.update())",
              f"{scaler.get_scale()}", SCALER_HINT)
    ck.expect(taken is False, f"{what_inf}: taken False", repr(taken), SCALER_HINT)
    # Then a normal step again: taken, the scale kept at 32768.
    x, y = _batch(160)
    start = _snapshot(model)
    taken = _scaled(sol, model, x, y, sgd, scaler, what + ", after the skipped step")
    ck.expect(taken is True and scaler.get_scale() == 2.0 ** 15,
              f"{what}, after the skipped step: taken True, the scale kept at 32768",
              f"taken {taken!r}, scale {scaler.get_scale()}", SCALER_HINT)
    ck.expect(not any(torch.equal(p.detach(), p0) for p, p0 in zip(model.parameters(), start)),
              f"{what}, after the skipped step: every parameter updated", "some parameters unchanged",
              SCALER_HINT)


def test_uses_device_type(sol):
    model = _model(6)
    sgd = torch.optim.SGD(model.parameters(), lr=SGD_LR)
    x, y = _batch(192, 16)
    cases = ((dict(dtype=F16), F16, "dtype=torch.float16"),
             (dict(device_type="cuda"), F32,
              "device_type='cuda' (a CPU model: CUDA autocast leaves it alone)"))
    for kwargs, dtype, told in cases:
        what = f"mixed_precision_step(CPU model, x [16, 4, 80], y, SGD, {told})"
        with _watch(model) as record:
            loss = _call(sol.mixed_precision_step, what, model, x, y, sgd, hint=DEVICE_HINT, **kwargs)
        _expect_layers(record, dtype, what, DEVICE_HINT)
        _expect_float32_backward(record, what)
        _expect_loss(loss, record["logits"][0], y, what)
    for kwargs, dtype, told in cases + (({}, BF16, "device_type and dtype left to their defaults"),):
        what = f"train_mixed(CPU model, x_train, y_train, steps=2, batch_size=8, generator, {told})"
        with _watch(model) as record:
            losses = _call(sol.train_mixed, what, model, *_train_set(), steps=2, batch_size=8,
                           generator=torch.Generator().manual_seed(6), hint=TRAIN_HINT, **kwargs)
        ck.expect_float_list(losses, 2, what, per="step")
        _expect_layers(record, dtype, what, "pass device_type and dtype on to mixed_precision_step; "
                       + DEVICE_HINT, calls=2)
    scaled = ((dict(device_type="cpu", dtype=BF16), BF16, "device_type='cpu', dtype=torch.bfloat16"),
              ({}, F32, "the defaults (device_type='cuda': a CPU model is left alone)"))
    for kwargs, dtype, told in scaled:
        what = f"scaled_step(CPU model, x [16, 4, 80], y, SGD, GradScaler('cpu'), {told})"
        with _watch(model) as record:
            _call(sol.scaled_step, what, model, x, y, sgd, torch.amp.GradScaler("cpu"), hint=DEVICE_HINT,
                  **kwargs)
        _expect_layers(record, dtype, what, DEVICE_HINT)


def test_cuda_parity(sol):
    if not torch.cuda.is_available():
        pytest.skip("CUDA not available: float16 autocast with GradScaler('cuda') runs only on a GPU")
    cpu_model = _model(7)
    x, y = _batch(224)
    with torch.no_grad():
        cpu_loss = F.cross_entropy(cpu_model(x), y).item()
    model = copy.deepcopy(cpu_model).cuda()
    x, y = x.cuda(), y.cuda()
    start, trusted = _snapshot(model), _trusted_grads(model, x, y, "cuda", F16)
    sgd = torch.optim.SGD(model.parameters(), lr=SGD_LR)
    scaler = torch.amp.GradScaler("cuda")
    what = "scaled_step(CUDA model, x, y, SGD(lr=0.1), GradScaler('cuda')) (defaults: 'cuda', float16)"
    with _watch(model) as record:
        out = _call(sol.scaled_step, what, model, x, y, sgd, scaler, hint=SCALER_HINT)
    ck.expect(isinstance(out, tuple) and len(out) == 2 and out[1] is True, f"{what}: (loss, True)",
              repr(out)[:80], SCALER_HINT)
    _expect_layers(record, F16, what, DEVICE_HINT)
    _expect_float32_backward(record, what)
    _expect_loss(out[0], record["logits"][0], y, what)
    ck.expect_close(out[0], cpu_loss, f"{what}: the float16 loss vs the float32 loss on the CPU",
                    "the same model and batch: only the precision differs", rtol=1e-2, atol=1e-3)
    _expect_float32_state(model, sgd, what, with_state=False)  # plain SGD keeps no state
    for (name, p), p0, g in zip(model.named_parameters(), start, trusted):
        ck.expect_close(p, p0.double() - SGD_LR * g.double(), f"{what}: {name} after the step",
                        SCALER_HINT, rtol=1e-3, atol=1e-5)
    start = _snapshot(model)
    handle = _inf_in_grad(model)
    try:
        with _watch(model):
            out = _call(sol.scaled_step, what, model, x, y, sgd, scaler, hint=SCALER_HINT)
    finally:
        handle.remove()
    ck.expect(isinstance(out, tuple) and len(out) == 2, f"{what} to return (loss, taken)", repr(out)[:80],
              SCALER_HINT)
    unchanged = all(torch.equal(p.detach(), p0) for p, p0 in zip(model.parameters(), start))
    ck.expect(unchanged, f"{what} with an inf gradient: the step skipped (parameters unchanged)",
              "parameters changed", "scaler.step(optimizer), never optimizer.step() directly")
    ck.expect(out[1] is False and scaler.get_scale() == 2.0 ** 15, f"{what} with an inf gradient: "
              "taken False, the scale halved to 32768", f"taken {out[1]!r}, scale {scaler.get_scale()}",
              SCALER_HINT)
    what = "mixed_precision_step(CUDA model, x, y, SGD, device_type='cuda')"
    with _watch(model) as record:
        _call(sol.mixed_precision_step, what, model, x, y, sgd, device_type="cuda")
    _expect_layers(record, BF16, what, DEVICE_HINT)
    _expect_float32_backward(record, what)
