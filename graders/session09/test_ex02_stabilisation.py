"""Graders: session 9, exercise 2 (one-sided label smoothing, annealed instance noise,
spectral normalisation of the Discriminator)."""
import copy
import numbers

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.nn.utils import parametrize

from coursekit import checks as ck
from coursekit.data.session09 import log_expression

# Discriminator() = 200*512 + 512 + 512*256 + 256 + 256 + 1; Discriminator(50) likewise.
DEFAULT_PARAMS, PARAMS_50 = 234_497, 157_697
SMALL_DIM = 20                       # Discriminator(20) in the spectral-norm checks
TRAIN_FORWARDS = 5                   # forwards in train mode (power-iteration steps) before measuring
SN_TOL = 1e-3                        # |spectral norm - 1| (reference over 20 seeds: at most 4.8e-7)
LIP_TOL = 1e-3                       # |D(x) - D(y)| <= (1 + LIP_TOL) ||x - y|| (reference: ratio <= 0.93)
LR = 0.1                             # the graders' SGD optimizer for D in the step checks
SN_LR = 0.5                          # the graders' SGD step that moves the spectrally normalised weights

TARGET_HINT = ("real_targets = torch.full((batch_size, 1), 1.0 - smoothing), fake_targets = "
               "torch.zeros(batch_size, 1): only the REAL targets are smoothed (one-sided), fakes stay 0")
NOISE_HINT = ("x + sigma * torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device) in "
              "ONE call (randn_like only with generator=generator); for sigma == 0 return x and draw nothing")
STEP_HINT = ("sigma = noise_sigma(step, total_steps, sigma_start); z = torch.randn(B, G.net[0].in_features, "
             "generator=generator, device=real.device); fake = G(z) without gradients to G; then "
             "add_instance_noise(real, sigma, generator) and add_instance_noise(fake, sigma, generator) in "
             "that order; D(noisy real) with targets 1 - smoothing, D(noisy fake) with targets 0; loss = the "
             "sum of the two BCE-with-logits means; d_optimizer.zero_grad(), loss.backward(), "
             "d_optimizer.step(); return loss.item()")
SIGMA_HINT = "sigma = start * max(0.0, 1.0 - step / total_steps): start at step 0, 0 from step total_steps on"
SN_HINT = ("torch.nn.utils.parametrizations.spectral_norm(layer) on every nn.Linear of D, in place, and "
           "return D itself: the parametrization divides the weight by its largest singular value at EVERY "
           "access (train and eval mode), estimated by power iteration whose vectors are buffers")


# ---------------------------------------------------------------- trusted pieces ----

class _Gen(nn.Module):
    """The graders' small generator: latent 5 -> 12 genes, the guide's layout."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 12), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class _RecordingD(nn.Module):
    """The graders' small discriminator (12 genes -> 1 logit) that records every input it sees."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(12, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))
        self.inputs = []

    def forward(self, x):
        self.inputs.append(x.detach().clone())
        return self.net(x)


def _real(n=6, seed=0):
    """n cells of log_expression with 12 genes, scaled to [-1, 1]."""
    x, _ = log_expression(n_cells=n, n_genes=12, seed=seed)
    return 2 * x / x.max() - 1


def _call(fn, what, *args, **kwargs):
    return ck.call(fn, *args, what=what, hint="follow the signatures of the spec", **kwargs)


def _run_step(sol, step, total, seed, **kwargs):
    """(returned loss, G, D before, D after, recorded inputs, real) of one smoothed_discriminator_step."""
    G, D = ck.seeded(seed, _Gen), ck.seeded(seed + 1, _RecordingD)
    before = copy.deepcopy(D)
    real = _real(seed=seed)
    opt = torch.optim.SGD(D.parameters(), lr=LR)
    g = torch.Generator().manual_seed(seed)
    rng = torch.get_rng_state()
    loss = _call(sol.smoothed_discriminator_step, "smoothed_discriminator_step", G, D, real, opt, step, total,
                 generator=g, **kwargs)
    ck.expect(torch.equal(torch.get_rng_state(), rng), "smoothed_discriminator_step(..., generator=g) to "
              "leave torch's global random state alone", "the global state changed",
              "draw z and every noise tensor from the generator argument")
    return loss, G, before, D, D.inputs, real


