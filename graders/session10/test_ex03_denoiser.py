"""Graders: session 10, exercise 3 (a denoiser with a sinusoidal time embedding: sinusoidal_embedding,
DenoisingModel, noise_prediction_loss, train_denoiser)."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit import checks as ck
from coursekit.data.session10 import gc_labelled_dna

DEFAULT_PARAMS = 382_052  # DenoisingModel(): (100 + 32) * 512 + 512 + 512 * 512 + 512 + 512 * 100 + 100
EMB_TOL = dict(rtol=0.0, atol=5e-4)  # float32 sin/cos of angles up to 999 (the reference: at most 5.5e-5 off)
F64 = dict(rtol=1e-9, atol=1e-12)
F32 = dict(rtol=1e-4, atol=1e-5)
# The learning check: DenoisingModel(48, hidden=128) trained by train_denoiser with its defaults on 256
# sequences; the evaluation loss on 200 held-out sequences, each t = 0..99 twice, the graders' noise.
# Reference over data, initialisation, training and evaluation seeds 0-19: falls 3.50x-3.74x (these seeds:
# 3.63x). Over 10 seeds: a model that ignores t 2.70x-2.88x, the guide's t / 1000 2.67x-2.86x, lr=1e-3
# 2.49x-2.63x, steps=50 2.56x-2.70x; a loss against x0: 0.89x.
LEARN_FACTOR = 3.0
DEFAULT_STEPS, DEFAULT_BATCH, DEFAULT_LR = 100, 128, 3e-3  # train_denoiser's defaults
EMB_DIM = 32

# (batch, dim // 2, largest t, seed)
EMB_CASES = st.tuples(st.integers(1, 8), st.integers(1, 32), st.integers(0, 999), st.integers(0, 2**31 - 1))
# (batch, shape of one sample, T, float64?, t given?, noise given?, seed)
SAMPLE_SHAPES = st.one_of(st.tuples(st.integers(1, 8)), st.tuples(st.integers(1, 4), st.integers(1, 6)))
LOSS_CASES = st.tuples(st.integers(1, 6), SAMPLE_SHAPES, st.integers(1, 100), st.booleans(), st.booleans(),
                       st.booleans(), st.integers(0, 2**31 - 1))

EMB_HINT = ("half = dim // 2; freq_k = exp(-ln(10000) * k / half) for k = 0..half-1 (divide by half, not "
            "half - 1); angles = t[:, None] * freq[None, :] (t the raw step index, as float32); return "
            "torch.cat([sin(angles), cos(angles)], dim=1): all the sines first, then all the cosines (not "
            "interleaved), float32 [B, dim], on t's device")
MODEL_HINT = ("self.net = nn.Sequential(nn.Linear(seq_len + time_dim, hidden), nn.ReLU(), nn.Linear(hidden, "
              "hidden), nn.ReLU(), nn.Linear(hidden, seq_len)); forward(x, t) = self.net(torch.cat([x, "
              "sinusoidal_embedding(t, time_dim)], dim=1)): the embedding after x, computed in forward (not "
              "a parameter, not an nn.Embedding)")
LOSS_HINT = ("t = torch.randint(0, T, (B,), generator=generator, device=x0.device) when t is None, THEN "
             "noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device) when "
             "noise is None; ab = alpha_bar[t] cast to x0's dtype and viewed as [B, 1, ..., 1]; xt = "
             "sqrt(ab) * x0 + sqrt(1 - ab) * noise; return F.mse_loss(model(xt, t), noise) (the noise, "
             "not x0)")
TRAIN_HINT = ("torch.optim.Adam(model.parameters(), lr=lr); each of the `steps` steps: a batch of batch_size "
              "rows of x0 drawn with the generator, loss = noise_prediction_loss(model, batch, alpha_bar, "
              "generator=generator), zero_grad, backward, step, append loss.item(); defaults steps=100, "
              "batch_size=128, lr=3e-3")


# ---------------------------------------------------------------- trusted pieces ----

def _call(fn, what, *args, hint, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _schedule(steps=100, first=1e-3, last=0.2):
    """alpha_bar of the linear schedule, float64 [steps] on the CPU: prod over s <= t of (1 - beta_s)."""
    betas = [first + (last - first) * i / max(steps - 1, 1) for i in range(steps)]
    return torch.tensor(betas, dtype=torch.float64).neg().add(1).cumprod(0)


def _random_schedule(steps, seed):
    """alpha_bar from betas drawn uniformly in [1e-4, 0.3] (any order), float64 [steps]."""
    betas = 1e-4 + 0.3 * torch.rand(steps, generator=_gen(seed), dtype=torch.float64)
    return (1 - betas).cumprod(0)


def _dna(n, seed):
    """gc_labelled_dna(n, 12) in model space: 2 * onehot - 1 flattened to float32 [n, 48]."""
    onehot = gc_labelled_dna(n, 12, seed=seed)[0]
    return (onehot * 2 - 1).reshape(n, 48)


def _trusted_embedding(t, dim):
    """The closed form, one number at a time in float64 (Python's math)."""
    half = dim // 2
    rows = []
    for step in t.tolist():
        angle = [step * math.exp(-math.log(10000.0) * k / half) for k in range(half)]
        rows.append([math.sin(a) for a in angle] + [math.cos(a) for a in angle])
    return torch.tensor(rows, dtype=torch.float64).reshape(len(rows), dim)


def _layers(sol, seq_len, time_dim, hidden, what):
    model = ck.build_model(sol.DenoisingModel, seq_len, time_dim=time_dim, hidden=hidden, what=what)
    net = getattr(model, "net", None)
    ck.expect(isinstance(net, nn.Sequential), f"{what}.net to be an nn.Sequential", type(net).__name__,
              MODEL_HINT)
    kinds = [type(m).__name__ for m in net]
    wanted = ["Linear", "ReLU", "Linear", "ReLU", "Linear"]
    ck.expect(kinds == wanted, f"{what}.net = nn.Sequential({', '.join(wanted)})",
              f"nn.Sequential({', '.join(kinds)})", MODEL_HINT)
    sizes = ((seq_len + time_dim, hidden), (hidden, hidden), (hidden, seq_len))
    for i, (n_in, n_out) in zip((0, 2, 4), sizes):
        ck.expect_linear(net[i], n_in, n_out, f"{what}.net[{i}]")
    return model, net


def _through_layers(net, x, t, time_dim):
    """net's own weights applied in float64 to [x, the closed-form embedding of t]."""
    h = torch.cat([x.double(), _trusted_embedding(t, time_dim)], dim=1)
    for i in (0, 2, 4):
        h = F.linear(h, net[i].weight.detach().double(), net[i].bias.detach().double())
        h = torch.relu(h) if i < 4 else h
    return h


class _Recorder(nn.Module):
    """A grader-built denoiser that records every call (xt, t) and returns w * xt + t / 100 (w a parameter
    of one sample's shape), so the loss is a known function of the xt and t it was given."""

    def __init__(self, sample_shape, dtype, seed):
        super().__init__()
        self.w = nn.Parameter(0.5 + torch.rand(sample_shape, generator=_gen(seed), dtype=dtype))
        self.calls = []

    def forward(self, xt, t):
        self.calls.append((xt.detach().clone(), t.detach().clone()))
        return self.w * xt + t.to(xt.dtype).reshape(-1, *[1] * (xt.dim() - 1)) / 100


def _trusted_loss(w, x0, alpha_bar, t, noise):
    """(xt, loss) in float64: xt = sqrt(ab_t) x0 + sqrt(1 - ab_t) noise per sample, loss = mean (w xt + t/100
    - noise)^2 over every element."""
    per_sample = [1] * (x0.dim() - 1)
    ab = alpha_bar.double()[t].reshape(-1, *per_sample)
    xt = ab.sqrt() * x0.double() + (1 - ab).sqrt() * noise.double()
    out = w.detach().double() * xt + t.double().reshape(-1, *per_sample) / 100
    return xt, (out - noise.double()).pow(2).mean()


def _redraw(x0, steps, t, noise, seed):
    """The specified draws: t first (if not given), then the noise (if not given), from a generator of
    `seed` (or torch's global generator when seed is None)."""
    g = None if seed is None else _gen(seed)
    if t is None:
        t = torch.randint(0, steps, (x0.shape[0],), generator=g)
    if noise is None:
        noise = torch.randn(x0.shape, generator=g, dtype=x0.dtype)
    return t, noise


# ---------------------------------------------------------------- checks ------------

def _check_embedding(sol, t, dim, what=None):
    what = what or f"sinusoidal_embedding(t = {t.tolist()}, dim={dim})"
    found = _call(sol.sinusoidal_embedding, what, t.clone(), dim, hint=EMB_HINT)
    ck.expect_tensor(found, what, (len(t), dim), torch.float32, hint=EMB_HINT)
    ck.expect_close(found, _trusted_embedding(t, dim), f"{what} vs sin then cos of t * exp(-ln(10000) k / "
                    f"{dim // 2}), computed number by number in float64", EMB_HINT, **EMB_TOL)


def _embedding_case(sol, case):
    batch, half, largest, seed = case
    t = torch.randint(0, largest + 1, (batch,), generator=_gen(seed))
    t[0] = largest
    _check_embedding(sol, t, 2 * half)


def test_time_embedding(sol):
    # t = 0 first (all sines 0, all cosines 1), then steps up to the last of a 100-step chain.
    _check_embedding(sol, torch.tensor([0]), 8)
    _check_embedding(sol, torch.tensor([0, 1, 2, 7, 50, 98, 99]), EMB_DIM)
    for dim in (2, 4, 128):
        _check_embedding(sol, torch.tensor([0, 3, 99, 500, 999]), dim)
    ck.for_all(EMB_CASES, lambda c: _embedding_case(sol, c), max_examples=40)
    # The embedding is computed, not learned: no parameter outside self.net's three Linear layers.
    for time_dim in (8, 32, 64):
        what = f"DenoisingModel(48, time_dim={time_dim}, hidden=64)"
        model, net = _layers(sol, 48, time_dim, 64, what)
        allowed = {id(p) for i in (0, 2, 4) for p in net[i].parameters()}
        extra = [name for name, p in model.named_parameters() if id(p) not in allowed]
        ck.expect(not extra, f"{what}: no parameter outside self.net's three Linear layers (the time "
                  "embedding is a fixed function of t, not learned)", "parameters " + ", ".join(extra),
                  MODEL_HINT)


def test_param_count(sol):
    model = ck.build_model(sol.DenoisingModel, what="DenoisingModel()")
    ck.expect_param_count(model, DEFAULT_PARAMS, "DenoisingModel() (seq_len=100, time_dim=32, hidden=512)")
    for args, kwargs, (seq_len, time_dim, hidden) in (
            ((48,), {}, (48, 32, 512)),
            ((48,), dict(time_dim=16, hidden=64), (48, 16, 64)),
            ((), dict(seq_len=20, time_dim=8, hidden=32), (20, 8, 32))):
        shown = ", ".join([str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()])
        model = ck.build_model(sol.DenoisingModel, *args, what=f"DenoisingModel({shown})", **kwargs)
        count = (seq_len + time_dim) * hidden + hidden + hidden * hidden + hidden + hidden * seq_len + seq_len
        ck.expect_param_count(model, count, f"DenoisingModel({shown})")


def test_uses_time(sol):
    what = "DenoisingModel(48, time_dim=32, hidden=64)"
    model = ck.build_model(sol.DenoisingModel, 48, time_dim=EMB_DIM, hidden=64, what=what)
    x = _dna(6, seed=3)
    t = torch.tensor([0, 99, 5, 50, 20, 1])
    early = _call(model, f"{what}(x [6, 48], t = 0 for all)", x, torch.zeros(6, dtype=torch.long),
                  hint=MODEL_HINT)
    late = _call(model, f"{what}(x [6, 48], t = 60 for all)", x, torch.full((6,), 60), hint=MODEL_HINT)
    ck.expect_tensor(early, f"{what}(x [6, 48], t)", (6, 48), hint=MODEL_HINT)
    change = (late - early).abs().max().item()
    ck.expect(change > 1e-3, f"{what}: the output for the same x to change with t (t = 0 vs t = 60)",
              f"largest change {change:.3g}", "the denoiser must see t: concatenate sinusoidal_embedding(t, "
              "time_dim) after x; " + MODEL_HINT)
    mixed = _call(model, f"{what}(x [6, 48], t = {t.tolist()})", x, t, hint=MODEL_HINT)
    ck.expect_tensor(mixed, f"{what}(x [6, 48], t = {t.tolist()})", (6, 48), hint=MODEL_HINT)
    alone = torch.cat([_call(model, f"{what}(x[{i}:{i + 1}], t[{i}:{i + 1}])", x[i:i + 1], t[i:i + 1],
                             hint=MODEL_HINT) for i in range(6)])
    ck.expect_close(mixed, alone, f"{what}: a batch with a different t per sample vs each sample run alone",
                    "embed each sample's own t: sinusoidal_embedding(t, time_dim) is [B, time_dim], one row "
                    "per sample", **F32)
    model, net = _layers(sol, 48, EMB_DIM, 64, what)
    mixed = _call(model, f"{what}(x [6, 48], t = {t.tolist()})", x, t, hint=MODEL_HINT)
    ck.expect_close(mixed, _through_layers(net, x, t, EMB_DIM), f"{what}(x, t) vs its own layers applied by "
                    "the graders to [x, the closed-form sinusoidal embedding of t] (Linear, ReLU, Linear, "
                    "ReLU, Linear)", MODEL_HINT, **F32)


def _check_loss(sol, x0, alpha_bar, t, noise, seed, what):
    """noise_prediction_loss with a recording denoiser vs the graders' xt and loss (t and noise redrawn
    from `seed` where not given)."""
    dtype = x0.dtype
    recorder = _Recorder(x0.shape[1:], dtype, 17)
    given = {k: v.clone() for k, v in (("t", t), ("noise", noise)) if v is not None}
    found = _call(sol.noise_prediction_loss, what, recorder, x0.clone(), alpha_bar.clone(), **given,
                  generator=_gen(seed), hint=LOSS_HINT)
    t, noise = _redraw(x0, len(alpha_bar), t, noise, seed)
    _expect_loss(found, recorder, x0, alpha_bar, t, noise, what)


def _expect_loss(found, recorder, x0, alpha_bar, t, noise, what):
    dtype = x0.dtype
    tol = F64 if dtype == torch.float64 else F32
    ck.expect_tensor(found, what, (), dtype, hint="return F.mse_loss(...): a 0-d tensor of x0's dtype")
    ck.expect(len(recorder.calls) == 1, f"{what} to call the model once", f"{len(recorder.calls)} calls",
              LOSS_HINT)
    seen_x, seen_t = recorder.calls[0]
    ck.expect_tensor(seen_t, f"{what}: the t given to the model", (x0.shape[0],), torch.int64, hint=LOSS_HINT)
    ck.expect(torch.equal(seen_t, t), f"{what}: the model called with t = {t.tolist()} (drawn as "
              "torch.randint(0, T, (B,), generator=generator) before the noise when t is None)",
              f"t = {seen_t.tolist()}", LOSS_HINT)
    ck.expect_tensor(seen_x, f"{what}: the xt given to the model", tuple(x0.shape), dtype, hint=LOSS_HINT)
    xt, loss = _trusted_loss(recorder.w, x0, alpha_bar, t, noise)
    ck.expect_close(seen_x, xt, f"{what}: the model's input xt vs sqrt(alpha_bar[t]) x0 + sqrt(1 - "
                    "alpha_bar[t]) noise per sample (the graders' t and noise)", LOSS_HINT, **tol)
    ck.expect_close(found, loss, f"{what}: the mean over every element of (model(xt, t) - noise)^2",
                    LOSS_HINT, **tol)
    ck.expect(found.requires_grad, f"{what} to carry gradients to the model's parameters",
              "a loss that requires no gradient", "no .detach(), .item() or torch.no_grad() in the loss")


def _loss_case(sol, case):
    batch, shape, steps, f64, t_given, noise_given, seed = case
    dtype = torch.float64 if f64 else torch.float32
    g = _gen(seed)
    x0 = torch.randn(batch, *shape, generator=g, dtype=dtype)
    t = torch.randint(0, steps, (batch,), generator=g) if t_given else None
    noise = torch.randn(batch, *shape, generator=g, dtype=dtype) if noise_given else None
    dims = ", ".join(str(s) for s in (batch, *shape))
    what = (f"noise_prediction_loss(model, x0 {dtype} [{dims}], alpha_bar [{steps}], "
            f"t={'given' if t_given else 'None'}, noise={'given' if noise_given else 'None'}, "
            f"generator=torch.Generator().manual_seed({seed % 1000}))")
    _check_loss(sol, x0, _random_schedule(steps, seed), t, noise, seed % 1000, what)


def test_noise_loss(sol):
    alpha_bar = _schedule()
    # A plain case first: DNA in model space, t and noise given (t = 0 and t = 99 among them).
    x0 = _dna(5, seed=1)
    t, noise = torch.tensor([0, 99, 50, 1, 7]), torch.randn(5, 48, generator=_gen(0))
    _check_loss(sol, x0, alpha_bar, t, noise, 0, "noise_prediction_loss(model, x0 [5, 48], alpha_bar [100], "
                "t = [0, 99, 50, 1, 7], noise)")
    # One-hot DNA [B, 4, L] as it is, and a batch as long as a sample ([6, 6]): one alpha_bar per SAMPLE.
    onehot = gc_labelled_dna(3, 12, seed=2)[0] * 2 - 1
    _check_loss(sol, onehot, alpha_bar, torch.tensor([3, 80, 40]), None, 1,
                "noise_prediction_loss(model, x0 [3, 4, 12], alpha_bar [100], t = [3, 80, 40], generator)")
    square = torch.randn(6, 6, generator=_gen(2))
    _check_loss(sol, square, alpha_bar, torch.tensor([0, 10, 30, 60, 90, 99]), None, 2,
                "noise_prediction_loss(model, x0 [6, 6], alpha_bar [100], t = [0, 10, 30, 60, 90, 99], "
                "generator)")
    # t and noise drawn from the generator (t first), in float64 too.
    _check_loss(sol, x0, alpha_bar, None, None, 3, "noise_prediction_loss(model, x0 [5, 48], alpha_bar "
                "[100], generator=torch.Generator().manual_seed(3))")
    _check_loss(sol, x0.double(), alpha_bar, None, None, 4, "noise_prediction_loss(model, x0 float64 "
                "[5, 48], alpha_bar [100], generator=torch.Generator().manual_seed(4))")
    # The defaults: no t, no noise, no generator: torch's global generator, t first.
    what = "noise_prediction_loss(model, x0 [5, 48], alpha_bar [100]) after torch.manual_seed(5)"
    recorder = _Recorder((48,), torch.float32, 17)
    found = ck.seeded(5, _call, sol.noise_prediction_loss, what, recorder, x0.clone(), alpha_bar.clone(),
                      hint=LOSS_HINT)
    t, noise = ck.seeded(5, _redraw, x0, 100, None, None, None)
    _expect_loss(found, recorder, x0, alpha_bar, t, noise, what)
    # With a generator, torch's global random state is untouched and the result deterministic.
    what = "noise_prediction_loss(model, x0 [5, 48], alpha_bar [100], generator)"
    losses = ck.under_global_seeds(
        lambda: _call(sol.noise_prediction_loss, what, _Recorder((48,), torch.float32, 17), x0.clone(),
                      alpha_bar.clone(), generator=_gen(6), hint=LOSS_HINT).item(),
        what, "draw t and the noise from the generator you are given (generator=generator in torch.randint "
              "and torch.randn)")
    ck.expect(losses[0] == losses[1], f"{what}: the same loss under two different global seeds",
              f"{losses[0]:.6g} and {losses[1]:.6g}", LOSS_HINT)
    ck.for_all(LOSS_CASES, lambda c: _loss_case(sol, c), max_examples=30)


def _evaluation_loss(model, x0, alpha_bar, t, noise):
    """The graders' own noising (fixed t and noise) and MSE to the noise, without gradients."""
    ab = alpha_bar[t].reshape(-1, 1)
    xt = (ab.sqrt() * x0.double() + (1 - ab).sqrt() * noise.double()).float()
    with torch.no_grad():
        return (model(xt, t).double() - noise.double()).pow(2).mean().item()


def _recorded_training(sol, model, x0, alpha_bar, call):
    """train_denoiser(model, x0, alpha_bar, generator) with its defaults, once, under a global seed it must
    not move; records every optimizer step (type, lr) and the shape of every input of the model."""
    steps, inputs = [], []

    def after_step(optimizer, args, kwargs):
        steps.append((type(optimizer).__name__, optimizer.param_groups[0].get("lr")))

    handles = [register_optimizer_step_post_hook(after_step),
               model.register_forward_pre_hook(lambda module, args: inputs.append(tuple(args[0].shape)))]
    try:
        losses = ck.under_global_seeds(
            lambda: _call(sol.train_denoiser, call, model, x0.clone(), alpha_bar.clone(), generator=_gen(0),
                          hint=TRAIN_HINT),
            call, "draw every random number (batches, t, noise) from the generator you are given",
            seeds=(1,))[0]
    finally:
        for handle in handles:
            handle.remove()
    return losses, steps, inputs


def test_learns(sol):
    alpha_bar = _schedule()
    x0 = _dna(256, seed=0)
    held_out = _dna(200, seed=1)
    t = torch.arange(100).repeat(2)
    noise = torch.randn(200, 48, generator=_gen(2))
    model = ck.build_model(sol.DenoisingModel, 48, hidden=128, what="DenoisingModel(48, hidden=128)")
    before = _evaluation_loss(model, held_out, alpha_bar, t, noise)
    call = ("train_denoiser(model, x0 [256, 48], alpha_bar [100], "
            "generator=torch.Generator().manual_seed(0)) (default steps, batch_size, lr)")
    losses, steps, inputs = _recorded_training(sol, model, x0, alpha_bar, call)
    wanted = ("Adam", DEFAULT_LR)
    ck.expect(len(steps) == DEFAULT_STEPS and set(steps) == {wanted},
              f"{call}: {DEFAULT_STEPS} optimizer steps of torch.optim.Adam with lr={DEFAULT_LR} (the "
              f"defaults steps={DEFAULT_STEPS}, lr={DEFAULT_LR})",
              f"{len(steps)} steps of " + ", ".join(f"{k}(lr={v})" for k, v in sorted(set(steps), key=str)),
              TRAIN_HINT)
    ck.expect(set(inputs) == {(DEFAULT_BATCH, 48)}, f"{call}: every input of the model a batch "
              f"[{DEFAULT_BATCH}, 48] (the default batch_size={DEFAULT_BATCH})", str(sorted(set(inputs))),
              TRAIN_HINT)
    ck.expect_float_list(losses, DEFAULT_STEPS, f"the losses returned by {call}", per="optimizer step")
    after = _evaluation_loss(model, held_out, alpha_bar, t, noise)
    ck.expect(after <= before / LEARN_FACTOR,
              f"after {call}: the graders' evaluation loss (200 held-out sequences, each t = 0..99 twice, "
              f"fixed noise: mean (model(xt, t) - noise)^2) to fall by at least {LEARN_FACTOR}x, from "
              f"{before:.4f} to <= {before / LEARN_FACTOR:.4f}",
              f"{after:.4f} ({before / after:.2f}x)" if after > 0 else f"{after:.4f}",
              TRAIN_HINT + "; " + LOSS_HINT)


class _OnDevice(nn.Module):
    """A DenoisingModel with the embedding and both kinds of loss (t and noise given; both drawn), the
    schedule built on the CPU as schedules are."""

    def __init__(self, sol, draws=True):
        super().__init__()
        self.model = sol.DenoisingModel(48, hidden=32)
        self.embedding, self.loss, self.draws = sol.sinusoidal_embedding, sol.noise_prediction_loss, draws

    def forward(self, x):
        t = torch.arange(x.shape[0], device=x.device) * 13 % 100
        alpha_bar = _schedule()
        out = (self.model(x, t), self.embedding(t, EMB_DIM),
               self.loss(self.model, x, alpha_bar, t, x.flip(0)))
        return out + (self.loss(self.model, x, alpha_bar),) if self.draws else out


def test_follows_device(sol):
    ck.expect_follows_device(lambda: ck.build_model(_OnDevice, sol, what="DenoisingModel(48, hidden=32)"),
                             _dna(5, seed=4), "DenoisingModel(48, hidden=32), sinusoidal_embedding (on t's "
                             "device) and noise_prediction_loss (alpha_bar on the CPU; t and noise drawn "
                             "with device=x0.device)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.build_model(_OnDevice, sol, False, what="DenoisingModel(48, hidden=32)"),
                          _dna(8, seed=5), "DenoisingModel(48, hidden=32), sinusoidal_embedding and "
                          "noise_prediction_loss (t and noise given)")
