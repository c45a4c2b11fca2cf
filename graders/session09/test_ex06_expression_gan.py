"""Graders: session 9, exercise 6 (an expression GAN: scaling, the minibatch feature, gene means,
spread and no mode collapse)."""
import numpy as np
import torch
from hypothesis import strategies as st
from sklearn.neighbors import NearestCentroid
from torch import nn

from coursekit import checks as ck
from coursekit.data.session09 import log_expression

G_PARAMS, D_PARAMS = 25_138, 29_569  # ExpressionGenerator(), ExpressionDiscriminator()
G_CASES = (((3, 8, 16), 467), ((20, 4, 32), 1_876))  # (n_genes, latent_dim, hidden) -> parameters
D_CASES = (((3, 16), 401), ((20, 32), 2_401))  # (n_genes, hidden) -> parameters

N_GENERATED, GEN_SEED = 1000, 1  # cells the graders generate, and their generator's seed
TRAIN_SEED = 0  # train_expression_gan(x) runs under torch.manual_seed(0) (and its own seed=0)
# The learning checks: train_expression_gan(x) with its defaults on log_expression(seed=0), 1000
# generated cells. Reference over data and training seeds 0-19 (worst run): means correlation 0.63,
# spread error 0.19 and correlation 0.29, distance ratio 0.90, smallest cell-type share 0.19.
MEANS_BAR = 0.45  # Pearson r of scaled per-gene means, at least (an untrained generator: about 0)
SPREAD_BAR = 0.30  # mean |std_fake - std_real| / std_real, at most (an untrained generator: 0.86)
SPREAD_R_BAR = 0.15  # Pearson r of scaled per-gene standard deviations, at least (untrained: 0.05 at best)
DISTANCE_BAR = 0.70  # mean pairwise distance, generated / real, at least (untrained: 0.14)
SHARE_BAR = 0.10  # every cell type's share of the generated cells, at least (no minibatch feature: 0)
LABELS = ("real mean", "generated mean")

MBSTD_HINT = ("minibatch_std(x) = torch.cat([x, x.std(dim=0, correction=0, keepdim=True).expand(B, genes)], "
              "dim=1): the batch's per-gene spread (over the cells, population std) on every row, not "
              "detached; torch.std's gradient where a spread is 0 is 0, var.sqrt()'s is NaN; "
              "ExpressionDiscriminator.forward(x) = self.net(minibatch_std(x))")
SCALE_HINT = ("fit_scaler(x) = (x.min(dim=0).values, x.max(dim=0).values); scale_to_unit(x, low, high) = "
              "2 * (x - low) / span - 1 and unscale(x_scaled, low, high) = low + (x_scaled + 1) / 2 * span, "
              "span = high - low with 1 in place of 0 for a constant gene (torch.where(span > 0, span, 1)); "
              "no clamping")
ARCH_HINT = ("ExpressionGenerator: net = nn.Sequential(nn.Linear(latent_dim, hidden), nn.ReLU(), "
             "nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, n_genes), nn.Tanh()); "
             "ExpressionDiscriminator: net = nn.Sequential(nn.Linear(2 * n_genes, hidden), "
             "nn.LeakyReLU(0.2), "
             "nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1)) giving raw logits (no "
             "sigmoid); defaults n_genes=50, latent_dim=16, hidden=128 (arguments in that order)")
GENERATE_HINT = ("generate_expression(G, n, low, high, generator=None): ONE draw z = torch.randn(n, "
                 "latent_dim, generator=generator, device=...) with latent_dim = G.net[0].in_features, then "
                 "unscale(G(z), low, high) under torch.no_grad(); with a generator, nothing from torch's "
                 "global generator")
TRAIN_HINT = ("train on scale_to_unit(x, low, high), not on x (a Tanh cannot reach log-expression above 1); "
              "D: BCE-with-logits of D(real) vs 1 plus D(fake.detach()) vs 0, two calls of D (a batch of "
              "each, never concatenated); G: BCE-with-logits of D(fake) vs 1 (non-saturating); "
              "Adam(lr, betas=(0.5, 0.999)) for each network, one D step then one G step per batch, the "
              "defaults of the spec; fresh noise for every batch")