def _redraw(G, real, sigma, seed):
    """The graders' redraw of the step's randomness: (clean real, clean fake, eps_real, eps_fake)."""
    g = torch.Generator().manual_seed(seed)
    z = torch.randn(real.shape[0], G.net[0].in_features, generator=g)
    with torch.no_grad():
        fake = G(z)
    if sigma == 0:
        return real, fake, torch.zeros_like(real), torch.zeros_like(fake)
    eps_real = torch.randn(real.shape, generator=g)
    eps_fake = torch.randn(fake.shape, generator=g)
    return real, fake, eps_real, eps_fake


def _expect_inputs(inputs, G, real, sigma, seed, what):
    """D saw cat([real + sigma eps_real, fake + sigma eps_fake]) (in one call or two)."""
    clean_real, clean_fake, eps_real, eps_fake = _redraw(G, real, sigma, seed)
    b = real.shape[0]
    ck.expect(len(inputs) in (1, 2), f"{what}: D called once or twice", f"{len(inputs)} calls",
              "call D(noisy real) then D(noisy fake), or D once on torch.cat([noisy real, noisy fake])")
    seen = torch.cat(inputs, dim=0)
    ck.expect(tuple(seen.shape) == (2 * b, 12), f"{what}: D's inputs, real then fake, [{2 * b}, 12] in all",
              f"shape {tuple(seen.shape)}", STEP_HINT)
    ck.expect_close(seen[:b] - clean_real, sigma * eps_real, f"{what}: D's real input minus the clean real "
                    f"batch (= sigma * eps_real, sigma = {sigma:.4g}, eps_real the generator's draw after z)",
                    STEP_HINT, rtol=1e-4, atol=1e-5)
    ck.expect_close(seen[b:] - clean_fake, sigma * eps_fake, f"{what}: D's fake input minus the clean fake "
                    f"batch (= sigma * eps_fake, sigma = {sigma:.4g}, eps_fake drawn after eps_real)",
                    STEP_HINT + " (fakes are noised too, with the same sigma)", rtol=1e-4, atol=1e-5)


def _aligned_weights(sizes, g, scale=3.0, noise=0.3):
    """Weights of a chain of Linear layers whose top singular directions line up (non-negative, so
    LeakyReLU passes them unchanged): rank one of norm `scale` plus `noise * scale` of random
    spectral norm; a spectral gap, so that power iteration converges in a few steps."""
    dirs = []
    for n in sizes:
        a = torch.randn(n, generator=g).abs()
        dirs.append(a / a.norm())
    weights = []
    for a_in, a_out in zip(dirs[:-1], dirs[1:]):
        r = torch.randn(len(a_out), len(a_in), generator=g)
        weights.append(scale * (torch.outer(a_out, a_in) + noise * r / torch.linalg.matrix_norm(r, 2)))
    return weights, dirs[0]


def _linears(D, what):
    layers = [m for m in D.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(layers) == 3, f"{what}: 3 nn.Linear layers", f"{len(layers)}",
              "the guide's layout: Linear(input_dim, 512), LeakyReLU(0.2), Linear(512, 256), LeakyReLU(0.2), "
              "Linear(256, 1)")
    return layers


def _normalised(sol, seed):
    """(spectrally normalised Discriminator(20) with the graders' weights, their copies, the aligned input
    direction, a batch x), after TRAIN_FORWARDS forwards in train mode; D in eval mode."""
    what = f"Discriminator({SMALL_DIM})"
    D = ck.build_model(sol.Discriminator, SMALL_DIM, seed=seed, what=what)
    layers = _linears(D, what)
    g = torch.Generator().manual_seed(1000 + seed)
    weights, direction = _aligned_weights([SMALL_DIM] + [m.out_features for m in layers], g)
    with torch.no_grad():
        for layer, w in zip(layers, weights):
            ck.expect(tuple(layer.weight.shape) == tuple(w.shape),
                      f"{what}: a weight of shape {tuple(w.shape)}", f"{tuple(layer.weight.shape)}",
                      "the guide's layout")
            layer.weight.copy_(w)
            layer.bias.zero_()
    out = _call(sol.spectral_norm_discriminator, f"spectral_norm_discriminator({what})", D)
    ck.expect(out is D, f"spectral_norm_discriminator({what}) to return D itself (applied in place)",
              type(out).__name__, SN_HINT)
    x = torch.randn(8, SMALL_DIM, generator=g)
    _forwards(D, x)
    return D, weights, direction, x


