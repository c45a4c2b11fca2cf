"""Graders: session 10, exercise 1 (forward diffusion: linear_alpha_bar, forward_diffusion)."""
import math

import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session10 import gc_labelled_dna

F64 = dict(rtol=1e-9, atol=1e-12)
F32 = dict(rtol=1e-5, atol=1e-6)
SCHEDULE_TOL = dict(rtol=1e-9, atol=1e-15)
STEPS, BETA_START, BETA_END = 100, 1e-3, 0.2  # the graders' short chain: alpha_bar[99] = 2.0e-5
MOMENT_STEPS = (0, 10, 30, 99)                # the steps of marginal_moments
DRAWS = 2000                                  # draws per step in marginal_moments
Z_BAR = 5.0                                   # standard errors allowed in marginal_moments

# Generated cases of linear_alpha_bar: (T, beta_start, beta_end)
SCHEDULES = st.tuples(st.integers(2, 300), st.floats(1e-5, 0.05), st.floats(0.05, 0.5))
# Generated cases of forward_diffusion: (batch, shape of one sample, steps, cosine?, float64 data?,
# float64 schedule?, seed)
SAMPLE_SHAPES = st.one_of(st.tuples(st.integers(1, 8)), st.tuples(st.just(4), st.integers(1, 6)),
                          st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)))
FORMULA_CASES = st.tuples(st.integers(1, 6), SAMPLE_SHAPES, st.integers(1, 100), st.booleans(),
                          st.booleans(), st.booleans(), st.integers(0, 2**31 - 1))

SCHEDULE_HINT = ("betas = torch.linspace(beta_start, beta_end, num_timesteps, dtype=torch.float64), then the "
                 "running product of alphas = 1 - betas (torch.cumprod): alpha_bar[t] is the product of "
                 "alphas[0..t], not alphas[t] itself; computed in float64 from the start")
FORMULA_HINT = ("xt = sqrt(a) * x0 + sqrt(1 - a) * noise with a = noise_schedule[t] (moved to x0's device, "
                "cast to x0's dtype) viewed as [B, 1, ..., 1]: one alpha_bar per sample, the square roots of "
                "a and of 1 - a (the standard deviation is sqrt(1 - a), not the variance 1 - a)")
BROADCAST_HINT = ("noise_schedule[t] has shape [B]: as it is, it lines up with x0's LAST axis, not the "
                  "batch; view it as [B, 1, ..., 1] (x0.shape[0] followed by x0.dim() - 1 ones)")
NOISE_HINT = ("noise given: use it as it is and return it; noise=None: draw noise = torch.randn(x0.shape, "
              "generator=generator, dtype=x0.dtype, device=x0.device) (or torch.randn_like(x0, "
              "generator=generator)) and return it")
DTYPE_HINT = ("xt has x0's dtype: cast the gathered alpha_bar values to x0.dtype (a float64 schedule times "
              "float32 data gives float64)")


# ---------------------------------------------------------------- trusted pieces ----

def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _dtype(f64):
    return torch.float64 if f64 else torch.float32


def _trusted_alpha_bar(steps, start, end):
    """alpha_bar[t] = prod over s <= t of (1 - beta_s), beta_s = start + (end - start) s / (steps - 1): a loop
    over Python floats (float64)."""
    values, product = [], 1.0
    for s in range(steps):
        product *= 1.0 - (start + (end - start) * s / max(steps - 1, 1))
        values.append(product)
    return torch.tensor(values, dtype=torch.float64)


def _cosine_alpha_bar(steps, offset=0.008):
    """The cosine schedule, 0-based: alpha_bar[t] = f(t + 1) / f(0) with
    f(u) = cos((u / T + s) / (1 + s) pi / 2)^2."""
    f = [math.cos((u / steps + offset) / (1 + offset) * math.pi / 2) ** 2 for u in range(steps + 1)]
    return torch.tensor([f[u + 1] / f[0] for u in range(steps)], dtype=torch.float64)


def _short_chain():
    return _trusted_alpha_bar(STEPS, BETA_START, BETA_END)