COLLAPSE_HINT = ("the discriminator must see each batch's spread (minibatch_std, not detached, over the "
                 "cells of one batch that is all real or all generated); every generated cell needs its own "
                 "z (n independent rows of torch.randn), and G must use z")
PLOT_HINT = ("fig, ax = plt.subplots(); ax.scatter(real.mean(dim=0), fake.mean(dim=0)) (x = real, y = "
             "generated, one point per gene, in gene order); ax.plot([lo, hi], [lo, hi]) for y = x; "
             "ax.set_xlabel('real mean'); ax.set_ylabel('generated mean'); return fig")

# (cells, genes, constant genes mask bits, offset, spread, seed)
SCALE_CASES = st.tuples(st.integers(1, 30), st.integers(1, 8), st.integers(0, 255),
                        st.floats(-5.0, 10.0), st.floats(0.01, 20.0), st.integers(0, 2**31 - 1))
# (cells, genes, float64?, seed)
MBSTD_CASES = st.tuples(st.integers(1, 20), st.integers(1, 10), st.booleans(), st.integers(0, 2**31 - 1))
# (real cells, generated cells, genes, seed)
PLOT_CASES = st.tuples(st.integers(1, 20), st.integers(1, 20), st.integers(2, 30), st.integers(0, 2**31 - 1))


# ---------------------------------------------------------------- helpers ----

def _trusted_mbstd(x):
    x = x.double()
    return torch.cat([x, x.std(dim=0, correction=0, keepdim=True).expand(x.shape[0], -1)], dim=1)


def _span(low, high):
    span = (high - low).double()
    return torch.where(span > 0, span, 1.0)  # 1 for a constant gene


def _trusted_scale(x, low, high):
    return (2 * (x.double() - low.double()) / _span(low, high) - 1).float()


def _trusted_unscale(y, low, high):
    return (low.double() + (y.double() + 1) / 2 * _span(low, high)).float()


