"""Graders: session 10, exercise 2 (noise schedules: linear_beta_schedule, cosine_beta_schedule,
schedule_quantities, cosine_alpha_bar)."""
import math

import torch
from hypothesis import strategies as st

from coursekit import checks as ck

TOL = dict(rtol=1e-10, atol=1e-14)
KEYS = ("betas", "alphas", "alpha_bar", "alpha_bar_prev", "posterior_variance")
S_DEFAULT, MAX_BETA_DEFAULT = 0.008, 0.999

# Generated cases. Linear: (T, beta_start, beta_end); cosine: (T, s); clipping: (T, s, max_beta);
# betas for schedule_quantities: (T, low, fraction of the way from low to 0.999 for high, sorted?, seed).
LINEAR_CASES = st.tuples(st.integers(2, 1000), st.floats(1e-5, 0.999), st.floats(1e-5, 0.999))
COSINE_CASES = st.tuples(st.integers(2, 1000), st.floats(1e-4, 0.2))
CLIP_CASES = st.tuples(st.integers(2, 300), st.floats(1e-4, 0.2), st.floats(0.01, 0.999))
BETA_CASES = st.tuples(st.integers(1, 300), st.floats(1e-4, 0.05), st.floats(0.0, 1.0), st.booleans(),
                       st.integers(0, 2**31 - 1))

FLOAT64_HINT = "a float64 tensor [T]: create it with dtype=torch.float64 and stay in float64 all the way"
LINEAR_HINT = ("T evenly spaced values, both ends included: torch.linspace(beta_start, beta_end, "
               "num_timesteps, dtype=torch.float64) (a float32 linspace cast afterwards is off by ~1e-8)")
COSINE_HINT = ("f(i) = cos(((i / T + s) / (1 + s)) * pi / 2) ** 2 for i = 0, ..., T (T + 1 values, i / T "
               "not i / (T - 1)); betas[i] = min(1 - f(i + 1) / f(i), max_beta) for i = 0, ..., T - 1; "
               "float64 throughout")
CLIP_HINT = ("clip each beta from ABOVE at the max_beta you are given: torch.clamp(betas, max=max_beta) "
             "(torch.clamp(betas, max_beta) is a lower bound: every beta would become at least max_beta)")
QUANTITIES_HINT = ('return a dict with the keys "betas", "alphas", "alpha_bar", "alpha_bar_prev", '
                   '"posterior_variance", each a float64 tensor [T] (convert the betas with '
                   "betas.to(torch.float64) first)")
ALPHA_BAR_HINT = ("alphas = 1 - betas, alpha_bar = torch.cumprod(alphas, 0): alpha_bar[t] = alphas[0] * ... "
                  "* alphas[t] (alpha_bar[0] = alphas[0], not 1)")
COSINE_ALPHA_BAR_HINT = ("the running product of 1 - betas of the CLIPPED cosine betas: at the last step "
                         "alpha_bar[T - 2] * (1 - max_beta), not the closed form f(t + 1) / f(0) (which "
                         "ignores the clip and gives ~3.7e-33 at t = T - 1)")
POSTERIOR_HINT = ("alpha_bar_prev = [1, alpha_bar[0], ..., alpha_bar[T - 2]] (a 1 in front, not torch.roll); "
                  "beta_tilde[t] = betas[t] * (1 - alpha_bar_prev[t]) / (1 - alpha_bar[t]), cumulative "
                  "products both (not alphas), 0 at t = 0")


# ---------------------------------------------------------------- trusted pieces ----

def _f_values(steps, s):
    """f(i) = cos^2(((i / T + s) / (1 + s)) pi / 2) for i = 0..T, one math.cos at a time."""
    return [math.cos((i / steps + s) / (1.0 + s) * (math.pi / 2.0)) ** 2 for i in range(steps + 1)]


def _raw_cosine(steps, s):
    """The cosine betas before the clip, as Python floats."""
    f = _f_values(steps, s)
    return [1.0 - f[i + 1] / f[i] for i in range(steps)]


def _clipped(raw, cap):
    return [b if b <= cap else cap for b in raw]