def _dna(n, length, seed, flat=True):
    """x0 = 2 * onehot - 1 of gc_labelled_dna, [n, 4 * length] (flat) or [n, 4, length]."""
    x0 = 2 * gc_labelled_dna(n, length, seed=seed)[0] - 1
    return x0.reshape(n, 4 * length) if flat else x0


def _trusted_xt(x0, t, schedule, noise):
    """sqrt(a_i) x0_i + sqrt(1 - a_i) eps_i, one sample at a time, a_i = schedule[t_i] as a Python float."""
    rows = []
    for i, step in enumerate(t.tolist()):
        a = float(schedule[step])
        rows.append(math.sqrt(a) * x0[i].double() + math.sqrt(1.0 - a) * noise[i].double())
    return torch.stack(rows)


def _diffuse(sol, what, x0, t, schedule, *args, **kwargs):
    """The student's (xt, noise), both checked to be tensors of x0's shape and dtype."""
    out = ck.call(sol.forward_diffusion, x0, t, schedule, *args, what=what, hint=BROADCAST_HINT, **kwargs)
    ck.expect(isinstance(out, (tuple, list)) and len(out) == 2, f"{what} to return a pair (xt, noise)",
              type(out).__name__, "return xt, noise")
    xt, noise = out
    ck.expect_tensor(xt, f"{what}: xt", tuple(x0.shape), x0.dtype, hint=DTYPE_HINT)
    ck.expect_tensor(noise, f"{what}: noise", tuple(x0.shape), x0.dtype, hint=NOISE_HINT)
    return xt, noise


def _tol(x0, schedule):
    return F64 if x0.dtype == schedule.dtype == torch.float64 else F32


def _dims(x):
    return "[" + ", ".join(str(s) for s in x.shape) + "]"


# ---------------------------------------------------------------- checks ------------

def _check_schedule(sol, case, what=None):
    steps, start, end = case
    args = (steps, start, end)
    what = what or f"linear_alpha_bar({steps}, {start:.4g}, {end:.4g})"
    found = ck.call(sol.linear_alpha_bar, *args, what=what, hint=SCHEDULE_HINT)
    ck.expect_tensor(found, what, (steps,), torch.float64, hint=SCHEDULE_HINT)
    ck.expect_close(found, _trusted_alpha_bar(*args), f"{what}: the running product of 1 - beta_s in float64",
                    SCHEDULE_HINT, **SCHEDULE_TOL)


def test_linear_alpha_bar(sol):
    # The defaults: the DDPM schedule, 1000 steps from 1e-4 to 0.02 (alpha_bar[999] = 4.04e-5).
    what = "linear_alpha_bar() (defaults)"
    found = ck.call(sol.linear_alpha_bar, what=what, hint=SCHEDULE_HINT)
    ck.expect_tensor(found, what, (1000,), torch.float64, hint="the defaults are num_timesteps=1000, "
                     "beta_start=1e-4, beta_end=0.02; " + SCHEDULE_HINT)
    ck.expect_close(found, _trusted_alpha_bar(1000, 1e-4, 0.02), f"{what}: the running product of 1 - beta_s "
                    "in float64", SCHEDULE_HINT, **SCHEDULE_TOL)
    # The graders' short chain, and keywords.
    _check_schedule(sol, (STEPS, BETA_START, BETA_END))
    what = "linear_alpha_bar(num_timesteps=50, beta_start=0.01, beta_end=0.05)"
    found = ck.call(sol.linear_alpha_bar, what=what, hint=SCHEDULE_HINT, num_timesteps=50, beta_start=0.01,
                    beta_end=0.05)
    ck.expect_tensor(found, what, (50,), torch.float64, hint=SCHEDULE_HINT)
    ck.expect_close(found, _trusted_alpha_bar(50, 0.01, 0.05), what, SCHEDULE_HINT, **SCHEDULE_TOL)
    ck.for_all(SCHEDULES, lambda c: _check_schedule(sol, c), max_examples=20)