def _check_scaling(sol, x, what, other=None):
    """fit_scaler, scale and unscale on x [n, genes] against the trusted formulas."""
    n, genes = x.shape
    pair = ck.call(sol.fit_scaler, x.clone(), what=f"fit_scaler({what})", hint=SCALE_HINT)
    ck.expect(isinstance(pair, tuple) and len(pair) == 2, f"fit_scaler({what}) to return a tuple (low, high)",
              repr(type(pair)), SCALE_HINT)
    low, high = pair
    for name, value, trusted in (("low", low, x.min(dim=0).values), ("high", high, x.max(dim=0).values)):
        ck.expect_tensor(value, f"{name} of fit_scaler({what})", (genes,))
        op = "min" if name == "low" else "max"
        ck.expect_close(value, trusted, f"{name} of fit_scaler({what}) vs x.{op}(dim=0).values (per gene, "
                        "over the cells)", SCALE_HINT)
    low, high = x.min(dim=0).values, x.max(dim=0).values
    y = ck.call(sol.scale_to_unit, x.clone(), low.clone(), high.clone(),
                what=f"scale_to_unit({what}, low, high)", hint=SCALE_HINT)
    ck.expect_tensor(y, f"scale_to_unit({what}, low, high)", (n, genes))
    ck.expect_finite(y, f"scale_to_unit({what}, low, high)")
    ck.expect_close(y, _trusted_scale(x, low, high),
                    f"scale_to_unit({what}, low, high) vs 2 * (x - low) / span - 1", SCALE_HINT)
    ck.expect(bool((y >= -1 - 1e-5).all() and (y <= 1 + 1e-5).all()),
              f"scale_to_unit({what}, low, high) within [-1, 1] on the data the scaler was fitted on",
              f"values from {y.min().item():.6g} to {y.max().item():.6g}", SCALE_HINT)
    varying = high > low
    if bool(varying.any()):
        ck.expect_close(y.min(dim=0).values[varying], -torch.ones(int(varying.sum())),
                        f"scale_to_unit({what}, low, high): each varying gene's minimum over the cells is -1",
                        SCALE_HINT)
        ck.expect_close(y.max(dim=0).values[varying], torch.ones(int(varying.sum())),
                        f"scale_to_unit({what}, low, high): each varying gene's maximum over the cells is 1",
                        SCALE_HINT)
    back = ck.call(sol.unscale, y.clone(), low.clone(), high.clone(), what=f"unscale(scale_to_unit({what}))",
                   hint=SCALE_HINT)
    ck.expect_tensor(back, f"unscale(scale_to_unit({what}, low, high), low, high)", (n, genes))
    ck.expect_close(back, x, f"unscale(scale_to_unit({what}, low, high), low, high) == x (the round trip)",
                    SCALE_HINT, atol=1e-4 * max(1.0, x.abs().max().item()))
    if other is not None:  # data the scaler was not fitted on: the same formulas, no clamping
        z = ck.call(sol.scale_to_unit, other.clone(), low, high,
                    what=f"scale_to_unit(new cells [{other.shape[0]}, {genes}])", hint=SCALE_HINT)
        ck.expect_close(z, _trusted_scale(other, low, high), "scale_to_unit(other cells, low, high) with "
                        f"low, high of {what} (values outside [low, high] too: no clamping)", SCALE_HINT,
                        atol=1e-4 * max(1.0, z.abs().max().item() if isinstance(z, torch.Tensor) else 1.0))
        w = torch.linspace(-1.5, 1.5, 7 * genes).reshape(7, genes)
        u = ck.call(sol.unscale, w.clone(), low, high, what=f"unscale(y [7, {genes}], low, high)",
                    hint=SCALE_HINT)
        ck.expect_close(u, _trusted_unscale(w, low, high), "unscale(y, low, high) for y from -1.5 to 1.5 "
                        "vs low + (y + 1) / 2 * span", SCALE_HINT, atol=1e-4 * max(1.0, x.abs().max().item()))


def _scale_case(case):
    n, genes, constant_bits, offset, spread, seed = case
    g = torch.Generator().manual_seed(seed)
    x = offset + spread * torch.rand(n, genes, generator=g)
    constant = torch.tensor([bool(constant_bits >> j & 1) for j in range(genes)])
    x = torch.where(constant, x[:1].expand(n, genes), x)
    other = offset + spread * (2 * torch.rand(5, genes, generator=g) - 0.5)
    return x, other


def _trained(sol):
    """train_expression_gan(x) with its defaults on log_expression(seed=0), checked:
    (G, low, high, x, labels, what)."""
    x, labels = log_expression(seed=0)
    what = "train_expression_gan(x) (defaults) on log_expression(seed=0)"
    result = ck.call(ck.seeded_training, TRAIN_SEED, sol.train_expression_gan, x.clone(), what=what,
                     hint=TRAIN_HINT)
    ck.expect(isinstance(result, tuple) and len(result) == 3, f"{what} to return (G, low, high)",
              repr(type(result)), TRAIN_HINT)
    G, low, high = result
    ck.expect_module(G, f"G returned by {what}")
    ck.expect_tensor(low, f"low returned by {what}", (x.shape[1],))
    ck.expect_tensor(high, f"high returned by {what}", (x.shape[1],))
    ck.expect_close(low, x.min(dim=0).values, f"low returned by {what} vs x.min(dim=0).values", SCALE_HINT)
    ck.expect_close(high, x.max(dim=0).values, f"high returned by {what} vs x.max(dim=0).values", SCALE_HINT)
    net = getattr(G, "net", None)
    ck.expect(isinstance(net, nn.Sequential) and len(net) > 0 and isinstance(net[0], nn.Linear),
              f"G returned by {what}: an ExpressionGenerator with net = nn.Sequential(nn.Linear(latent_dim, "
              "hidden), ...)", repr(type(net)), ARCH_HINT)
    return G, x.min(dim=0).values, x.max(dim=0).values, x, labels, what