def _forwards(D, x):
    D.train()
    with torch.no_grad():
        for _ in range(TRAIN_FORWARDS):
            D(x)
    D.eval()


def _sgd_step(D, x):
    """One SGD step (lr SN_LR) on D(x).sum(): the raw weights move; then power-iteration forwards."""
    D.train()
    opt = torch.optim.SGD(D.parameters(), lr=SN_LR)
    opt.zero_grad()
    D(x).sum().backward()
    opt.step()
    _forwards(D, x)


def _expect_unit_norms(D, what):
    for i, layer in enumerate(_linears(D, what)):
        w = layer.weight.detach()
        norm = torch.linalg.matrix_norm(w.double(), ord=2).item()
        ck.expect(abs(norm - 1) <= SN_TOL, f"{what}: linear layer {i}'s effective weight (layer.weight in "
                  f"eval mode) of spectral norm 1 +- {SN_TOL} (torch.linalg.matrix_norm(W, ord=2))",
                  f"{norm:.6g}",
                  SN_HINT + " (not the Frobenius norm, not once at the start)")


# ---------------------------------------------------------------- checks ------------

def test_one_sided_smoothing(sol):
    for args, kwargs, value in (((5,), {}, 0.9), ((3,), {"smoothing": 0.25}, 0.75), ((4, 0.0), {}, 1.0)):
        shown = ", ".join([str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()])
        what = f"discriminator_targets({shown})"
        out = _call(sol.discriminator_targets, what, *args, **kwargs)
        ck.expect(isinstance(out, tuple) and len(out) == 2, f"{what} to return (real_targets, fake_targets)",
                  type(out).__name__, TARGET_HINT)
        real, fake = out
        b = args[0]
        ck.expect_tensor(real, f"{what}: real_targets", (b, 1), hint=TARGET_HINT)
        ck.expect_tensor(fake, f"{what}: fake_targets", (b, 1), hint=TARGET_HINT)
        ck.expect_close(real, torch.full((b, 1), value), f"{what}: real_targets (all {value})", TARGET_HINT,
                        rtol=0, atol=1e-7)
        ck.expect(torch.equal(fake, torch.zeros(b, 1)), f"{what}: fake_targets all exactly 0 (one-sided: "
                  "fakes are never smoothed)", f"values {fake.flatten()[:4].tolist()}", TARGET_HINT)

    def prop(case):
        b, s = case
        real, fake = _call(sol.discriminator_targets, f"discriminator_targets({b}, {s})", b, s)
        ck.expect_close(real, torch.full((b, 1), 1.0 - s), f"discriminator_targets({b}, {s!r}): real_targets",
                        TARGET_HINT, rtol=0, atol=1e-7)
        ck.expect(torch.equal(fake, torch.zeros(b, 1)), f"discriminator_targets({b}, {s!r}): fake_targets 0",
                  f"values {fake.flatten()[:4].tolist()}", TARGET_HINT)

    ck.for_all(st.tuples(st.integers(1, 16), st.floats(0.0, 0.4)), prop, max_examples=25)

    # the step: defaults (smoothing 0.1, sigma_start 0.1), then other values
    for step, total, seed, kwargs, smooth, start in ((0, 10, 21, {}, 0.1, 0.1),
                                                     (3, 10, 22, {"smoothing": 0.3, "sigma_start": 0.05}, 0.3,
                                                      0.05)):
        shown = ", ".join(f"{k}={v}" for k, v in kwargs.items()) or "defaults smoothing=0.1, sigma_start=0.1"
        what = f"smoothed_discriminator_step(G, D, real [6, 12], SGD(lr={LR}), {step}, {total}) ({shown})"
        loss, G, before, D, _, real = _run_step(sol, step, total, seed, **kwargs)
        ck.expect(isinstance(loss, float), f"{what} to return a Python float", type(loss).__name__,
                  "return loss.item()")
        sigma = start * max(0.0, 1.0 - step / total)
        clean_real, clean_fake, eps_real, eps_fake = _redraw(G, real, sigma, seed)
        b = real.shape[0]
        trusted = (F.binary_cross_entropy_with_logits(before(clean_real + sigma * eps_real),
                                                      torch.full((b, 1), 1.0 - smooth))
                   + F.binary_cross_entropy_with_logits(before(clean_fake + sigma * eps_fake),
                                                        torch.zeros(b, 1)))
        ck.expect_close(loss, trusted.item(), f"{what}: the returned loss vs BCE-with-logits with real "
                        f"targets {1 - smooth:.2g} and fake targets 0 on the graders' redraw", STEP_HINT,
                        rtol=1e-5, atol=1e-6)
        opt = torch.optim.SGD(before.parameters(), lr=LR)
        opt.zero_grad()
        trusted.backward()
        opt.step()
        for (name, p), q in zip(D.net.named_parameters(), before.net.parameters()):
            ck.expect_close(p, q, f"{what}: D's {name} after the step vs one SGD step on that loss",
                            STEP_HINT)