def _check_formula(sol, x0, t, schedule, noise, what):
    kept = x0.clone()
    xt, returned = _diffuse(sol, what, x0, t, schedule, noise)
    ck.expect(torch.equal(returned, noise), f"{what}: the noise it was given, returned as it is",
              "another tensor", NOISE_HINT)
    ck.expect(torch.equal(x0, kept), f"{what} to leave x0 unchanged", "x0 modified in place",
              "compute xt out of place")
    ck.expect_close(xt, _trusted_xt(x0, t, schedule, noise), f"{what}: xt = sqrt(alpha_bar[t_i]) x0_i + "
                    "sqrt(1 - alpha_bar[t_i]) noise_i for every sample i", FORMULA_HINT, **_tol(x0, schedule))


def _formula_case(sol, case):
    batch, shape, steps, cosine, f64, sched64, seed = case
    dtype = _dtype(f64)
    g = _gen(seed)
    schedule = _cosine_alpha_bar(steps) if cosine else _trusted_alpha_bar(steps, 0.1 / steps,
                                                                          min(20.0 / steps, 0.999))
    schedule = schedule if sched64 else schedule.float()
    t = torch.randint(0, steps, (batch,), generator=g)
    x0 = torch.randn(batch, *shape, generator=g, dtype=dtype)
    noise = torch.randn(batch, *shape, generator=g, dtype=dtype)
    kind = "cosine" if cosine else "linear"
    what = (f"forward_diffusion(x0 {dtype} {_dims(x0)}, t = {t.tolist()}, a {kind} {schedule.dtype} "
            f"schedule of {steps} steps, noise)")
    _check_formula(sol, x0, t, schedule, noise, what)


def test_matches_formula(sol):
    # A plain case first: 4 DNA sequences of 12 bases in model space, the short chain, mixed steps.
    x0, schedule = _dna(4, 12, seed=0), _short_chain()
    t = torch.tensor([0, 99, 10, 50])
    noise = torch.randn(x0.shape, generator=_gen(1))
    _check_formula(sol, x0, t, schedule, noise, "forward_diffusion(x0 float32 [4, 48], t = [0, 99, 10, 50], "
                   "linear_alpha_bar(100, 1e-3, 0.2), noise)")
    # One-hot layout [B, 4, L] in float64, the cosine schedule.
    x0 = _dna(3, 12, seed=2, flat=False).double()
    t = torch.tensor([5, 0, 99])
    noise = torch.randn(x0.shape, generator=_gen(3), dtype=torch.float64)
    _check_formula(sol, x0, t, _cosine_alpha_bar(STEPS), noise, "forward_diffusion(x0 float64 [3, 4, 12], "
                   "t = [5, 0, 99], the cosine schedule of 100 steps, noise)")
    ck.for_all(FORMULA_CASES, lambda c: _formula_case(sol, c), max_examples=40)


def _diagnose(found, x0, t, schedule, noise):
    """A hint naming the mistake when xt is what a known wrong broadcast gives."""
    a = schedule.double()[t].to(x0.dtype)
    candidates = []
    if x0.shape[-1] == x0.shape[0]:
        candidates.append((a.sqrt() * x0 + (1 - a).sqrt() * noise, "alpha_bar[t] of shape [B] multiplied as "
                           "it is: it broadcast along x0's last axis, so coordinate j of every sample used "
                           "alpha_bar[t[j]]. " + BROADCAST_HINT))
    first = a[0]
    candidates.append((first.sqrt() * x0 + (1 - first).sqrt() * noise, "every sample used alpha_bar[t[0]]: "
                       "one step per sample, alpha_bar[t] gathered for the whole t [B]. " + BROADCAST_HINT))
    for wrong, hint in candidates:
        if torch.allclose(found.double(), wrong.double(), rtol=1e-5, atol=1e-6):
            return hint
    return FORMULA_HINT


def _per_sample_case(sol, x0, t, seed):
    schedule = _short_chain()
    noise = torch.randn(x0.shape, generator=_gen(seed), dtype=x0.dtype)
    what = f"forward_diffusion(x0 {_dims(x0)}, t = {t.tolist()}, linear_alpha_bar(100, 1e-3, 0.2), noise)"
    xt, _ = _diffuse(sol, what, x0, t, schedule, noise)
    trusted = _trusted_xt(x0, t, schedule, noise)
    ck.expect_close(xt, trusted, f"{what}: sample i noised with alpha_bar[t[i]], its own step",
                    _diagnose(xt, x0, t, schedule, noise), **F32)