def _generated(sol, G, low, high, what):
    call = (f"generate_expression(G, {N_GENERATED}, low, high, "
            f"generator=torch.Generator().manual_seed({GEN_SEED}))")
    fake = ck.call(sol.generate_expression, G, N_GENERATED, low.clone(), high.clone(),
                   generator=torch.Generator().manual_seed(GEN_SEED), what=call, hint=GENERATE_HINT)
    ck.expect_tensor(fake, f"{call} after {what}", (N_GENERATED, low.shape[0]))
    fake = ck.base.plain(fake).detach()
    ck.expect_finite(fake, f"{call} after {what}")
    return fake, call


def _pearson(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


# ---------------------------------------------------------------- checks ----

def test_scaling_round_trip(sol):
    # a plain case first: 3 cells, 3 genes, the middle gene constant (span 1 in place of 0: it scales to -1)
    x = torch.tensor([[0.0, 1.0, 5.0], [2.0, 1.0, 3.0], [4.0, 1.0, 4.0]])
    expected = torch.tensor([[-1.0, -1.0, 1.0], [0.0, -1.0, -1.0], [1.0, -1.0, 0.0]])
    low, high = x.min(dim=0).values, x.max(dim=0).values
    y = ck.call(sol.scale_to_unit, x.clone(), low, high, what="scale_to_unit(x [3, 3], low, high)",
                hint=SCALE_HINT)
    ck.expect_tensor(y, "scale_to_unit(x [3, 3], low, high)", (3, 3))
    ck.expect_close(y, expected, "scale_to_unit([[0, 1, 5], [2, 1, 3], [4, 1, 4]], low=[0, 1, 3], "
                    "high=[4, 1, 5]) (the constant middle gene scales to -1)", SCALE_HINT)
    _check_scaling(sol, x, "x [3, 3]", other=torch.tensor([[-2.0, 0.0, 6.0], [1.0, 3.0, 4.5]]))
    data, _ = log_expression(n_cells=40, n_genes=12, seed=3)  # genes of very different ranges
    _check_scaling(sol, data, "log_expression(40, 12, seed=3)", other=log_expression(10, 12, seed=4)[0])

    def case(c):
        x, other = _scale_case(c)
        _check_scaling(sol, x, f"x {tuple(x.shape)}", other=other)

    ck.for_all(SCALE_CASES, case, max_examples=10)


def _check_mbstd(sol, x, what):
    found = ck.call(sol.minibatch_std, x.clone(), what=f"minibatch_std({what})", hint=MBSTD_HINT)
    b, genes = x.shape
    ck.expect_tensor(found, f"minibatch_std({what})", (b, 2 * genes), dtype=x.dtype, hint=MBSTD_HINT)
    ck.expect_close(found, _trusted_mbstd(x), f"minibatch_std({what}) vs cat([x, x.std(dim=0, correction=0) "
                    "on every row], dim=1)", MBSTD_HINT)
    leaf = x.clone().requires_grad_(True)
    weights = torch.linspace(-1.0, 2.0, b * 2 * genes, dtype=torch.float64).reshape(b, 2 * genes)
    out = ck.call(sol.minibatch_std, leaf, what=f"minibatch_std({what}) with gradients", hint=MBSTD_HINT)
    ck.expect(isinstance(out, torch.Tensor) and out.requires_grad, f"minibatch_std({what}) to carry "
              "gradients back to x", "an output without a graph", MBSTD_HINT)
    grad, = torch.autograd.grad((out.double() * weights).sum(), leaf, allow_unused=True)
    trusted_leaf = x.detach().double().requires_grad_(True)
    trusted, = torch.autograd.grad((_trusted_mbstd(trusted_leaf) * weights).sum(), trusted_leaf)
    ck.expect(grad is not None, f"a gradient of minibatch_std({what}) with respect to x", "None", MBSTD_HINT)
    ck.expect_close(grad, trusted, f"the gradient of a weighted sum of minibatch_std({what}) with respect "
                    "to x (through the spread half too: it is not detached)", MBSTD_HINT)


def _mbstd_case(case):
    b, genes, double, seed = case
    g = torch.Generator().manual_seed(seed)
    x = 2 * torch.randn(b, genes, generator=g, dtype=torch.float64 if double else torch.float32)
    return x, f"x [{b}, {genes}] {'float64' if double else 'float32'}"


def test_minibatch_std(sol):
    x = torch.tensor([[1.0, 2.0], [3.0, 2.0]])
    found = ck.call(sol.minibatch_std, x.clone(), what="minibatch_std([[1, 2], [3, 2]])", hint=MBSTD_HINT)
    ck.expect_tensor(found, "minibatch_std([[1, 2], [3, 2]])", (2, 4), hint=MBSTD_HINT)
    ck.expect_close(found, torch.tensor([[1.0, 2.0, 1.0, 0.0], [3.0, 2.0, 1.0, 0.0]]),
                    "minibatch_std([[1, 2], [3, 2]]) (per-gene spreads 1 and 0, population std)", MBSTD_HINT)
    one = torch.tensor([[0.5, -1.0, 4.0]])
    _check_mbstd(sol, one, "one cell [1, 3] (its spread is 0, not NaN)")
    _check_mbstd(sol, log_expression(16, 12, seed=7)[0], "log_expression(16, 12, seed=7)")
    ck.for_all(MBSTD_CASES, lambda c: _check_mbstd(sol, *_mbstd_case(c)), max_examples=20)
    # the discriminator judges each cell with its batch's spread
    D = ck.build_model(sol.ExpressionDiscriminator, 5, 8, what="ExpressionDiscriminator(5, 8)")
    _expect_net(D, _discriminator_layers(5, 8), "ExpressionDiscriminator(5, 8)")
    batch = torch.randn(6, 5, generator=torch.Generator().manual_seed(8))
    with torch.no_grad():
        logits = ck.call(D, batch.clone(), what="ExpressionDiscriminator(5, 8)(x [6, 5])", hint=MBSTD_HINT)
        ck.expect_tensor(logits, "ExpressionDiscriminator(5, 8)(x [6, 5])", (6, 1))
        trusted = D.net(_trusted_mbstd(batch).float())
        ck.expect_close(logits, trusted, "ExpressionDiscriminator(5, 8)(x) vs D.net(minibatch_std(x)) with "
                        "D's own layers (raw logits, no sigmoid)", MBSTD_HINT)
        changed = batch.clone()
        changed[5] = changed[5] + 3.0
        others = ck.call(D, changed, what="ExpressionDiscriminator(5, 8)(x with its last cell changed)",
                         hint=MBSTD_HINT)
        ck.expect_close(others, D.net(_trusted_mbstd(changed).float()), "ExpressionDiscriminator(5, 8)(x "
                        "with its last cell moved by 3) vs D.net(minibatch_std(x))", MBSTD_HINT)
        moved = (ck.base.plain(others)[:5] - ck.base.plain(logits)[:5]).abs().max().item()
        ck.expect(moved > 1e-6, "the other five cells' logits to change when the last cell of their batch "
                  "changes (each cell is judged with its batch's spread)", f"largest change {moved:.3g}",
                  MBSTD_HINT)


def _expect_net(model, layers, what):
    net = getattr(model, "net", None)
    kinds = [type(m).__name__ for m in net] if isinstance(net, nn.Sequential) else None
    ck.expect(kinds == [k.__name__ for k, _ in layers], f"{what}.net = nn.Sequential("
              + ", ".join(k.__name__ for k, _ in layers) + ")", repr(kinds or type(net).__name__), ARCH_HINT)
    for module, (kind, size) in zip(net, layers):
        if kind is nn.Linear:
            ck.expect_linear(module, *size, f"{what}.net: a layer")
        if kind is nn.LeakyReLU:
            ck.expect(module.negative_slope == 0.2, f"{what}.net: nn.LeakyReLU(0.2)",
                      f"negative_slope {module.negative_slope}", ARCH_HINT)


def _generator_layers(genes, latent, hidden):
    return ((nn.Linear, (latent, hidden)), (nn.ReLU, None), (nn.Linear, (hidden, hidden)), (nn.ReLU, None),
            (nn.Linear, (hidden, genes)), (nn.Tanh, None))


def _discriminator_layers(genes, hidden):
    return ((nn.Linear, (2 * genes, hidden)), (nn.LeakyReLU, None), (nn.Linear, (hidden, hidden)),
            (nn.LeakyReLU, None), (nn.Linear, (hidden, 1)))


def test_param_count(sol):
    G = ck.build_model(sol.ExpressionGenerator, what="ExpressionGenerator()")
    ck.expect_param_count(G, G_PARAMS,
                          "ExpressionGenerator() (defaults n_genes=50, latent_dim=16, hidden=128)")
    _expect_net(G, _generator_layers(50, 16, 128), "ExpressionGenerator()")
    D = ck.build_model(sol.ExpressionDiscriminator, what="ExpressionDiscriminator()")
    ck.expect_param_count(D, D_PARAMS, "ExpressionDiscriminator() (defaults n_genes=50, hidden=128)")
    _expect_net(D, _discriminator_layers(50, 128), "ExpressionDiscriminator()")
    for args, count in G_CASES:
        what = f"ExpressionGenerator{args}"
        G = ck.build_model(sol.ExpressionGenerator, *args, what=what)
        ck.expect_param_count(G, count, what)
        _expect_net(G, _generator_layers(*args), what)
        z = torch.randn(4, args[1], generator=torch.Generator().manual_seed(2))
        with torch.no_grad():
            out = ck.call(G, z, what=f"{what}(z [4, {args[1]}])", hint=ARCH_HINT)
            ck.expect_tensor(out, f"{what}(z [4, {args[1]}])", (4, args[0]))
            ck.expect_close(out, G.net(z), f"{what}(z) vs {what}.net(z)", "forward(z) returns self.net(z)")
    for args, count in D_CASES:
        what = f"ExpressionDiscriminator{args}"
        D = ck.build_model(sol.ExpressionDiscriminator, *args, what=what)
        ck.expect_param_count(D, count, what)
        _expect_net(D, _discriminator_layers(*args), what)


class _GradersGenerator(nn.Module):
    """The graders' own generator (the spec's layout), for testing generation alone."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(16, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                                 nn.Linear(128, 50), nn.Tanh())

    def forward(self, z):
        return self.net(z)


def test_generate_expression(sol):
    G = ck.seeded(0, _GradersGenerator).eval()
    x, _ = log_expression(seed=0)
    low, high = x.min(dim=0).values, x.max(dim=0).values
    what = "the graders' generator (net: 16 -> 128 -> 128 -> 50, Tanh)"
    # generate_expression draws ONE z from the generator it is given; the graders redraw it
    runs = ck.under_global_seeds(lambda: _generated(sol, G, low, high, what), f"generate_expression(G, "
                                 f"{N_GENERATED}, low, high, generator=...)", GENERATE_HINT)
    (fake, call), (again, _) = runs
    ck.expect(torch.equal(fake, again), f"{call} twice: the same cells from the same seed",
              "two different results", GENERATE_HINT)
    z = torch.randn(N_GENERATED, 16, generator=torch.Generator().manual_seed(GEN_SEED))
    with torch.no_grad():
        trusted = _trusted_unscale(G.net(z), low, high)
    ck.expect_close(fake, trusted, f"{call} vs unscale(G(z)) for the graders' z = torch.randn({N_GENERATED}, "
                    f"16, generator=torch.Generator().manual_seed({GEN_SEED}))", GENERATE_HINT)
    default = ck.seeded(5, lambda: ck.call(sol.generate_expression, G, 7, low.clone(), high.clone(),
                                           what="generate_expression(G, 7, low, high)", hint=GENERATE_HINT))
    with torch.no_grad():
        trusted = ck.seeded(5, lambda: _trusted_unscale(G.net(torch.randn(7, 16)), low, high))
    ck.expect_tensor(default, "generate_expression(G, 7, low, high) (no generator)", (7, x.shape[1]))
    ck.expect_close(default, trusted, "generate_expression(G, 7, low, high) with generator=None (torch's "
                    "global generator, seeded 5 by the graders) vs unscale(G(torch.randn(7, latent_dim)))",
                    GENERATE_HINT + "; generator=None draws from torch's global generator")


def test_learns_the_cells(sol):
    G, low, high, x, labels, what = _trained(sol)
    fake, call = _generated(sol, G, low, high, what)
    # mode collapse first: the commonest way a GAN fails here, and what its other statistics then show
    centroids = NearestCentroid().fit(x.numpy(), labels.numpy())
    shares = np.bincount(centroids.predict(fake.numpy()), minlength=4) / N_GENERATED
    ck.expect(shares.min() >= SHARE_BAR, f"{what}: every one of the 4 cell types gets >= {SHARE_BAR:.0%} "
              f"of {call} (NearestCentroid fitted on the real cells and their labels)",
              "shares " + ", ".join(f"type {t}: {s:.3f}" for t, s in enumerate(shares)), COLLAPSE_HINT)
    ratio = (torch.pdist(fake.double()).mean() / torch.pdist(x.double()).mean()).item()
    ck.expect(ratio >= DISTANCE_BAR, f"{what}: mean pairwise Euclidean distance of the {N_GENERATED} "
              f"generated cells >= {DISTANCE_BAR} x that of the {x.shape[0]} real cells", f"{ratio:.3f} x",
              COLLAPSE_HINT)
    r = _pearson(_trusted_scale(x, low, high).mean(dim=0), _trusted_scale(fake, low, high).mean(dim=0))
    ck.expect(r >= MEANS_BAR, f"{what}: Pearson correlation of the 50 per-gene means of x and of "
              f"{call} (both scaled with x's scaler) >= {MEANS_BAR}", f"{r:.3f}",
              TRAIN_HINT + "; " + COLLAPSE_HINT)
    r = _pearson(_trusted_scale(x, low, high).std(dim=0), _trusted_scale(fake, low, high).std(dim=0))
    ck.expect(r >= SPREAD_R_BAR, f"{what}: Pearson correlation of the 50 per-gene standard deviations of x "
              f"and of {call} (both scaled with x's scaler) >= {SPREAD_R_BAR}", f"{r:.3f}",
              TRAIN_HINT + "; " + COLLAPSE_HINT)
    real_sd, fake_sd = x.double().std(dim=0), fake.double().std(dim=0)
    error = ((fake_sd - real_sd).abs() / real_sd).mean().item()
    ck.expect(error <= SPREAD_BAR, f"{what}: per-gene standard deviations of {call} close to those of x: "
              f"mean over genes of |std_fake - std_real| / std_real <= {SPREAD_BAR}", f"{error:.3f}",
              TRAIN_HINT + "; " + COLLAPSE_HINT)


def _call_plot(sol, real, fake):
    what = (f"plot_gene_means(real [{real.shape[0]}, {real.shape[1]}], "
            f"fake [{fake.shape[0]}, {fake.shape[1]}])")
    fig = ck.drawn_figure(sol.plot_gene_means, real.clone(), fake.clone(), what=what, hint=PLOT_HINT,
                          show_hint="build the figure and return it; the caller shows it")
    return fig, what


def _check_plot(sol, real, fake):
    from matplotlib.collections import PathCollection

    fig, what = _call_plot(sol, real, fake)
    with ck.checked_figure(fig, what):
        ax = ck.expect_axes(fig, 1, what)[0]
        wanted = torch.stack([real.mean(dim=0), fake.mean(dim=0)], dim=1).double().numpy()
        scatters = [np.asarray(c.get_offsets(), dtype=np.float64).reshape(-1, 2) for c in ax.collections
                    if isinstance(c, PathCollection)]
        ck.expect(bool(scatters), f"{what}: a scatter plot (ax.scatter)", "no scatter collections", PLOT_HINT)
        same = [s for s in scatters
                if s.shape == wanted.shape and np.allclose(s, wanted, rtol=1e-5, atol=1e-6)]
        found = scatters[0]
        ck.expect(bool(same), f"{what}: one point per gene at (real mean, generated mean), e.g. "
                  f"{wanted[:2].round(4).tolist()}",
                  f"{found.shape[0]} points, e.g. {found[:2].round(4).tolist()}", PLOT_HINT)
        ck.expect((ax.get_xlabel(), ax.get_ylabel()) == LABELS, f"{what}: axis labels {LABELS} (x, y)",
                  repr((ax.get_xlabel(), ax.get_ylabel())), PLOT_HINT)
        diagonal = []
        for line in ax.get_lines():
            xs = np.asarray(line.get_xdata(), dtype=np.float64).reshape(-1)
            ys = np.asarray(line.get_ydata(), dtype=np.float64).reshape(-1)
            if xs.shape == ys.shape and xs.size >= 2 and np.allclose(xs, ys) and np.ptp(xs) > 0:
                diagonal.append(line)
        ck.expect(bool(diagonal), f"{what}: the line y = x (a line whose x and y data are equal, at 2 or "
                  "more distinct points)", f"{len(ax.get_lines())} lines, none with x == y", PLOT_HINT)


def _plot_case(n_real, n_fake, genes, seed):
    g = torch.Generator().manual_seed(seed)
    return 3 * torch.rand(n_real, genes, generator=g), 3 * torch.rand(n_fake, genes, generator=g)


def test_plot_gene_means(sol):
    real = torch.tensor([[0.0, 1.0, 2.0, 4.0], [2.0, 3.0, 2.0, 0.0], [1.0, 2.0, 5.0, 2.0]])
    fake = torch.tensor([[1.0, 0.5, 3.0, 1.0], [0.0, 2.5, 4.0, 3.0]])
    _check_plot(sol, real, fake)  # means: real (1, 2, 3, 2), generated (0.5, 1.5, 3.5, 2)
    _check_plot(sol, log_expression(30, 50, seed=5)[0], log_expression(20, 50, seed=6)[0])
    ck.for_all(PLOT_CASES, lambda c: _check_plot(sol, *_plot_case(*c)), max_examples=8)


class _Pipeline(nn.Module):
    """D(G(z)), G(z), generate_expression and scale_to_unit in one call (the tensors of the exercise)."""

    def __init__(self, sol, genes, latent):
        super().__init__()
        self.sol = sol
        self.G, self.D = sol.ExpressionGenerator(genes, latent), sol.ExpressionDiscriminator(genes)
        self.register_buffer("low", torch.zeros(genes))
        self.register_buffer("high", torch.linspace(1.0, 3.0, genes))

    def forward(self, z):
        fake = self.G(z)
        cells = self.sol.generate_expression(self.G, 3, self.low, self.high)
        return self.D(fake), fake, cells, self.sol.scale_to_unit(cells, self.low, self.high)


def test_follows_device(sol):
    z = torch.randn(4, 6, generator=torch.Generator().manual_seed(21))
    what = ("ExpressionGenerator(5, 6) and ExpressionDiscriminator(5): D(G(z)), generate_expression(G, 3, "
            "low, high), scale_to_unit")
    ck.expect_follows_device(lambda: ck.build_model(_Pipeline, sol, 5, 6, what=what), z, what)


class _Pair(nn.Module):
    def __init__(self, sol):
        super().__init__()
        self.G, self.D = sol.ExpressionGenerator(), sol.ExpressionDiscriminator()

    def forward(self, z):
        fake = self.G(z)
        return fake, self.D(fake)


def test_cuda_parity(sol):
    z = torch.randn(16, 16, generator=torch.Generator().manual_seed(22))
    ck.expect_cuda_parity(lambda: ck.build_model(_Pair, sol, what="ExpressionGenerator(), "
                                                 "ExpressionDiscriminator()"), z,
                          "ExpressionGenerator() then ExpressionDiscriminator() (eval mode)")
