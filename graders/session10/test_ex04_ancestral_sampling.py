"""Graders: session 10, exercise 4 (ancestral sampling: DiffusionProcess with q_sample, p_sample and
sample, checked with an oracle denoiser)."""
import math

import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session10 import gc_labelled_dna

F32 = dict(rtol=1e-4, atol=1e-5)
F64 = dict(rtol=1e-9, atol=1e-12)
ATTRIBUTES = ("betas", "alphas", "alpha_bar", "alpha_bar_prev", "posterior_variance")
# The marginal check: N_DRAWS draws of x_t ~ q(x_t | c) per step, c of 8 coordinates; every coordinate's mean
# and variance of p_sample's output within SE_BAR standard errors of q(x_(t-1) | c)'s. Reference over 20 seeds
# (of c and of the draws): at most 3.4 standard errors; the wrong variances and coefficients: 42 to 233.
N_DRAWS, SE_BAR, MARGINAL_SEED = 20_000, 5.0, 0
# The chain with the oracle ends at c: reference (float32) at most 5e-7 from c over 20 seeds; noise at t = 0
# too: 0.08 and more.
END_ATOL = 1e-4
# The graders' full chain in float64 from the same draws vs the reference's float32 chain: at most 2e-6.
CHAIN_TOL = dict(rtol=1e-4, atol=1e-4)

# (steps, seed) for generated schedules
SCHEDULE_CASES = st.tuples(st.integers(1, 40), st.integers(0, 2**31 - 1))

SCHEDULE_HINT = ("betas None: torch.linspace(1e-4 * 1000 / T, 0.02 * 1000 / T, T, dtype=torch.float64); "
                 "alphas = 1 - betas; alpha_bar = cumulative product of alphas; alpha_bar_prev = "
                 "alpha_bar shifted right by one with 1 first; posterior_variance = betas * (1 - "
                 "alpha_bar_prev) / (1 - alpha_bar); all float64 [T], computed in float64")
Q_HINT = ("q_sample: sqrt(alpha_bar[t]) * x0 + sqrt(1 - alpha_bar[t]) * noise with one t per sample: the "
          "gathered values viewed as [B, 1, ..., 1] (not broadcast along the last axis), cast to x0's dtype "
          "and device")
MEAN_HINT = ("mean = (x_t - betas[t] / sqrt(1 - alpha_bar[t]) * eps) / sqrt(alphas[t]) with eps = "
             "model(x_t, t_batch): alpha_bar (cumulative) under the square root next to eps, alphas (one "
             "step) in the division")
VAR_HINT = ("the noise of the step at t > 0 is sqrt(posterior_variance[t]) * z with posterior_variance[t] "
            "= betas[t] (1 - alpha_bar_prev[t]) / (1 - alpha_bar[t]): the standard deviation is the SQUARE "
            "ROOT of the variance, and the variance is the posterior's (beta tilde), not betas[t]")
T0_HINT = "the step at t = 0 returns the mean itself: no noise at the last step"
TIME_HINT = ("the model gets t_batch = torch.full((B,), t, dtype=torch.long, device=x_t.device): the 0-based "
             "step itself (not t + 1); sample runs t = T-1, T-2, ..., 0")
GRAD_HINT = ("decorate p_sample and sample with @torch.no_grad() (or use with torch.no_grad():); sample "
             "puts the model in eval mode and restores its mode (model.train(was_training)) at the end")
RNG_HINT = ("with a generator ALL random numbers come from it: x_T = torch.randn(shape, generator=generator, "
            "device=device), then one z = torch.randn(x.shape, generator=generator, dtype=x.dtype, "
            "device=x.device) for each step t = T-1, ..., 1 (none at t = 0); q_sample draws its noise the "
            "same way when noise is None")


# ---------------------------------------------------------------- trusted pieces ----