def test_one_t_per_sample(sol):
    # B equal to the last axis: a [B] alpha_bar left unreshaped runs without an error, and is wrong.
    _per_sample_case(sol, _dna(3, 3, seed=4, flat=False), torch.tensor([0, 40, 99]), 5)
    _per_sample_case(sol, torch.randn(4, 4, generator=_gen(6)), torch.tensor([99, 0, 30, 70]), 7)
    _per_sample_case(sol, _dna(6, 12, seed=8), torch.tensor([0, 99, 20, 5, 60, 30]), 9)
    # The same samples in another order, with their steps: each sample depends only on its own t.
    x0, t = _dna(6, 12, seed=8), torch.tensor([0, 99, 20, 5, 60, 30])
    order = torch.tensor([3, 0, 5, 1, 4, 2])
    _per_sample_case(sol, x0[order], t[order], 9)
    _per_sample_case(sol, _dna(1, 12, seed=10), torch.tensor([57]), 11)


def _seeded_case(sol, x0, t, seed):
    schedule = _short_chain()
    what = (f"forward_diffusion(x0 {x0.dtype} {_dims(x0)}, t = {t.tolist()}, linear_alpha_bar(100, 1e-3, "
            f"0.2), generator=torch.Generator().manual_seed({seed}))")
    results = ck.under_global_seeds(lambda: _diffuse(sol, what, x0, t, schedule, generator=_gen(seed)), what,
                                    "draw the noise from the generator you are given: " + NOISE_HINT)
    redrawn = torch.randn(tuple(x0.shape), generator=_gen(seed), dtype=x0.dtype)
    xt, noise = results[0]
    ck.expect_close(noise, redrawn, f"{what}: the noise, redrawn by the graders from the same seed",
                    NOISE_HINT, rtol=0, atol=0)
    ck.expect_close(xt, _trusted_xt(x0, t, schedule, redrawn), f"{what}: xt made with that noise",
                    FORMULA_HINT, **_tol(x0, schedule))
    again = results[1]
    ck.expect(torch.equal(again[0], xt) and torch.equal(again[1], noise),
              f"{what}: the same xt and noise from the same seed, whatever torch's global seed",
              "different results", NOISE_HINT)


def test_seeded_noise(sol):
    _seeded_case(sol, _dna(5, 12, seed=12), torch.tensor([0, 10, 30, 60, 99]), 13)
    _seeded_case(sol, _dna(3, 12, seed=14, flat=False).double(), torch.tensor([99, 1, 50]), 15)
    # No generator: the global generator, exactly torch.randn(x0.shape, dtype=x0.dtype).
    x0, t = _dna(4, 12, seed=16), torch.tensor([3, 80, 0, 41])
    what = "forward_diffusion(x0 float32 [4, 48], t, linear_alpha_bar(100, 1e-3, 0.2)) with no generator"
    xt, noise = ck.seeded(7, _diffuse, sol, what, x0, t, _short_chain())
    redrawn = ck.seeded(7, torch.randn, tuple(x0.shape))
    ck.expect_close(noise, redrawn, f"{what}, after torch.manual_seed(7): the noise equal to "
                    "torch.randn(4, 48) drawn after the same seed",
                    "with generator=None draw from torch's global generator: " + NOISE_HINT, rtol=0, atol=0)