def test_instance_noise(sol):
    x = torch.linspace(-1, 1, 24).reshape(4, 6)
    kept = x.clone()
    what = "add_instance_noise(x [4, 6], 0.5, generator=torch.Generator().manual_seed(0))"
    rng = torch.get_rng_state()
    out = _call(sol.add_instance_noise, what, x, 0.5, generator=torch.Generator().manual_seed(0))
    ck.expect(torch.equal(torch.get_rng_state(), rng), f"{what} to leave torch's global random state alone",
              "the global state changed", NOISE_HINT)
    ck.expect_tensor(out, what, (4, 6), hint=NOISE_HINT)
    eps = torch.randn(4, 6, generator=torch.Generator().manual_seed(0))
    ck.expect_close(out, kept + 0.5 * eps, f"{what} vs x + 0.5 * eps, eps the generator's first draw",
                    NOISE_HINT)
    ck.expect(torch.equal(x, kept), f"{what} to leave x unchanged", "x was modified in place",
              "return x + noise, a new tensor")
    g = torch.Generator().manual_seed(1)
    state = g.get_state()
    out = _call(sol.add_instance_noise, "add_instance_noise(x, 0.0, generator=g)", x, 0.0, generator=g)
    ck.expect(isinstance(out, torch.Tensor) and torch.equal(out, kept),
              "add_instance_noise(x, 0.0) equal to x", str(out)[:80], NOISE_HINT)
    ck.expect(torch.equal(g.get_state(), state), "add_instance_noise(x, 0.0, generator=g) to draw nothing",
              "the generator's state changed", NOISE_HINT)
    out = ck.seeded(3, _call, sol.add_instance_noise, "add_instance_noise(x, 0.3)", x, 0.3)
    trusted = kept + 0.3 * ck.seeded(3, torch.randn, 4, 6)
    ck.expect_close(out, trusted, "add_instance_noise(x, 0.3) (no generator) after torch.manual_seed(3) vs "
                    "x + 0.3 * torch.randn(x.shape) after the same seed", NOISE_HINT)

    def prop(case):
        shape, sigma, double, seed = case
        dtype = torch.float64 if double else torch.float32
        x = torch.randn(shape, generator=torch.Generator().manual_seed(seed + 1), dtype=dtype)
        what = f"add_instance_noise(x {list(shape)} {dtype}, {sigma!r}, generator)"
        out = _call(sol.add_instance_noise, what, x, sigma, generator=torch.Generator().manual_seed(seed))
        ck.expect_tensor(out, what, shape, dtype, NOISE_HINT)
        eps = torch.randn(shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)
        ck.expect_close(out, x + sigma * eps, what, NOISE_HINT, rtol=1e-6, atol=1e-7)

    shapes = st.lists(st.integers(1, 5), min_size=1, max_size=3).map(tuple)
    ck.for_all(st.tuples(shapes, st.floats(0.01, 2.0), st.booleans(), st.integers(0, 2**31 - 1)), prop,
               max_examples=25)

    # the step: real AND fake inputs of D noised with sigma = sigma_start at step 0
    seed = 31
    _, G, _, _, inputs, real = _run_step(sol, 0, 10, seed, sigma_start=0.3)
    _expect_inputs(inputs, G, real, 0.3, seed, "smoothed_discriminator_step(..., step=0, total_steps=10, "
                   "sigma_start=0.3, generator=torch.Generator().manual_seed(31))")