def _walk(betas):
    """(alphas, alpha_bar, alpha_bar_prev, beta_tilde), element by element in Python floats."""
    alphas, products, before, tilde = [], [], [], []
    running = 1.0
    for b in betas:
        previous = running
        running = running * (1.0 - b)
        alphas.append(1.0 - b)
        products.append(running)
        before.append(previous)
        tilde.append(b * (1.0 - previous) / (1.0 - running))
    return alphas, products, before, tilde


def _t64(values):
    return torch.tensor(values, dtype=torch.float64)


def _generated_betas(case):
    steps, low, fraction, ordered, seed = case
    high = low + fraction * (0.999 - low)
    draws = torch.rand(steps, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    betas = low + (high - low) * draws
    return torch.sort(betas).values if ordered else betas


def _close(found, trusted, what, hint):
    """``found`` (a float64 tensor of the trusted one's shape) equal to ``trusted`` at TOL, told with 17
    digits (float32 rounding hides behind 6)."""
    found = ck.base.plain(found).detach().to(torch.float64)
    ck.expect(found.shape == trusted.shape, f"{what} of shape {tuple(trusted.shape)}",
              f"shape {tuple(found.shape)}", hint)
    wrong = ~torch.isclose(found, trusted, **TOL)
    if bool(wrong.any()):
        i = int(wrong.nonzero()[0, 0])
        gap = abs(found[i].item() - trusted[i].item()) / max(abs(trusted[i].item()), 1e-300)
        raise ck.CheckFailure(f"{what} equal to a trusted float64 computation (rtol=1e-10, atol=1e-14)",
                              f"{int(wrong.sum())} of {wrong.numel()} values differ; e.g. at index {i}: "
                              f"{found[i].item():.17g} where {trusted[i].item():.17g} was expected (relative "
                              f"difference {gap:.2g})", hint)


def _schedule(fn, what, steps, hint, *args, **kwargs):
    found = ck.call(fn, *args, what=what, hint=hint, **kwargs)
    ck.expect_tensor(found, what, (steps,), torch.float64, hint=FLOAT64_HINT)
    return found


def _quantities(sol, betas, what):
    found = ck.call(sol.schedule_quantities, betas, what=what, hint=QUANTITIES_HINT)
    ck.expect(isinstance(found, dict), f"{what} to return a dict", type(found).__name__, QUANTITIES_HINT)
    missing = [k for k in KEYS if k not in found]
    ck.expect(not missing, f"{what}: the keys {', '.join(KEYS)}", f"keys {sorted(found)} (missing {missing})",
              QUANTITIES_HINT)
    for key in KEYS:
        ck.expect_tensor(found[key], f'{what}["{key}"]', (betas.shape[0],), torch.float64,
                         hint=QUANTITIES_HINT)
    return found


# ---------------------------------------------------------------- checks ------------

def _check_linear(sol, what, steps, start, end, *args, **kwargs):
    found = _schedule(sol.linear_beta_schedule, what, steps, LINEAR_HINT, *args, **kwargs)
    trusted = torch.linspace(start, end, steps, dtype=torch.float64)
    _close(found, trusted, f"{what} vs torch.linspace({start:.6g}, {end:.6g}, {steps}, float64)",
           LINEAR_HINT)


def test_linear(sol):
    _check_linear(sol, "linear_beta_schedule() (the defaults)", 1000, 1e-4, 0.02)
    _check_linear(sol, "linear_beta_schedule(100, 1e-3, 0.2)", 100, 1e-3, 0.2, 100, 1e-3, 0.2)
    _check_linear(sol, "linear_beta_schedule(num_timesteps=50, beta_start=5e-4, beta_end=0.05)", 50, 5e-4,
                  0.05, num_timesteps=50, beta_start=5e-4, beta_end=0.05)
    ck.for_all(LINEAR_CASES, lambda c: _check_linear(
        sol, f"linear_beta_schedule({c[0]}, {c[1]:.6g}, {c[2]:.6g})", c[0], c[1], c[2], c[0], c[1], c[2]),
        max_examples=25)


def _check_cosine(sol, what, steps, offset, *args, **kwargs):
    found = _schedule(sol.cosine_beta_schedule, what, steps, COSINE_HINT, *args, **kwargs)
    trusted = _t64(_clipped(_raw_cosine(steps, offset), MAX_BETA_DEFAULT))
    _close(found, trusted, f"{what} vs the formula (a float64 loop of math.cos, clipped at 0.999)",
           COSINE_HINT)
    return found


def test_cosine(sol):
    for what, steps, offset, args, kwargs in (
            ("cosine_beta_schedule(100)", 100, S_DEFAULT, (100,), {}),
            ("cosine_beta_schedule() (the defaults)", 1000, S_DEFAULT, (), {}),
            ("cosine_beta_schedule(50, s=0.02)", 50, 0.02, (50,), {"s": 0.02})):
        found = _check_cosine(sol, what, steps, offset, *args, **kwargs)
        ck.expect(bool((found > 0).all() and (found[1:] > found[:-1]).all()),
                  f"{what}: positive betas increasing with t", f"{found[:4].tolist()} ...", COSINE_HINT)
    ck.for_all(COSINE_CASES, lambda c: _check_cosine(
        sol, f"cosine_beta_schedule({c[0]}, s={c[1]:.6g})", c[0], c[1], c[0], s=c[1]), max_examples=30)


def _check_clip(sol, what, steps, offset, cap, *args, **kwargs):
    found = _schedule(sol.cosine_beta_schedule, what, steps, CLIP_HINT, *args, **kwargs)
    raw = _raw_cosine(steps, offset)
    over = [i for i, b in enumerate(raw) if b > cap]
    wrong = [i for i in over if found[i].item() != cap]
    ck.expect(not wrong, f"{what}: every beta above max_beta = {cap:.6g} replaced by exactly max_beta "
              f"(steps {over[:6]}{' ...' if len(over) > 6 else ''})",
              f"betas[{wrong[0]}] = {found[wrong[0]].item():.10g}" if wrong else "", CLIP_HINT)
    _close(found, _t64(_clipped(raw, cap)), f"{what} vs min(formula, {cap:.6g}) in a float64 loop",
           CLIP_HINT + "; " + COSINE_HINT)


def test_clipping(sol):
    what = "cosine_beta_schedule(100)"
    found = _schedule(sol.cosine_beta_schedule, what, 100, CLIP_HINT, 100)
    ck.expect(found[-1].item() == MAX_BETA_DEFAULT, f"{what}: the last beta clipped to exactly 0.999 "
              "(unclipped, 1 - f(T) / f(T - 1) is 1.0 in float64)", f"betas[99] = {found[-1].item():.10g}",
              CLIP_HINT)
    ck.expect(bool((found[:-1] < MAX_BETA_DEFAULT).all()), f"{what}: every other beta below 0.999",
              f"max of betas[:99] = {found[:-1].max().item():.10g}", CLIP_HINT)
    _check_clip(sol, what, 100, S_DEFAULT, MAX_BETA_DEFAULT, 100)
    _check_clip(sol, "cosine_beta_schedule(20, 0.008, 0.1)", 20, 0.008, 0.1, 20, 0.008, 0.1)
    _check_clip(sol, "cosine_beta_schedule(40, max_beta=0.3)", 40, S_DEFAULT, 0.3, 40, max_beta=0.3)
    ck.for_all(CLIP_CASES, lambda c: _check_clip(
        sol, f"cosine_beta_schedule({c[0]}, s={c[1]:.6g}, max_beta={c[2]:.6g})", c[0], c[1], c[2], c[0],
        s=c[1], max_beta=c[2]), max_examples=25)


def _fixed_betas():
    """(description, float64 betas): the linear schedule of 100 steps and the cosine one."""
    return (("the linear betas 1e-3..0.2 of 100 steps", torch.linspace(1e-3, 0.2, 100, dtype=torch.float64)),
            ("the cosine betas of 100 steps", _t64(_clipped(_raw_cosine(100, S_DEFAULT), MAX_BETA_DEFAULT))))


def _check_products(sol, betas, label):
    what = f"schedule_quantities({label})"
    values = betas.double().tolist()  # before the call: the trusted values come from the input as given
    found = _quantities(sol, betas, what)
    alphas, products, _, _ = _walk(values)
    _close(found["betas"], _t64(values), f'{what}["betas"] (the input as float64)', QUANTITIES_HINT)
    _close(found["alphas"], _t64(alphas), f'{what}["alphas"] = 1 - betas', ALPHA_BAR_HINT)
    _close(found["alpha_bar"], _t64(products), f'{what}["alpha_bar"] vs a running product of '
           "1 - betas", ALPHA_BAR_HINT)


def _check_cosine_alpha_bar(sol, what, steps, offset, cap, *args, **kwargs):
    found = _schedule(sol.cosine_alpha_bar, what, steps, COSINE_ALPHA_BAR_HINT, *args, **kwargs)
    products = _walk(_clipped(_raw_cosine(steps, offset), cap))[1]
    _close(found, _t64(products), f"{what} vs the running product of 1 - (the clipped cosine betas) "
           f"(last value {products[-1]:.4g})", COSINE_ALPHA_BAR_HINT)


def test_alpha_bar(sol):
    for label, betas in _fixed_betas():
        _check_products(sol, betas, label)
    single = 1e-3 + 0.3 * torch.rand(30, generator=torch.Generator().manual_seed(3))  # float32
    _check_products(sol, single, "float32 betas [30]")
    ck.for_all(BETA_CASES, lambda c: _check_products(sol, _generated_betas(c), f"generated float64 betas "
                                                     f"[{c[0]}]"), max_examples=30)
    _check_cosine_alpha_bar(sol, "cosine_alpha_bar(100)", 100, S_DEFAULT, MAX_BETA_DEFAULT, 100)
    _check_cosine_alpha_bar(sol, "cosine_alpha_bar() (the defaults)", 1000, S_DEFAULT, MAX_BETA_DEFAULT)
    _check_cosine_alpha_bar(sol, "cosine_alpha_bar(60, 0.02, 0.3)", 60, 0.02, 0.3, 60, 0.02, 0.3)
    _check_cosine_alpha_bar(sol, "cosine_alpha_bar(num_timesteps=25, s=0.05, max_beta=0.9)", 25, 0.05, 0.9,
                            num_timesteps=25, s=0.05, max_beta=0.9)


def _check_posterior(sol, betas, label):
    what = f"schedule_quantities({label})"
    values = betas.double().tolist()  # before the call: the trusted values come from the input as given
    found = _quantities(sol, betas, what)
    _, _, before, tilde = _walk(values)
    prev, var = found["alpha_bar_prev"], found["posterior_variance"]
    ck.expect(prev[0].item() == 1.0, f'{what}["alpha_bar_prev"][0] exactly 1 (no noise before step 0)',
              f"{prev[0].item():.10g}", POSTERIOR_HINT)
    _close(prev, _t64(before), f'{what}["alpha_bar_prev"] vs [1, alpha_bar[0], ..., '
           "alpha_bar[T - 2]]", POSTERIOR_HINT)
    ck.expect(var[0].item() == 0.0, f'{what}["posterior_variance"][0] exactly 0 (the last reverse step adds '
              "no noise)", f"{var[0].item():.10g}", POSTERIOR_HINT)
    _close(var, _t64(tilde), f'{what}["posterior_variance"] vs betas[t] (1 - alpha_bar[t - 1]) / '
           "(1 - alpha_bar[t]) element by element", POSTERIOR_HINT)
    if len(values) > 1:
        rest, cap = var[1:], _t64(values[1:])
        ck.expect(bool((rest > 0).all() and (rest <= cap * (1 + 1e-12)).all()),
                  f'{what}["posterior_variance"]: 0 < beta_tilde[t] <= betas[t] for t >= 1',
                  f"beta_tilde[1:4] = {rest[:3].tolist()}, betas[1:4] = {cap[:3].tolist()}", POSTERIOR_HINT)


def test_posterior_variance(sol):
    for label, betas in _fixed_betas():
        _check_posterior(sol, betas, label)
    _check_posterior(sol, torch.tensor([0.3], dtype=torch.float64), "one step: betas = [0.3]")
    ck.for_all(BETA_CASES, lambda c: _check_posterior(sol, _generated_betas(c), f"generated float64 betas "
                                                      f"[{c[0]}]"), max_examples=30)