def test_marginal_moments(sol):
    """Over DRAWS noisings of one sequence at each step t of MOMENT_STEPS: per coordinate j, the mean of xt_j
    within Z_BAR standard errors of sqrt(ab_t) x0_j (SE sqrt((1 - ab_t) / N)), the variance within Z_BAR
    standard errors of 1 - ab_t (SE sqrt(2 / (N - 1)) (1 - ab_t))."""
    schedule = _short_chain()
    x = _dna(1, 12, seed=17)                                   # [1, 48], values -1 and 1
    steps = torch.tensor(MOMENT_STEPS)
    x0 = x.repeat(DRAWS * len(MOMENT_STEPS), 1)
    t = steps.repeat_interleave(DRAWS)
    what = (f"forward_diffusion(one sequence [48] repeated {DRAWS} times at each t in {list(MOMENT_STEPS)}, "
            "linear_alpha_bar(100, 1e-3, 0.2), generator=torch.Generator().manual_seed(18))")
    xt, _ = ck.seeded(0, _diffuse, sol, what, x0, t, schedule, generator=_gen(18))
    draws = xt.double().view(len(MOMENT_STEPS), DRAWS, -1)
    ck.expect_finite(draws, what)
    for k, step in enumerate(MOMENT_STEPS):
        a = float(schedule[step])
        mean, var = draws[k].mean(0), draws[k].var(0)
        z_mean = (mean - math.sqrt(a) * x[0].double()) / math.sqrt((1 - a) / DRAWS)
        z_var = (var - (1 - a)) / (math.sqrt(2 / (DRAWS - 1)) * (1 - a))
        j = int(z_mean.abs().argmax())
        ck.expect(float(z_mean.abs().max()) <= Z_BAR,
                  f"{what}: at t = {step}, the mean of every coordinate within {Z_BAR:g} standard errors of "
                  f"sqrt(alpha_bar[t]) x0 = {math.sqrt(a):.4f} x0",
                  f"coordinate {j}: mean {float(mean[j]):.4f} where {math.sqrt(a) * float(x[0, j]):.4f} was "
                  f"expected ({float(z_mean[j]):.1f} standard errors)",
                  "the mean of xt is sqrt(alpha_bar[t]) * x0: the square root of alpha_bar, not alpha_bar; "
                  + FORMULA_HINT)
        j = int(z_var.abs().argmax())
        ck.expect(float(z_var.abs().max()) <= Z_BAR,
                  f"{what}: at t = {step}, the variance of every coordinate within {Z_BAR:g} standard errors "
                  f"of 1 - alpha_bar[t] = {1 - a:.4g}",
                  f"coordinate {j}: variance {float(var[j]):.4g} ({float(z_var[j]):.1f} standard errors)",
                  "the variance of xt is 1 - alpha_bar[t], so the noise is scaled by sqrt(1 - alpha_bar[t]) "
                  "(the standard deviation), not by 1 - alpha_bar[t]; " + FORMULA_HINT)


class _Noising(nn.Module):
    """forward_diffusion in a module: a schedule buffer (moves with .to) and a CPU schedule made at call
    time; noise drawn (no generator) and given."""

    def __init__(self, sol):
        super().__init__()
        self.register_buffer("alpha_bar", _short_chain())
        self.forward_diffusion = sol.forward_diffusion  # a function, copyable

    def forward(self, x):
        t = torch.arange(x.shape[0], device=x.device) * 37 % STEPS
        drawn = self.forward_diffusion(x, t, self.alpha_bar)
        given = self.forward_diffusion(x, t, _cosine_alpha_bar(STEPS), 0.5 * x.flip(0))
        return (*drawn, *given)


def test_follows_device(sol):
    x = _dna(5, 12, seed=19, flat=False)
    ck.call(_Noising(sol), x, what="forward_diffusion on the CPU (x0 [5, 4, 12], noise drawn and given)",
            hint=FORMULA_HINT)
    ck.expect_follows_device(lambda: _Noising(sol), x,
                             "forward_diffusion (noise drawn with device=x0.device; a schedule buffer, and a "
                             "schedule made on the CPU, moved to x0's device before the gather)")


class _Parity(nn.Module):
    """xt from given noise: a schedule buffer (moved to the GPU) and a schedule left on the CPU (a plain
    attribute that .to does not move)."""

    def __init__(self, sol):
        super().__init__()
        self.register_buffer("alpha_bar", _short_chain())
        self.register_buffer("noise", torch.randn(8, 4, 12, generator=_gen(20)))
        self.cpu_schedule = _cosine_alpha_bar(STEPS)
        self.forward_diffusion = sol.forward_diffusion

    def forward(self, x):
        t = torch.arange(x.shape[0], device=x.device) * 13 % STEPS
        return (self.forward_diffusion(x, t, self.alpha_bar, self.noise)[0],
                self.forward_diffusion(x, t, self.cpu_schedule, self.noise)[0])


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _Parity(sol), _dna(8, 12, seed=21, flat=False),
                          "forward_diffusion with a schedule on the GPU and one on the CPU")