def test_noise_annealing(sol):
    for args, kwargs, value in (((0, 100), {}, 0.1), ((50, 100), {}, 0.05), ((100, 100), {}, 0.0),
                                ((150, 100), {}, 0.0), ((25, 100), {"start": 0.4}, 0.3),
                                ((3, 4, 1.0), {}, 0.25)):
        shown = ", ".join([str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()])
        found = _call(sol.noise_sigma, f"noise_sigma({shown})", *args, **kwargs)
        ck.expect(isinstance(found, numbers.Real) and abs(found - value) <= 1e-12,
                  f"noise_sigma({shown}) = {value} (a Python float)", repr(found), SIGMA_HINT)

    def prop(case):
        step, total, start = case
        found = _call(sol.noise_sigma, f"noise_sigma({step}, {total}, {start!r})", step, total, start)
        value = start * max(0.0, 1.0 - step / total)
        ck.expect(isinstance(found, numbers.Real) and abs(found - value) <= 1e-12,
                  f"noise_sigma({step}, {total}, {start!r}) = {value!r}", repr(found), SIGMA_HINT)

    ck.for_all(st.tuples(st.integers(0, 300), st.integers(1, 200), st.floats(0.0, 1.0)), prop,
               max_examples=30)

    # the step anneals: sigma = 0.2 * (1 - 5/20) = 0.15 at step 5, no noise at step 20 of 20
    for step, sigma, seed in ((5, 0.15, 41), (20, 0.0, 42)):
        _, G, _, _, inputs, real = _run_step(sol, step, 20, seed, sigma_start=0.2)
        _expect_inputs(inputs, G, real, sigma, seed, f"smoothed_discriminator_step(..., step={step}, "
                       f"total_steps=20, sigma_start=0.2) (sigma = noise_sigma({step}, 20, 0.2) = {sigma})")


def test_spectral_norm(sol):
    D, weights, _, x = _normalised(sol, seed=0)
    what = (f"spectral_norm_discriminator(Discriminator({SMALL_DIM})) after {TRAIN_FORWARDS} forwards in "
            "train mode")
    for i, layer in enumerate(_linears(D, what)):
        ck.expect(parametrize.is_parametrized(layer, "weight"),
                  f"{what}: linear layer {i}'s weight parametrized "
                  "(torch.nn.utils.parametrize.is_parametrized(layer, 'weight'))", "a plain weight", SN_HINT)
    _expect_unit_norms(D, what)
    for i, (layer, w) in enumerate(zip(_linears(D, what), weights)):
        trusted = (w.double() / torch.linalg.matrix_norm(w.double(), ord=2)).float()
        ck.expect_close(layer.weight, trusted, f"{what}: linear layer {i}'s effective weight vs W / "
                        "torch.linalg.matrix_norm(W, ord=2) (W the graders' weight)", SN_HINT, rtol=SN_TOL,
                        atol=1e-5)
    _sgd_step(D, x)
    _expect_unit_norms(D, f"{what}, then one SGD step (lr {SN_LR}) and {TRAIN_FORWARDS} more forwards")


