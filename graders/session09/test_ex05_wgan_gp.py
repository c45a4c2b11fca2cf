"""Graders: session 9, exercise 5 (WGAN-GP: gradient_penalty, critic_loss, generator_loss, Critic,
train_wgan_gp)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit import checks as ck
from coursekit.data.session09 import log_expression

DEFAULT_CRITIC_PARAMS = 234_497  # Critic(): 200*512 + 512 + 512*256 + 256 + 256 + 1
DEFAULT_LAMBDA = 10.0
F64 = dict(rtol=1e-9, atol=1e-12)
F32 = dict(rtol=1e-4, atol=1e-5)
# The graders' training: a small generator (latent 4 -> 6 genes) and a small critic, 6 genes of
# log_expression scaled to [-1, 1].
LATENT, GENES, CELLS = 4, 6, 40
SCHEDULE_DEFAULTS = dict(n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32)

# Generated cases: (batch, features, weight scale, lambda, float64?, seed)
LINEAR_CASES = st.tuples(st.integers(1, 6), st.integers(1, 8), st.floats(0.05, 4.0), st.floats(0.5, 20.0),
                         st.booleans(), st.integers(0, 2**31 - 1))
# (batch, shape of one sample (1 or 2 dims), value scale, lambda, float64?, seed)
SAMPLE_SHAPES = st.one_of(st.tuples(st.integers(1, 8)), st.tuples(st.integers(1, 4), st.integers(1, 6)))
NORM_CASES = st.tuples(st.integers(1, 6), SAMPLE_SHAPES, st.floats(0.1, 2.0), st.floats(0.5, 20.0),
                       st.booleans(), st.integers(0, 2**31 - 1))

ALPHA_HINT = ("ONE draw per sample: alpha = torch.rand(B, 1, generator=generator, dtype=real.dtype, "
              "device=real.device), viewed as [B, 1, ..., 1] for inputs of more dimensions; x_hat = alpha * "
              "real + (1 - alpha) * fake")
NORM_HINT = ("one L2 norm PER SAMPLE over all its non-batch dimensions: grads.reshape(B, -1).norm(2, dim=1) "
             "(the square root of the SUM of squares, not of their mean; not one norm for the whole batch); "
             "penalty = lambda_gp * ((norms - 1) ** 2).mean()")
GRAPH_HINT = ("grads = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)[0]: without "
              "create_graph=True the gradient is a constant and the penalty trains nothing (double "
              "backpropagation); no .detach(), .item() or torch.no_grad() on the way")
LOSS_HINT = ("critic_loss = critic(fake).mean() - critic(real).mean() + gradient_penalty(critic, real, fake, "
             "lambda_gp, generator): the critic MINIMISES it (fake scores down, real scores up); "
             "generator_loss = -critic(fake).mean()")
CRITIC_HINT = ("self.net = nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), "
               "nn.LeakyReLU(0.2), nn.Linear(256, 1)); forward returns self.net(x), a raw score [B, 1]: no "
               "sigmoid, no BatchNorm")
TRAIN_HINT = ("two torch.optim.Adam (one over critic.parameters(), one over G.parameters()) with lr and "
              "betas; for each of `steps` generator steps: n_critic critic steps (critic_loss on a real "
              "batch and G(z).detach()), then ONE generator step (generator_loss on G(z))")


# ---------------------------------------------------------------- trusted pieces ----

def _call(fn, what, *args, hint="follow the shapes and dtypes of the spec", **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _dtype(f64):
    return torch.float64 if f64 else torch.float32


def _tol(dtype):
    return F64 if dtype == torch.float64 else F32


def _linear(weight, bias=0.25):
    """A grader-built linear critic x -> w . x + b ([B, F] -> [B, 1]): its gradient is w everywhere."""
    weight = torch.as_tensor(weight)
    critic = nn.Linear(weight.numel(), 1).to(weight.dtype)
    with torch.no_grad():
        critic.weight.copy_(weight.view(1, -1))
        critic.bias.fill_(bias)
    return critic


class _Quadratic(nn.Module):
    """A grader-built critic x -> 0.5 ||x||^2 over non-batch dims ([B, ...] -> [B, 1]); its gradient: x."""

    def forward(self, x):
        return 0.5 * x.pow(2).flatten(1).sum(1, keepdim=True)


def _smooth(features, seed, dtype=torch.float32):
    """A grader-built nonlinear critic (Linear, Tanh, Linear)."""
    critic = ck.seeded(seed, lambda: nn.Sequential(nn.Linear(features, 8), nn.Tanh(), nn.Linear(8, 1)))
    return critic.to(dtype)


def _pair(batch, shape, scale, dtype, seed):
    """(real, fake): two [batch, *shape] tensors drawn from N(0, scale^2) (fake shifted by 0.3)."""
    g = torch.Generator().manual_seed(seed)
    real = scale * torch.randn(batch, *shape, generator=g, dtype=dtype)
    fake = scale * torch.randn(batch, *shape, generator=g, dtype=dtype) + 0.3
    return real, fake


def _alpha(real, seed=None):
    """The specified draw: torch.rand(B, 1) from a generator of `seed` (or the global generator),
    viewed as [B, 1, ..., 1]."""
    batch = real.shape[0]
    g = None if seed is None else torch.Generator().manual_seed(seed)
    alpha = torch.rand(batch, 1, generator=g, dtype=real.dtype)
    return alpha.view(batch, *([1] * (real.dim() - 1)))


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _penalty(sol, critic, real, fake, what, *args, **kwargs):
    value = _call(sol.gradient_penalty, what, critic, real, fake, *args, hint=ALPHA_HINT, **kwargs)
    ck.expect_tensor(value, what, (), real.dtype, hint="return lambda_gp * ((norms - 1) ** 2).mean(), a 0-d "
                     "tensor of the inputs' dtype")
    return value


def _per_sample_gradients(critic, x_hat):
    """d critic(x_i) / d x_i for every sample i, one sample at a time (a naive loop of autograd calls)."""
    rows = []
    for i in range(x_hat.shape[0]):
        xi = x_hat[i:i + 1].detach().clone().requires_grad_(True)
        rows.append(torch.autograd.grad(critic(xi).sum(), xi)[0][0])
    return torch.stack(rows)


def _trusted_penalty(critic, real, fake, lam, seed):
    x_hat = _alpha(real, seed) * real + (1 - _alpha(real, seed)) * fake
    grads = _per_sample_gradients(critic, x_hat).double()
    norms = grads.pow(2).flatten(1).sum(1).sqrt()
    return lam * (norms - 1).pow(2).mean()


# ---------------------------------------------------------------- checks ------------

def _check_linear(sol, case):
    batch, features, scale, lam, f64, seed = case
    dtype = _dtype(f64)
    g = _gen(seed)
    w = scale * F.normalize(torch.randn(features, generator=g, dtype=dtype), dim=0)
    real, fake = _pair(batch, (features,), 2.0, dtype, seed + 1)
    what = (f"gradient_penalty(nn.Linear({features}, 1) with ||w|| = {scale:.4g}, real/fake {dtype} "
            f"[{batch}, {features}], lambda_gp={lam:.4g}, generator)")
    found = _penalty(sol, _linear(w), real, fake, what, lam, _gen(seed + 2))
    trusted = lam * (w.double().norm() - 1) ** 2
    ck.expect_close(found, trusted, f"{what}: lambda * (||w|| - 1)^2", NORM_HINT, **_tol(dtype))


def test_penalty_linear_critic(sol):
    # A plain case first: w = (0.5, 0.5, 0.5, 0.5) has norm exactly 1, so the penalty is exactly 0.
    real, fake = _pair(3, (4,), 2.0, torch.float32, 0)
    what = "gradient_penalty(nn.Linear(4, 1) with w = (0.5, 0.5, 0.5, 0.5), real, fake [3, 4], generator)"
    found = _penalty(sol, _linear(torch.full((4,), 0.5)), real, fake, what, 10.0, _gen(0))
    ck.expect(found.item() == 0.0, f"{what} to be exactly 0 (a 1-Lipschitz linear critic: ||w|| = 1)",
              f"{found.item():.6g}", NORM_HINT)
    # ||w|| = 3 with the defaults (lambda_gp = 10, no generator): 10 * (3 - 1)^2 = 40.
    real, fake = _pair(5, (3,), 2.0, torch.float32, 1)
    what = "gradient_penalty(nn.Linear(3, 1) with w = (2, 1, 2), real, fake [5, 3]) (default lambda_gp)"
    found = ck.seeded(1, _penalty, sol, _linear(torch.tensor([2.0, 1.0, 2.0])), real, fake, what)
    ck.expect_close(found, 40.0, f"{what}: 10 * (||w|| - 1)^2 = 40", "the default lambda_gp is 10.0; "
                    + NORM_HINT)
    ck.for_all(LINEAR_CASES, lambda c: _check_linear(sol, c), max_examples=30)


def _check_gradient(sol, case):
    batch, features, scale, lam, f64, seed = case
    dtype = _dtype(f64)
    w = scale * F.normalize(torch.randn(features, generator=_gen(seed), dtype=dtype), dim=0)
    critic = _linear(w)
    real, fake = _pair(batch, (features,), 2.0, dtype, seed + 1)
    what = (f"gradient_penalty(nn.Linear({features}, 1) with ||w|| = {scale:.4g}, real/fake {dtype} "
            f"[{batch}, {features}], lambda_gp={lam:.4g})")
    penalty = _penalty(sol, critic, real, fake, what, lam, _gen(seed + 2))
    ck.expect(penalty.requires_grad, f"{what} to carry gradients to the critic's weights (requires_grad)",
              "a penalty that requires no gradient", GRAPH_HINT)
    _call(penalty.backward, f"{what}.backward()", hint=GRAPH_HINT)
    wd = w.double()
    norm = wd.norm()
    trusted = 2 * lam * (norm - 1) * wd / norm
    found = critic.weight.grad
    ck.expect(found is not None, f"{what}.backward() to give the critic's weight a gradient", "no gradient",
              GRAPH_HINT)
    ck.expect_close(found.view(-1), trusted, f"{what}.backward(): the critic weight's gradient "
                    "2 lambda (||w|| - 1) w / ||w||", GRAPH_HINT, **_tol(dtype))


def test_penalty_gradient(sol):
    _check_gradient(sol, (4, 3, 3.0, 10.0, False, 3))  # a plain case first: ||w|| = 3, gradient (40/3) w/|w|
    _check_gradient(sol, (4, 3, 0.5, 10.0, True, 4))   # ||w|| < 1: the gradient points the other way
    ck.for_all(LINEAR_CASES, lambda c: _check_gradient(sol, c), max_examples=25)


def _check_norms(sol, case):
    batch, shape, scale, lam, f64, seed = case
    dtype = _dtype(f64)
    real, fake = _pair(batch, shape, scale, dtype, seed)
    dims = ", ".join(str(s) for s in (batch, *shape))
    what = (f"gradient_penalty(the critic 0.5 ||x||^2, real/fake {dtype} [{dims}], lambda_gp={lam:.4g}, "
            f"generator=torch.Generator().manual_seed({seed % 1000}))")
    found = _penalty(sol, _Quadratic(), real, fake, what, lam, _gen(seed % 1000))
    x_hat = (_alpha(real, seed % 1000) * real + (1 - _alpha(real, seed % 1000)) * fake).double()
    trusted = lam * (x_hat.flatten(1).norm(dim=1) - 1).pow(2).mean()
    ck.expect_close(found, trusted, f"{what}: lambda * mean over samples of (||x_hat_i|| - 1)^2 with the "
                    "graders' alpha from the same seed", ALPHA_HINT + "; " + NORM_HINT, **_tol(dtype))


def test_per_sample_norms(sol):
    _check_norms(sol, (4, (5,), 0.4, 10.0, False, 5))       # a plain case first: [4, 5]
    _check_norms(sol, (3, (4, 6), 0.3, 10.0, True, 6))      # one-hot-like DNA shape [B, 4, L]
    # Without a generator: alpha from the global generator (after torch.manual_seed(7)).
    real, fake = _pair(6, (3,), 0.5, torch.float32, 7)
    what = ("gradient_penalty(the critic 0.5 ||x||^2, real/fake [6, 3]) with no generator, after "
            "torch.manual_seed(7)")
    found = ck.seeded(7, _penalty, sol, _Quadratic(), real, fake, what)
    alpha = ck.seeded(7, _alpha, real)
    trusted = 10.0 * ((alpha * real + (1 - alpha) * fake).double().norm(dim=1) - 1).pow(2).mean()
    ck.expect_close(found, trusted, f"{what}: alpha = torch.rand(6, 1) drawn after the same seed",
                    ALPHA_HINT, **F32)
    # With a generator, torch's global random state is not touched.
    real, fake = _pair(4, (5,), 0.4, torch.float32, 8)
    ck.under_global_seeds(lambda: _penalty(sol, _Quadratic(), real, fake, "gradient_penalty(..., generator)",
                                           10.0, _gen(8)),
                          "gradient_penalty(critic, real, fake, 10.0, generator)",
                          "draw alpha from the generator you are given: "
                          "torch.rand(B, 1, generator=generator, ...)")
    ck.for_all(NORM_CASES, lambda c: _check_norms(sol, c), max_examples=30)


def _critic_layers(sol, input_dim):
    what = f"Critic({input_dim})"
    critic = ck.build_model(sol.Critic, input_dim, what=what)
    net = getattr(critic, "net", None)
    ck.expect(isinstance(net, nn.Sequential), f"{what}.net to be an nn.Sequential", type(net).__name__,
              CRITIC_HINT)
    kinds = [type(m).__name__ for m in net]
    wanted = ["Linear", "LeakyReLU", "Linear", "LeakyReLU", "Linear"]
    ck.expect(kinds == wanted, f"{what}.net = nn.Sequential({', '.join(wanted)})",
              f"nn.Sequential({', '.join(kinds)})", CRITIC_HINT)
    for layer, n_in, n_out, i in ((net[0], input_dim, 512, 0), (net[2], 512, 256, 2), (net[4], 256, 1, 4)):
        ck.expect_linear(layer, n_in, n_out, f"{what}.net[{i}]")
    for i in (1, 3):
        ck.expect(net[i].negative_slope == 0.2, f"{what}.net[{i}] = nn.LeakyReLU(0.2)",
                  f"negative_slope {net[i].negative_slope}", CRITIC_HINT)
    return critic, net


def test_critic_loss(sol):
    # The critic: the guide's Discriminator layout, a raw score.
    critic, net = _critic_layers(sol, 12)
    with torch.no_grad():
        for p in critic.parameters():  # spread the weights so the scores are far from 0, of both signs
            p.mul_(3.0)
    x = log_expression(n_cells=6, n_genes=12, seed=0)[0] / 3 - 1
    scores = _call(critic, "Critic(12) on x [6, 12]", x, hint=CRITIC_HINT)
    ck.expect_tensor(scores, "Critic(12) on x [6, 12]", (6, 1), hint=CRITIC_HINT)
    h = x.double()
    for i in (0, 2, 4):
        h = F.linear(h, net[i].weight.detach().double(), net[i].bias.detach().double())
        h = F.leaky_relu(h, 0.2) if i < 4 else h
    ck.expect_close(scores, h, "Critic(12)'s scores vs Linear, LeakyReLU(0.2), Linear, LeakyReLU(0.2), "
                    "Linear through its own weights (a raw score of any sign)", CRITIC_HINT)
    # A linear critic w . x + b: critic_loss = w . (mean fake - mean real) + 10 (||w|| - 1)^2 (defaults).
    w = torch.tensor([2.0, -1.0, 2.0])
    critic = _linear(w)
    real, fake = _pair(5, (3,), 1.0, torch.float32, 9)
    what = ("critic_loss(nn.Linear(3, 1) with w = (2, -1, 2), real, fake [5, 3]) (default lambda_gp, "
            "no generator)")
    found = _call(sol.critic_loss, what, critic, real, fake, hint=LOSS_HINT)
    ck.expect_tensor(found, what, (), hint="a 0-d tensor: means, not per-sample values")
    diff = fake.double().mean(0) - real.double().mean(0)
    ck.expect_close(found, diff @ w.double() + DEFAULT_LAMBDA * 4.0, f"{what}: w . (mean fake - mean real) + "
                    "10 (||w|| - 1)^2", LOSS_HINT)
    _call(found.backward, f"{what}.backward()", hint=GRAPH_HINT)
    ck.expect_close(critic.weight.grad.view(-1), diff + 2 * DEFAULT_LAMBDA * 2.0 * w.double() / 3.0,
                    f"{what}.backward(): the weight's gradient (mean fake - mean real) + 2 lambda "
                    "(||w|| - 1) w / ||w||", LOSS_HINT + "; " + GRAPH_HINT)
    # A nonlinear critic, with a generator: the graders' per-sample gradients, one sample at a time.
    for dtype, seed in ((torch.float32, 10), (torch.float64, 11)):
        critic = _smooth(5, seed, dtype)
        real, fake = _pair(7, (5,), 1.0, dtype, seed)
        what = (f"critic_loss(a Linear-Tanh-Linear critic, real, fake {dtype} [7, 5], lambda_gp=3.0, "
                "generator)")
        found = _call(sol.critic_loss, what, critic, real, fake, 3.0, _gen(seed), hint=LOSS_HINT)
        ck.expect_tensor(found, what, (), dtype)
        with torch.no_grad():
            wasserstein = critic(fake).double().mean() - critic(real).double().mean()
        trusted = wasserstein + _trusted_penalty(critic, real, fake, 3.0, seed)
        ck.expect_close(found, trusted, f"{what}: mean critic(fake) - mean critic(real) + the penalty with "
                        "the graders' alpha from the same seed", LOSS_HINT + "; " + ALPHA_HINT, **_tol(dtype))
    # generator_loss = -mean critic(fake), with a gradient to fake (the generator learns through it).
    critic = _linear(w)
    fake = _pair(4, (3,), 1.0, torch.float32, 12)[1].requires_grad_(True)
    what = "generator_loss(nn.Linear(3, 1) with w = (2, -1, 2), fake [4, 3])"
    found = _call(sol.generator_loss, what, critic, fake, hint=LOSS_HINT)
    ck.expect_tensor(found, what, ())
    trusted = -(fake.detach().double() @ w.double() + 0.25).mean()
    ck.expect_close(found, trusted, f"{what}: -mean critic(fake)", LOSS_HINT)
    ck.expect(found.requires_grad, f"{what} to carry gradients to fake", "no gradient",
              "no .detach() or torch.no_grad(): the generator learns through the critic's score of its fake")
    found.backward()
    ck.expect_close(fake.grad, (-w / 4).expand(4, 3), f"{what}.backward(): fake.grad = -w / B", LOSS_HINT)


def test_param_count(sol):
    critic = ck.build_model(sol.Critic, what="Critic()")
    ck.expect_param_count(critic, DEFAULT_CRITIC_PARAMS, "Critic() (default input_dim=200)")
    for n in (12, 76):  # 76 = one-hot DNA [4, 19] flattened
        critic = ck.build_model(sol.Critic, n, what=f"Critic({n})")
        ck.expect_param_count(critic, n * 512 + 512 + 512 * 256 + 256 + 257, f"Critic({n})")
    critic = ck.build_model(sol.Critic, input_dim=50, what="Critic(input_dim=50)")
    ck.expect_param_count(critic, 50 * 512 + 512 + 512 * 256 + 256 + 257, "Critic(input_dim=50)")


def _real(cells=CELLS):
    """log_expression of `cells` cells and 6 genes, scaled to [-1, 1] per gene."""
    x = log_expression(n_cells=cells, n_genes=GENES, seed=0)[0]
    low, high = x.min(0).values, x.max(0).values
    return 2 * (x - low) / (high - low).clamp_min(1e-6) - 1


def _small_pair(seed):
    g = ck.seeded(seed, lambda: nn.Sequential(nn.Linear(LATENT, 16), nn.ReLU(), nn.Linear(16, GENES),
                                              nn.Tanh()))
    critic = ck.seeded(seed + 1, lambda: nn.Sequential(nn.Linear(GENES, 16), nn.LeakyReLU(0.2),
                                                       nn.Linear(16, 1)))
    return g, critic


def _snapshot(module):
    return [p.detach().clone() for p in module.parameters()]


def _same(a, b):
    return all(torch.equal(x, y) for x, y in zip(a, b))


def _record_training(sol, steps, what, seed=0, **kwargs):
    """Train the graders' small pair; record every optimizer step: (which network, type, lr, betas), whether
    the other network moved, and the shape of every input of G."""
    g, critic = _small_pair(seed)
    g_ids, c_ids = {id(p) for p in g.parameters()}, {id(p) for p in critic.parameters()}
    start_g, start_c = _snapshot(g), _snapshot(critic)
    last = {"G": start_g, "C": start_c}
    steps_seen, inputs = [], []

    def after_step(optimizer, args, kwargs_):
        ids = {id(p) for group in optimizer.param_groups for p in group["params"]}
        side = "G" if ids == g_ids else "C" if ids == c_ids else "?"
        group = optimizer.param_groups[0]
        now_g, now_c = _snapshot(g), _snapshot(critic)
        moved_other = (not _same(now_g, last["G"])) if side == "C" else (not _same(now_c, last["C"]))
        steps_seen.append((side, type(optimizer).__name__, group.get("lr"), tuple(group.get("betas", ())),
                           moved_other))
        last["G"], last["C"] = now_g, now_c

    handles = [register_optimizer_step_post_hook(after_step),
               g.register_forward_pre_hook(lambda m, a: inputs.append(tuple(a[0].shape)))]
    try:
        logs = _call(sol.train_wgan_gp, what, g, critic, _real(), steps, LATENT, hint=TRAIN_HINT,
                     generator=_gen(seed), **kwargs)
    finally:
        for h in handles:
            h.remove()
    moved = (not _same(_snapshot(g), start_g), not _same(_snapshot(critic), start_c))
    return logs, steps_seen, inputs, moved, (g, critic)


def _expect_schedule(record, steps, n_critic, lr, betas, batch, what):
    logs, seen, inputs, moved, _ = record
    order = "".join(s[0] for s in seen)
    wanted = ("C" * n_critic + "G") * steps
    ck.expect("?" not in order, f"{what}: every optimizer step over the critic's parameters only or G's only",
              "an optimizer holding parameters of both networks (or of neither)", TRAIN_HINT)
    ck.expect(order == wanted, f"{what}: the optimizer steps in the order {wanted} (C = critic, "
              f"G = generator): {n_critic} critic steps before each of the {steps} generator steps",
              order or "no optimizer step", TRAIN_HINT)
    found = {(kind, lr_, b) for _, kind, lr_, b, _ in seen}
    ck.expect(found == {("Adam", lr, betas)}, f"{what}: torch.optim.Adam with lr={lr}, betas={betas} for "
              "both",
              ", ".join(f"{k}(lr={v}, betas={b})" for k, v, b in sorted(found, key=str)), TRAIN_HINT)
    bad = next((i for i, s in enumerate(seen) if s[4]), None)
    ck.expect(bad is None, f"{what}: G's parameters unchanged by critic steps and the critic's by "
              "generator steps",
              f"step {bad} ({seen[bad][0] if bad is not None else ''}) changed the other network",
              "one optimizer per network; fake = G(z).detach() (or under torch.no_grad()) in critic steps")
    ck.expect(all(moved), f"{what}: both networks trained (their parameters changed)",
              f"G changed: {moved[0]}, critic changed: {moved[1]}", TRAIN_HINT)
    ck.expect(set(inputs) == {(batch, LATENT)}, f"{what}: every input of G of shape ({batch}, {LATENT}) "
              "(z = torch.randn(batch_size, latent_dim, ...))", str(sorted(set(inputs))), TRAIN_HINT)
    ck.expect(isinstance(logs, dict), f"{what} to return a dict of logs", type(logs).__name__,
              'return {"critic_loss": [...], "generator_loss": [...]}')
    for key, count in (("critic_loss", n_critic * steps), ("generator_loss", steps)):
        ck.expect(key in logs, f'{what}: logs["{key}"]', f"keys {sorted(logs)}",
                  'return {"critic_loss": [...], "generator_loss": [...]}')
        ck.expect_float_list(logs[key], count, f'{what}: logs["{key}"]', per=f'{key.split("_")[0]} step')


def test_n_critic_schedule(sol):
    what = (f"train_wgan_gp(G, critic, real [{CELLS}, {GENES}], steps=2, latent_dim={LATENT}, generator) "
            "(defaults)")
    record = _record_training(sol, 2, what)
    d = SCHEDULE_DEFAULTS
    _expect_schedule(record, 2, d["n_critic"], d["lr"], d["betas"], d["batch_size"], what)
    other = dict(n_critic=2, lr=1e-3, betas=(0.5, 0.99), batch_size=8)
    what = (f"train_wgan_gp(G, critic, real, steps=2, latent_dim={LATENT}, n_critic=2, lr=1e-3, "
            "betas=(0.5, 0.99), batch_size=8, generator)")
    trained = ck.under_global_seeds(lambda: _record_training(sol, 2, what, seed=1, **other), what,
                                    "draw every random number (batches, z, alpha) from the generator you "
                                    "are given")
    _expect_schedule(trained[0], 2, 2, 1e-3, (0.5, 0.99), 8, what)
    first, second = (_snapshot(nn.ModuleList(r[4])) for r in trained)
    ck.expect(_same(first, second), f"{what}: the same trained networks under two different global seeds",
              "different networks", "draw every random number from the generator you are given")


class _Losses(nn.Module):
    """Critic(12) with the losses of this exercise computed on a batch and a flipped copy of it."""

    def __init__(self, sol, input_dim=12):
        super().__init__()
        self.critic = sol.Critic(input_dim)
        self.critic_loss, self.generator_loss = sol.critic_loss, sol.generator_loss  # functions, copyable

    def forward(self, x):
        fake = 0.5 * x.flip(0)
        scores = self.critic(x)
        return scores, self.critic_loss(self.critic, x, fake), self.generator_loss(self.critic, fake)


def test_follows_device(sol):
    x = log_expression(n_cells=5, n_genes=12, seed=1)[0] / 3 - 1
    ck.expect_follows_device(lambda: ck.build_model(_Losses, sol, what="Critic(12)"), x,
                             "Critic(12), critic_loss (alpha with device=real.device) and generator_loss")


class _Parity(nn.Module):
    """Critic() scores, generator_loss and the penalty of a linear critic (which does not depend on alpha)."""

    def __init__(self, sol):
        super().__init__()
        self.critic, self.linear = sol.Critic(), nn.Linear(200, 1)
        self.generator_loss, self.gradient_penalty = sol.generator_loss, sol.gradient_penalty

    def forward(self, x):
        with torch.enable_grad():
            return (self.critic(x), self.generator_loss(self.critic, x),
                    self.gradient_penalty(self.linear, x, x.flip(0)).detach())


def test_cuda_parity(sol):
    x = torch.randn(8, 200, generator=_gen(13))
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Parity, sol), x,
                          "Critic(), generator_loss and gradient_penalty")