def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _call(fn, what, *args, hint, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _linear_betas(steps, first, last):
    """first + (last - first) * i / (steps - 1) for i = 0, ..., steps - 1, from Python floats."""
    if steps == 1:
        return torch.tensor([first], dtype=torch.float64)
    return torch.tensor([first + (last - first) * i / (steps - 1) for i in range(steps)], dtype=torch.float64)


def _cosine_betas(steps, s=0.008):
    """The cosine schedule (Nichol and Dhariwal 2021), betas clipped at 0.999."""
    f = [math.cos((i / steps + s) / (1 + s) * math.pi / 2) ** 2 for i in range(steps + 1)]
    return torch.tensor([min(1 - f[i + 1] / f[i], 0.999) for i in range(steps)], dtype=torch.float64)


def _random_betas(steps, seed):
    return 1e-4 + 0.5 * torch.rand(steps, generator=_gen(seed), dtype=torch.float64)


def _schedule(betas):
    """Every schedule quantity, one Python float at a time."""
    b = [float(v) for v in betas]
    alphas = [1.0 - v for v in b]
    products, running = [], 1.0
    for a in alphas:
        running = running * a
        products.append(running)
    before = [1.0] + products[:-1]
    posterior = [b[i] * (1.0 - before[i]) / (1.0 - products[i]) for i in range(len(b))]
    values = dict(betas=b, alphas=alphas, alpha_bar=products, alpha_bar_prev=before,
                  posterior_variance=posterior)
    return {k: torch.tensor(v, dtype=torch.float64) for k, v in values.items()}


def _check_steps(t, x, steps):
    """What every denoiser of the graders asks of its t."""
    ck.expect(isinstance(t, torch.Tensor) and t.dtype == torch.int64 and tuple(t.shape) == (x.shape[0],),
              f"the model called as model(x_t, t_batch), t_batch an int64 tensor of shape ({x.shape[0]},)",
              f"{type(t).__name__} {getattr(t, 'dtype', '')} {tuple(getattr(t, 'shape', ()))}", TIME_HINT)
    ck.expect(t.device == x.device, "t_batch on x_t's device", f"t_batch on {t.device}, x_t on {x.device}",
              TIME_HINT)
    if t.device.type != "meta" and t.numel():
        low, high = int(t.min()), int(t.max())
        ck.expect(0 <= low and high < steps, f"every step given to the model in 0..{steps - 1} (0-based)",
                  f"t_batch from {low} to {high}", TIME_HINT)


class _Oracle(nn.Module):
    """A denoiser without parameters that predicts the clean data x0_hat exactly as a target: c (a fixed
    point, broadcast over the batch) or, with c None, tanh(1.5 x_t); its noise prediction is
    (x_t - sqrt(alpha_bar[t]) x0_hat) / sqrt(1 - alpha_bar[t]), in float64, returned in x_t's dtype.
    For the point mass c, that is the exact noise."""

    def __init__(self, betas, c=None):
        super().__init__()
        self.steps = len(betas)
        self.register_buffer("alpha_bar", _schedule(betas)["alpha_bar"])
        self.register_buffer("c", None if c is None else c.double())

    def target(self, x):
        return torch.tanh(1.5 * x) if self.c is None else self.c.expand_as(x)

    def forward(self, x, t):
        _check_steps(t, x, self.steps)
        ab = self.alpha_bar[t].view(-1, *([1] * (x.dim() - 1)))
        wide = x.double()
        return ((wide - ab.sqrt() * self.target(wide)) / (1 - ab).sqrt()).to(x.dtype)


def _trusted_step(model, sched, x, t, z=None):
    """One reverse step in float64: the DDPM mean from the model's noise, plus sqrt(beta tilde) z."""
    x = x.double()
    eps = model(x, torch.full((x.shape[0],), t, dtype=torch.long)).double()
    b, ab, a = float(sched["betas"][t]), float(sched["alpha_bar"][t]), float(sched["alphas"][t])
    mean = (x - b * eps / math.sqrt(1.0 - ab)) / math.sqrt(a)
    if z is None:
        return mean
    return mean + math.sqrt(float(sched["posterior_variance"][t])) * z.double()


def _trusted_chain(model, betas, shape, seed):
    """The whole chain in float64 from the same float32 draws: x_T first, then one z per step t >= 1."""
    sched = _schedule(betas)
    g = _gen(seed)
    x = torch.randn(shape, generator=g)
    for t in reversed(range(len(betas))):
        z = torch.randn(shape, generator=g) if t > 0 else None
        x = _trusted_step(model, sched, x, t, z)
    return x


def _dna_points(n, length, seed):
    """x0 = 2 * onehot - 1 flattened: [n, 4 * length], values -1 and 1."""
    onehot, _ = gc_labelled_dna(n, length, seed=seed)
    return (2 * onehot - 1).reshape(n, -1)


def _process(sol, what, *args, **kwargs):
    return _call(sol.DiffusionProcess, what, *args, hint=SCHEDULE_HINT, **kwargs)


# ---------------------------------------------------------------- checks ------------

def _expect_schedule(process, betas, what):
    trusted = _schedule(betas)
    steps = len(betas)
    found = getattr(process, "num_timesteps", None)
    ck.expect(found == steps, f"{what}.num_timesteps == {steps}", repr(found), SCHEDULE_HINT)
    for name in ATTRIBUTES:
        value = getattr(process, name, None)
        ck.expect_tensor(value, f"{what}.{name}", (steps,), torch.float64, SCHEDULE_HINT)
        ck.expect_close(value, trusted[name], f"{what}.{name}", SCHEDULE_HINT, **F64)
    ck.expect(float(process.alpha_bar_prev[0]) == 1.0 and float(process.posterior_variance[0]) == 0.0,
              f"{what}: alpha_bar_prev[0] exactly 1 and posterior_variance[0] exactly 0",
              f"{float(process.alpha_bar_prev[0])!r} and {float(process.posterior_variance[0])!r}",
              SCHEDULE_HINT)


def _check_given(sol, case):
    steps, seed = case
    betas = _random_betas(steps, seed)
    what = f"DiffusionProcess(num_timesteps={steps}, betas=<float64 [{steps}] in [1e-4, 0.5]>)"
    _expect_schedule(_process(sol, what, num_timesteps=steps, betas=betas.clone()), betas, what)


def _expect_q_sample(sol, process, betas, x0, t, what, tol):
    noise = torch.randn(x0.shape, generator=_gen(21), dtype=x0.dtype)
    found = _call(process.q_sample, what, x0, t, noise, hint=Q_HINT)
    ck.expect_tensor(found, what, tuple(x0.shape), x0.dtype, Q_HINT)
    ab = _schedule(betas)["alpha_bar"]
    rows = [math.sqrt(ab[s]) * x0[i].double() + math.sqrt(1.0 - ab[s]) * noise[i].double()
            for i, s in enumerate(t.tolist())]
    ck.expect_close(found, torch.stack(rows), f"{what}: sqrt(alpha_bar[t_i]) x0_i + sqrt(1 - alpha_bar[t_i]) "
                    "noise_i for each sample i", Q_HINT, **tol)


def test_process_schedule(sol):
    what = "DiffusionProcess()"
    _expect_schedule(_process(sol, what), _linear_betas(1000, 1e-4, 0.02), what)
    what = "DiffusionProcess(100)"
    process = _process(sol, what, 100)
    _expect_schedule(process, _linear_betas(100, 1e-3, 0.2), what + " (betas from 1e-3 to 0.2, "
                     "alpha_bar[99] = 2.0e-5)")
    what = "DiffusionProcess(num_timesteps=50, betas=<the cosine schedule>)"
    _expect_schedule(_process(sol, what, num_timesteps=50, betas=_cosine_betas(50)), _cosine_betas(50), what)
    ck.for_all(SCHEDULE_CASES, lambda case: _check_given(sol, case), max_examples=15)
    # q_sample with given noise: one step per sample, broadcast over every non-batch axis.
    x0 = _dna_points(5, 12, seed=3).view(5, 4, 12)
    t = torch.tensor([0, 99, 7, 42, 63])
    linear = _linear_betas(100, 1e-3, 0.2)
    what = "DiffusionProcess(100).q_sample(x0 float32 [5, 4, 12], t=[0, 99, 7, 42, 63], noise)"
    _expect_q_sample(sol, process, linear, x0, t, what, F32)
    x0 = torch.randn(6, 6, generator=_gen(4), dtype=torch.float64)
    t = torch.tensor([5, 0, 99, 50, 20, 77])
    what = "DiffusionProcess(100).q_sample(x0 float64 [6, 6], t=[5, 0, 99, 50, 20, 77], noise)"
    _expect_q_sample(sol, process, linear, x0, t, what, F64)


MARGINAL_CASES = (("the linear schedule 1e-3..0.2, T = 100", _linear_betas(100, 1e-3, 0.2), (1, 10, 50, 99)),
                  ("the cosine schedule, T = 50", _cosine_betas(50), (1, 25, 49)))


def test_p_sample_marginals(sol):
    c = _dna_points(1, 2, seed=0)[0].double()  # 8 coordinates, each -1 or 1
    dims = c.numel()
    for name, betas, steps in MARGINAL_CASES:
        sched = _schedule(betas)
        process = _process(sol, f"DiffusionProcess(num_timesteps={len(betas)}, betas=<{name}>)",
                           num_timesteps=len(betas), betas=betas.clone())
        oracle = _Oracle(betas, c)
        for t in steps:
            seed = 1000 * MARGINAL_SEED + 10 * len(betas) + t
            ab, before = float(sched["alpha_bar"][t]), float(sched["alpha_bar_prev"][t])
            x_t = (math.sqrt(ab) * c + math.sqrt(1 - ab) * torch.randn(N_DRAWS, dims, generator=_gen(seed),
                                                                       dtype=torch.float64)).float()
            what = (f"p_sample(oracle for c, x_t, t={t}, generator) on {N_DRAWS:,} draws x_t ~ q(x_t | c) "
                    f"[{N_DRAWS}, {dims}], {name}")
            out = _call(process.p_sample, what, oracle, x_t, t, generator=_gen(seed + 1), hint=MEAN_HINT)
            ck.expect_tensor(out, what, (N_DRAWS, dims), torch.float32, MEAN_HINT)
            out = out.detach().double()
            ck.expect_finite(out, what)
            mean, var = out.mean(0), out.var(0)
            want_mean, want_var = math.sqrt(before) * c, 1.0 - before
            z_mean = (mean - want_mean).abs() / math.sqrt(want_var / N_DRAWS)
            z_var = (var - want_var).abs() / (want_var * math.sqrt(2.0 / (N_DRAWS - 1)))
            worst = int(torch.maximum(z_mean, z_var).argmax())
            z = max(float(z_mean[worst]), float(z_var[worst]))
            ck.expect(z <= SE_BAR, f"{what}: every coordinate's mean sqrt(alpha_bar[t-1]) c and variance "
                      f"1 - alpha_bar[t-1] = {want_var:.4g} (those of q(x_(t-1) | c)) within {SE_BAR:g} "
                      "standard errors",
                      f"coordinate {worst}: mean {float(mean[worst]):.5g} (expected "
                      f"{float(want_mean[worst]):.5g}), variance {float(var[worst]):.5g} (expected "
                      f"{want_var:.5g}): {z:.1f} standard errors off",
                      MEAN_HINT + "; " + VAR_HINT)


def test_chain_ends_at_c(sol):
    points = _dna_points(3, 12, seed=1)  # three sequences, [3, 48]
    process = _process(sol, "DiffusionProcess(100)", 100)
    cases = [(process, _linear_betas(100, 1e-3, 0.2), points[i], f"DiffusionProcess(100), c = sequence {i}")
             for i in range(3)]
    cosine = _process(sol, "DiffusionProcess(num_timesteps=50, betas=<cosine>)", num_timesteps=50,
                      betas=_cosine_betas(50))
    cases.append((cosine, _cosine_betas(50), 2 * torch.randn(10, generator=_gen(5), dtype=torch.float64),
                  "the cosine schedule T = 50, c of 10 values drawn from N(0, 4)"))
    for i, (proc, betas, c, name) in enumerate(cases):
        shape = (8, c.numel())
        what = f"sample(oracle for c, {shape}, generator) ({name})"
        out = _call(proc.sample, what, _Oracle(betas, c), shape, generator=_gen(30 + i), hint=T0_HINT)
        ck.expect_tensor(out, what, shape, torch.float32, "x_T = torch.randn(shape, ...) in float32")
        gap = (out.detach().double() - c).abs()
        ck.expect(bool(gap.max() <= END_ATOL), f"{what}: every chain ends within {END_ATOL:g} of c (with the "
                  "exact denoiser, the last step's mean is c itself)",
                  f"{float(gap.max()):.4g} from c at worst (chain {int(gap.max(1).values.argmax())})",
                  T0_HINT + "; " + MEAN_HINT)
    # The step at t = 0 returns the mean: no noise, whatever the generator.
    at_zero = ((torch.float32, process, _linear_betas(100, 1e-3, 0.2), (6, 48), F32),
               (torch.float64, cosine, _cosine_betas(50), (4, 10), F64))
    for dtype, proc, betas, shape, tol in at_zero:
        x = torch.randn(shape, generator=_gen(6), dtype=dtype)
        model = _Oracle(betas)
        what = f"p_sample(a denoiser, x_t {dtype} {list(shape)}, t=0, generator)"
        first = _call(proc.p_sample, what, model, x, 0, generator=_gen(1), hint=T0_HINT)
        second = _call(proc.p_sample, what, model, x, 0, generator=_gen(2), hint=T0_HINT)
        ck.expect_tensor(first, what, shape, dtype, T0_HINT)
        ck.expect(torch.equal(first, second), f"{what}: the same output with two different generators (no "
                  "noise at t = 0)", "outputs that depend on the generator", T0_HINT)
        trusted = _trusted_step(model, _schedule(betas), x, 0)
        ck.expect_close(first, trusted, f"{what}: the mean (x_0 - betas[0] / sqrt(1 - alpha_bar[0]) eps) / "
                        "sqrt(alphas[0])", T0_HINT + "; " + MEAN_HINT, **tol)


class _Recorder(nn.Module):
    """A denoiser with one parameter that records every call: (t_batch, grad enabled, training)."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.tensor(0.5))
        self.calls = []

    def forward(self, x, t):
        self.calls.append((t.detach().clone() if isinstance(t, torch.Tensor) else t, torch.is_grad_enabled(),
                           self.training))
        return self.weight * torch.tanh(x)


def _expect_calls(calls, steps, batch, what):
    ck.expect(len(calls) == len(steps), f"{what}: {len(steps)} calls of the model", f"{len(calls)} calls",
              TIME_HINT)
    for (t, _, _), step in zip(calls, steps):
        ok = isinstance(t, torch.Tensor) and t.dtype == torch.int64 and tuple(t.shape) == (batch,)
        ck.expect(ok and t.device.type == "cpu", f"{what}: t_batch an int64 tensor of shape ({batch},) on "
                  "x's device (the CPU here)", f"{type(t).__name__} {getattr(t, 'dtype', '')} "
                  f"{tuple(getattr(t, 'shape', ()))}", TIME_HINT)
    seen = [sorted(set(t.tolist())) for t, _, _ in calls]
    order = f"{steps[0]}, {steps[1]}, ..., {steps[-1]} in that order" if len(steps) > 1 else str(steps[0])
    ck.expect(seen == [[s] for s in steps], f"{what}: the model given t = {order} (one value per call, the "
              "same for the whole batch)",
              "t = " + ", ".join(str(s[0]) if len(s) == 1 else str(s) for s in seen[:6])
              + (", ..." if len(seen) > 6 else ""), TIME_HINT)
    grads = [g for _, g, _ in calls]
    ck.expect(not any(grads), f"{what}: torch.is_grad_enabled() False in every call of the model",
              f"gradients enabled in {sum(grads)} of {len(grads)} calls", GRAD_HINT)


def test_reverse_order_no_grad(sol):
    betas = _linear_betas(25, 1e-3, 0.3)
    process = _process(sol, "DiffusionProcess(num_timesteps=25, betas=...)", num_timesteps=25, betas=betas)
    model = _Recorder().train()
    what = "sample(a recording model in train mode, (3, 8), generator)"
    with torch.enable_grad():
        out = _call(process.sample, what, model, (3, 8), generator=_gen(40), hint=TIME_HINT)
    ck.expect_tensor(out, what, (3, 8), torch.float32, TIME_HINT)
    _expect_calls(model.calls, list(range(24, -1, -1)), 3, what)
    ck.expect(not out.requires_grad, f"{what}: a sample that requires no gradient", "requires_grad=True",
              GRAD_HINT)
    modes = [m for _, _, m in model.calls]
    ck.expect(not any(modes), f"{what}: the model in eval mode in every call",
              f"train mode in {sum(modes)} of {len(modes)} calls", GRAD_HINT)
    ck.expect(model.training, f"{what}: the model back in train mode after sampling", "left in eval mode",
              GRAD_HINT)
    model = _Recorder().eval()
    what = "sample(a recording model in eval mode, (3, 8), generator)"
    _call(process.sample, what, model, (3, 8), generator=_gen(41), hint=TIME_HINT)
    ck.expect(not model.training, f"{what}: the model still in eval mode after sampling", "put in train mode",
              GRAD_HINT)
    # p_sample on its own turns gradients off too.
    model = _Recorder()
    what = "p_sample(a recording model, x_t [3, 8], t=4, generator) with gradients enabled"
    with torch.enable_grad():
        out = _call(process.p_sample, what, model, torch.randn(3, 8, generator=_gen(42)), 4,
                    generator=_gen(43), hint=TIME_HINT)
    _expect_calls(model.calls, [4], 3, what)
    ck.expect(not out.requires_grad, f"{what}: an output that requires no gradient", "requires_grad=True",
              GRAD_HINT)


def _expect_global_state_kept(run, what):
    results = ck.under_global_seeds(run, what, RNG_HINT)
    ck.expect(torch.equal(results[0], results[1]), f"{what}: the same result under two global seeds",
              "different results", RNG_HINT)
    return results[0]


def test_seeded_sampling(sol):
    linear = _linear_betas(100, 1e-3, 0.2)
    process = _process(sol, "DiffusionProcess(100)", 100)
    model = _Oracle(linear)
    # p_sample's noise: the graders redraw z from a generator of the same seed (in x's dtype).
    x = torch.randn(5, 8, generator=_gen(10))
    what = "DiffusionProcess(100).p_sample(a denoiser, x_t float32 [5, 8], t=7, generator=seed 11)"
    found = _expect_global_state_kept(lambda: _call(process.p_sample, what, model, x, 7, generator=_gen(11),
                                                    hint=RNG_HINT), what)
    trusted = _trusted_step(model, _schedule(linear), x, 7, torch.randn(5, 8, generator=_gen(11)))
    ck.expect_close(found, trusted, f"{what}: the mean plus sqrt(beta tilde[7]) z, z = torch.randn(x.shape, "
                    "generator=torch.Generator().manual_seed(11), dtype=x.dtype)", RNG_HINT + "; " + VAR_HINT)
    cosine = _cosine_betas(50)
    proc = _process(sol, "DiffusionProcess(num_timesteps=50, betas=<cosine>)", num_timesteps=50, betas=cosine)
    x = torch.randn(3, 4, 6, generator=_gen(12), dtype=torch.float64)
    what = "p_sample(a denoiser, x_t float64 [3, 4, 6], t=30, generator=seed 13) (cosine, T = 50)"
    found = _call(proc.p_sample, what, _Oracle(cosine), x, 30, generator=_gen(13), hint=RNG_HINT)
    ck.expect_tensor(found, what, (3, 4, 6), torch.float64, RNG_HINT)
    z = torch.randn(3, 4, 6, generator=_gen(13), dtype=torch.float64)
    ck.expect_close(found, _trusted_step(_Oracle(cosine), _schedule(cosine), x, 30, z),
                    f"{what}: z drawn in float64 (dtype=x.dtype)", RNG_HINT + "; " + VAR_HINT, **F64)
    # Without a generator: the global generator, after torch.manual_seed(3).
    x = torch.randn(4, 8, generator=_gen(14))
    what = "p_sample(a denoiser, x_t [4, 8], t=50) with no generator, after torch.manual_seed(3)"
    found = ck.seeded(3, _call, process.p_sample, what, model, x, 50, hint=RNG_HINT)
    z = ck.seeded(3, torch.randn, 4, 8)
    ck.expect_close(found, _trusted_step(model, _schedule(linear), x, 50, z),
                    f"{what}: z = torch.randn(x.shape) from the global generator", RNG_HINT)
    # q_sample draws its noise the same way when none is given.
    x0 = _dna_points(4, 12, seed=2)
    t = torch.tensor([3, 60, 0, 99])
    what = "q_sample(x0 float32 [4, 48], t=[3, 60, 0, 99], generator=seed 15) (no noise given)"
    found = _expect_global_state_kept(lambda: _call(process.q_sample, what, x0, t, generator=_gen(15),
                                                    hint=RNG_HINT), what)
    noise = torch.randn(4, 48, generator=_gen(15)).double()
    ab = _schedule(linear)["alpha_bar"][t].view(-1, 1)
    ck.expect_close(found, ab.sqrt() * x0.double() + (1 - ab).sqrt() * noise,
                    f"{what}: the noise torch.randn(x0.shape, generator=..., dtype=x0.dtype)", RNG_HINT)
    # The whole chain: x_T, then one z per step t = T-1, ..., 1, all from the generator.
    short = _linear_betas(25, 1e-3, 0.3)
    proc = _process(sol, "DiffusionProcess(num_timesteps=25, betas=...)", num_timesteps=25, betas=short)
    what = "sample(a denoiser, (4, 8), generator=seed 16) (T = 25)"
    found = _expect_global_state_kept(lambda: _call(proc.sample, what, _Oracle(short), (4, 8),
                                                    generator=_gen(16), hint=RNG_HINT), what)
    ck.expect_tensor(found, what, (4, 8), torch.float32, RNG_HINT)
    ck.expect_close(found, _trusted_chain(_Oracle(short), short, (4, 8), 16),
                    f"{what}: the graders' chain from the same draws, in float64", RNG_HINT, **CHAIN_TOL)


DEVICE_STEPS = 6


class _Device(nn.Module):
    """The process at work on the data's device: q_sample (drawn and given noise), p_sample at t = 5 and
    t = 0, and sample, with the oracle (a module: its buffers move with .to(device))."""

    def __init__(self, sol, random=True):
        super().__init__()
        betas = _linear_betas(DEVICE_STEPS, 1e-3, 0.3)
        self.process = sol.DiffusionProcess(num_timesteps=DEVICE_STEPS, betas=betas)
        self.oracle = _Oracle(betas, _dna_points(1, 12, seed=7)[0])
        self.random = random

    def forward(self, x):
        proc = self.process
        t = torch.arange(x.shape[0], device=x.device) * 3 % DEVICE_STEPS
        out = [proc.q_sample(x, t, 0.5 * x.flip(0)), proc.p_sample(self.oracle, x, 0),
               proc.sample(self.oracle, tuple(x.shape), device=x.device)]
        if self.random:
            out += [proc.q_sample(x, t), proc.p_sample(self.oracle, x, 5)]
        return tuple(out)


def test_follows_device(sol):
    x = _dna_points(4, 12, seed=8)
    ck.expect_follows_device(lambda: ck.seeded(0, _Device, sol), x,
                             "q_sample, p_sample and sample(..., device=x.device) (schedules kept on the "
                             "CPU, gathered onto the data's device)")


def test_cuda_parity(sol):
    x = _dna_points(4, 12, seed=9)
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Device, sol, random=False), x,
                          "q_sample with given noise, p_sample at t = 0 and sample with the oracle")