def test_lipschitz(sol):
    D, _, direction, x = _normalised(sol, seed=1)
    g = torch.Generator().manual_seed(2)
    name = f"spectral_norm_discriminator(Discriminator({SMALL_DIM})) (eval mode)"

    def check(stage):
        base = 2 * torch.randn(64, SMALL_DIM, generator=g)
        line = torch.linspace(0.5, 5.0, 65)[:, None] * direction
        xg = base.clone().requires_grad_()
        grad, = torch.autograd.grad(D(xg).sum(), xg)
        unit = grad / grad.norm(dim=1, keepdim=True).clamp_min(1e-12)
        pairs = (("random pairs", base, 2 * torch.randn(64, SMALL_DIM, generator=g)),
                 ("pairs 10x further apart", base, base + 10 * torch.randn(64, SMALL_DIM, generator=g)),
                 ("neighbours along the top singular directions", line[:-1], line[1:]),
                 ("steps of 0.01 along the input gradient", base, base + 0.01 * unit),
                 ("steps of 5 along the input gradient", base, base + 5 * unit))
        for label, a, b in pairs:
            with torch.no_grad():
                ratio = ((D(a) - D(b)).abs().flatten() / (a - b).norm(dim=1)).max().item()
            ck.expect(ratio <= 1 + LIP_TOL,
                      f"{name}{stage}, {label}: |D(x) - D(y)| <= {1 + LIP_TOL} ||x - y||",
                      f"a ratio of {ratio:.4g}", SN_HINT + " (every layer, in eval mode too)")

    check("")
    _sgd_step(D, x)
    check(f" after one SGD step (lr {SN_LR}) and {TRAIN_FORWARDS} forwards in train mode")


def test_param_count(sol):
    what = "Discriminator() (default input_dim=200)"
    D = ck.build_model(sol.Discriminator, what=what)
    net = getattr(D, "net", None)
    ck.expect(isinstance(net, nn.Sequential) and len(net) == 5, f"{what}.net an nn.Sequential of 5 modules",
              repr(net)[:120], "the guide's layout, attribute net")
    for i, (n_in, n_out) in zip((0, 2, 4), ((200, 512), (512, 256), (256, 1))):
        ck.expect_linear(net[i], n_in, n_out, f"{what}.net[{i}]")
    for i in (1, 3):
        ck.expect(isinstance(net[i], nn.LeakyReLU) and net[i].negative_slope == 0.2,
                  f"{what}.net[{i}] = nn.LeakyReLU(0.2)", repr(net[i]), "the guide's layout")
    ck.expect_param_count(D, DEFAULT_PARAMS, what)
    D = _call(sol.spectral_norm_discriminator, f"spectral_norm_discriminator({what})", D)
    ck.expect_param_count(D, DEFAULT_PARAMS, f"spectral_norm_discriminator({what}) (the parametrization "
                          "keeps the raw weight as the parameter; power-iteration vectors are buffers)")
    what = "Discriminator(input_dim=50)"
    D = ck.build_model(sol.Discriminator, input_dim=50, what=what)
    ck.expect_param_count(D, PARAMS_50, what)
    D = _call(sol.spectral_norm_discriminator, f"spectral_norm_discriminator({what})", D)
    ck.expect_param_count(D, PARAMS_50, f"spectral_norm_discriminator({what})")


def _small_sn(sol):
    D = ck.build_model(sol.Discriminator, SMALL_DIM, what=f"Discriminator({SMALL_DIM})")
    return _call(sol.spectral_norm_discriminator, f"spectral_norm_discriminator(Discriminator({SMALL_DIM}))",
                 D)


def test_follows_device(sol):
    x = torch.randn(4, SMALL_DIM, generator=torch.Generator().manual_seed(51))
    ck.expect_follows_device(lambda: _small_sn(sol), x,
                             f"spectral_norm_discriminator(Discriminator({SMALL_DIM}))")


def test_cuda_parity(sol):
    x = torch.randn(8, 200, generator=torch.Generator().manual_seed(52))

    def build():
        D = ck.build_model(sol.Discriminator, what="Discriminator()")
        return sol.spectral_norm_discriminator(D)

    ck.expect_cuda_parity(build, x, "spectral_norm_discriminator(Discriminator())")
