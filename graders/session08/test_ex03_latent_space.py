"""Graders: session 8, exercise 3 (CellVAE, train_cell_vae, plot_latent on the pbmc68k cells)."""
import functools

import numpy as np
import torch
from hypothesis import strategies as st
from sklearn.metrics import silhouette_score
from torch import nn

from coursekit import checks as ck
from coursekit.data.session08 import pbmc68k_reduced

# CellVAE(n, L, h) = 2*n*h + 3*L*h + 2*h + 2*L + n parameters
DEFAULT_PARAMS = 200_721  # CellVAE(): 2*765*128 + 3*10*128 + 2*128 + 2*10 + 765
PARAM_CASES = (((), 200_721), ((50, 3, 16), 1_832), ((20,), 9_256), ((30, 2, 8), 578))
# The learning check (train_cell_vae(x) with its defaults on the 700 cells). The reference over 20 seeds
# (init, shuffling and noise): silhouette 0.168 to 0.217, negative ELBO 653 to 662. Mutants over 20 seeds:
# silhouette <= 0.05 for collapsed or untrained models; negative ELBO >= 703 (logvar read as std, whose
# silhouette passes), 732 (sigmoid decoder), 770 (collapsed), 813 (untrained).
SILHOUETTE_BAR = 0.10
NELBO_BAR = 680.0
ELBO_DRAWS, ELBO_SEED = 4, 1
LABELS = ("latent 1", "latent 2")

# (n_genes, latent_dim, hidden_dim, n cells, seed)
MODEL_CASES = st.tuples(st.integers(1, 24), st.integers(1, 5), st.integers(1, 16), st.integers(1, 9),
                        st.integers(0, 2**31 - 1))
# (n points, latent columns, number of cell types, as numpy, seed)
PLOT_CASES = st.tuples(st.integers(1, 40), st.integers(2, 5), st.integers(1, 10), st.booleans(),
                       st.integers(0, 2**31 - 1))

ARCH_HINT = ("encoder = nn.Sequential(nn.Linear(n_genes, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, "
             "2 * latent_dim)), decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(), "
             "nn.Linear(hidden_dim, n_genes)); defaults n_genes=765, latent_dim=10, hidden_dim=128")
EMBED_HINT = ("embed(x): mu, the first half of encoder(x) (encode(x)[0]), computed under torch.no_grad() "
              "in eval mode, with no sampling and no random numbers; put the model back in the mode "
              "it was in (was = self.training; self.eval(); ...; self.train(was))")
SAMPLE_HINT = ("sample(n, generator=None): z = torch.randn(n, latent_dim, generator=generator, "
               "dtype=..., device=...) (one call, nothing else drawn), then decode(z) under torch.no_grad()")
TRAIN_HINT = ("train_cell_vae: Adam(lr=1e-3) for 10 epochs of shuffled mini-batches of 64 cells; loss = "
              "batch mean of (squared error summed over genes + KL summed over latent dimensions), "
              "KL = -0.5 * sum(1 + logvar - mu**2 - exp(logvar)), z = mu + eps * exp(logvar / 2); a "
              "plain Linear decoder output (no sigmoid); return the model in eval mode")
PLOT_HINT = ("one ax.scatter(z[idx, 0], z[idx, 1], label=cell_types[code]) per cell type present in "
             "labels, then ax.legend(); return fig")


# ---------------------------------------------------------------- helpers ----

def _cells():
    x, labels, cell_types, _ = pbmc68k_reduced()
    return x, labels, cell_types


def _model(sol, args, seed=0):
    what = f"CellVAE{tuple(args)}" if args else "CellVAE()"
    return ck.build_model(sol.CellVAE, *args, seed=seed, what=what), what


def _expect_sequential(seq, sizes, what):
    """seq is nn.Sequential(Linear(a, b), ReLU(), Linear(b, c))."""
    ck.expect(isinstance(seq, nn.Sequential) and len(seq) == 3, f"{what} = nn.Sequential of 3 layers "
              "(Linear, ReLU, Linear)", repr(seq)[:300], ARCH_HINT)
    (a, b), (c, d) = sizes
    ck.expect_linear(seq[0], a, b, f"{what}[0]")
    ck.expect(isinstance(seq[1], nn.ReLU), f"{what}[1] to be nn.ReLU()", type(seq[1]).__name__, ARCH_HINT)
    ck.expect_linear(seq[2], c, d, f"{what}[2]")


def _expect_rng_untouched(before, what, hint):
    ck.expect(torch.equal(before, torch.get_rng_state()), f"{what} to leave torch's global random state "
              "untouched", "it drew from the global generator", hint)


def _trusted_mu(model, x, latent):
    with torch.no_grad():
        return model.encoder(x)[:, :latent]


# ---------------------------------------------------------------- checks ----

def test_param_count(sol):
    for args, count in PARAM_CASES:
        model, what = _model(sol, args)
        ck.expect_param_count(model, count, what)
    model, what = _model(sol, ())
    _expect_sequential(getattr(model, "encoder", None), ((765, 128), (128, 20)), f"{what}.encoder")
    _expect_sequential(getattr(model, "decoder", None), ((10, 128), (128, 765)), f"{what}.decoder")
    model, what = _model(sol, (50, 3, 16))
    _expect_sequential(getattr(model, "encoder", None), ((50, 16), (16, 6)), f"{what}.encoder")
    _expect_sequential(getattr(model, "decoder", None), ((3, 16), (16, 50)), f"{what}.decoder")


def _check_embed(sol, args, x, seed):
    model, what = _model(sol, args, seed)
    latent = args[1] if len(args) > 1 else 10
    trusted = _trusted_mu(model, x, latent)
    call = f"{what}.embed(x [{x.shape[0]}, {x.shape[1]}])"
    for training in (False, True):
        mode = "train" if training else "eval"
        model.train(training)
        before = torch.get_rng_state()
        try:
            first = model.embed(x)
            second = model.embed(x)
        except RuntimeError as error:
            raise ck.CheckFailure(f"{call} in {mode} mode to run", f"RuntimeError: {error}",
                                  EMBED_HINT) from None
        _expect_rng_untouched(before, f"{call} in {mode} mode", EMBED_HINT)
        ck.expect_tensor(first, f"{call} in {mode} mode", (x.shape[0], latent))
        ck.expect(model.training == training, f"{call}: the model still in {mode} mode afterwards",
                  f"{'train' if model.training else 'eval'} mode", EMBED_HINT)
        ck.expect(not first.requires_grad, f"{call}: a result without gradient history (torch.no_grad())",
                  "requires_grad=True", EMBED_HINT)
        ck.expect(torch.equal(first, second), f"{call} in {mode} mode: the same encodings twice",
                  "two different results", EMBED_HINT)
        ck.expect_close(first, trusted, f"{call} in {mode} mode vs the first {latent} columns of "
                        "model.encoder(x)", EMBED_HINT)
    model.eval()
    with torch.no_grad():
        mu = model.encode(x)[0]
    ck.expect_close(model.embed(x), mu, f"{call} vs {what}.encode(x)[0] in eval mode", EMBED_HINT)


def test_encodings_deterministic(sol):
    x, _, _ = _cells()
    _check_embed(sol, (), x[:50], seed=1)  # the defaults, on 50 real cells

    def case(c):
        genes, latent, hidden, n, seed = c
        x = torch.randn(n, genes, generator=torch.Generator().manual_seed(seed))
        _check_embed(sol, (genes, latent, hidden), x, seed % 1000)

    ck.for_all(MODEL_CASES, case, max_examples=20)


def _check_sample(sol, args, n, seed):
    model, what = _model(sol, args, seed)
    genes = args[0] if args else 765
    latent = args[1] if len(args) > 1 else 10
    call = f"{what}.sample({n}, generator=torch.Generator().manual_seed({seed}))"
    before = torch.get_rng_state()
    try:
        first = model.sample(n, generator=torch.Generator().manual_seed(seed))
        again = model.sample(n, generator=torch.Generator().manual_seed(seed))
        other = model.sample(n, generator=torch.Generator().manual_seed(seed + 1))
    except (RuntimeError, TypeError) as error:
        raise ck.CheckFailure(f"{call} to run", f"{type(error).__name__}: {error}", SAMPLE_HINT) from None
    _expect_rng_untouched(before, f"{call} (with a generator)", "draw z from the generator you are given: "
                          + SAMPLE_HINT)
    ck.expect_tensor(first, call, (n, genes))
    ck.expect(not first.requires_grad, f"{call}: a result without gradient history (torch.no_grad())",
              "requires_grad=True", SAMPLE_HINT)
    ck.expect(torch.equal(first, again), f"{call} twice: the same samples from the same seed",
              "two different results", SAMPLE_HINT)
    ck.expect(not torch.equal(first, other), f"{call} and seed {seed + 1}: different samples",
              "the same samples", SAMPLE_HINT)
    z = torch.randn(n, latent, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        trusted = model.decoder(z)
    ck.expect_close(first, trusted, f"{call} vs model.decoder(z) for the graders' z = torch.randn({n}, "
                    f"{latent}, generator=torch.Generator().manual_seed({seed}))", SAMPLE_HINT)


def test_seeded_samples(sol):
    _check_sample(sol, (), 6, seed=3)  # the defaults: 765 genes, 10 latent dimensions
    model, what = _model(sol, (), seed=4)
    call = f"{what}.sample(5) (no generator: torch's global one, seeded 5 by the graders)"
    found = ck.seeded(5, model.sample, 5)
    ck.expect_tensor(found, call, (5, 765))
    with torch.no_grad():
        trusted = ck.seeded(5, lambda: model.decoder(torch.randn(5, 10)))
    ck.expect_close(found, trusted, f"{call} vs model.decoder(torch.randn(5, 10)) from the same seed",
                    SAMPLE_HINT + "; generator=None draws from torch's global generator")
    ck.for_all(MODEL_CASES, lambda c: _check_sample(sol, c[:3], c[3], c[4] % 100_000), max_examples=20)


@functools.lru_cache(maxsize=None)
def _trained(sol):
    """train_cell_vae(x) with its defaults on the 700 cells (once per process)."""
    x, _, _ = _cells()
    return ck.seeded_training(0, sol.train_cell_vae, x)


def _negative_elbo(model, x):
    """The batch mean of squared error summed over genes + KL, with the graders' own noise (4 draws)."""
    with torch.no_grad():
        mu, logvar = model.encoder(x).chunk(2, dim=-1)
        eps = torch.randn((ELBO_DRAWS,) + tuple(mu.shape), generator=torch.Generator().manual_seed(ELBO_SEED))
        recon = model.decoder(mu + eps * torch.exp(logvar / 2))
        reconstruction = (recon - x).pow(2).sum(dim=-1).mean()
        kl = (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=-1)).mean()
    return (reconstruction + kl).item()


def test_separates_cell_types(sol):
    x, labels, _ = _cells()
    model = _trained(sol)
    what = "train_cell_vae(x) (defaults) on the 700 pbmc68k cells"
    ck.expect_module(model, f"the model returned by {what}")
    ck.expect(not model.training, f"the model returned by {what} in eval mode", "train mode",
              "return model.eval()")
    for name in ("encoder", "decoder"):
        ck.expect(isinstance(getattr(model, name, None), nn.Module), f"the trained model's {name} "
                  "(an nn.Sequential)", repr(type(getattr(model, name, None))), ARCH_HINT)
    mu = _trusted_mu(model, x, 10)
    ck.expect_tensor(mu, "the first 10 columns of the trained model.encoder(x) for the 700 cells", (700, 10))
    ck.expect_finite(mu, f"mu of the 700 cells after {what}")
    score = float(silhouette_score(mu.numpy(), labels.numpy()))
    ck.expect(score >= SILHOUETTE_BAR, f"{what}: silhouette of mu (10 dimensions) by cell type >= "
              f"{SILHOUETTE_BAR} (PCA(10) of x: 0.21; an untrained model: about -0.04)", f"{score:.3f}",
              TRAIN_HINT)
    nelbo = _negative_elbo(model, x)
    ck.expect_finite([nelbo], f"the negative ELBO after {what}")
    ck.expect(nelbo <= NELBO_BAR, f"{what}: negative ELBO per cell (graders' noise, std = exp(logvar / 2)) "
              f"<= {NELBO_BAR:g} (predicting every gene's mean gives 772)", f"{nelbo:.1f}", TRAIN_HINT)


def _plot_case(n, latent, n_types, as_numpy, seed):
    """(z, labels, cell_types, codes present): distinct random points, codes drawn among n_types."""
    g = torch.Generator().manual_seed(seed)
    z = torch.randn(n, latent, generator=g)
    labels = torch.randint(0, n_types, (n,), generator=g)
    names = tuple(f"type {chr(65 + i)}" for i in range(n_types))
    if as_numpy:
        return z.numpy(), labels.numpy(), names
    return z, labels, names


def _hand_picked():
    z = torch.tensor([[0.5, -1.0], [2.0, 0.25], [-1.5, 1.0], [0.75, 3.0], [-0.5, -2.0], [1.25, 1.5]])
    labels = torch.tensor([2, 0, 2, 0, 2, 0])  # type 1 absent
    return z, labels, ("CD14+ Monocyte", "CD19+ B", "CD56+ NK")


def _real_case():
    """20 rows of 3 columns with the pbmc68k cell-type names, as numpy arrays."""
    g = torch.Generator().manual_seed(11)
    _, labels, cell_types = _cells()
    return torch.randn(20, 3, generator=g).numpy(), labels[:20].numpy(), cell_types


def _call_plot(sol, z, labels, cell_types):
    what = (f"plot_latent(z {type(z).__name__} {tuple(z.shape)}, labels of {len(labels)} cells, "
            f"{len(cell_types)} cell types)")
    from matplotlib import pyplot as plt

    shown = []
    real_show = plt.show
    plt.show = lambda *a, **k: shown.append(1)
    try:
        fig = sol.plot_latent(z, labels, cell_types)
    finally:
        plt.show = real_show
    return fig, what, bool(shown)


def _scatters(ax, what):
    from matplotlib.collections import PathCollection

    found = [c for c in ax.collections if isinstance(c, PathCollection)]
    ck.expect(bool(found), f"{what}: scatter plots (ax.scatter)", "no scatter collections", PLOT_HINT)
    return found


def _codes_of(points, z, labels):
    """The cell-type code of each drawn point (None for a point that is not a row of z[:, :2])."""
    where = {(float(a), float(b)): int(c) for (a, b), c in zip(np.asarray(z, dtype=np.float64)[:, :2],
                                                             np.asarray(labels))}
    return [where.get((float(a), float(b))) for a, b in points]


def _one_type(points, z, labels, what):
    """The one cell-type code of a collection's points (a failed check if they mix types)."""
    codes = set(_codes_of(points, z, labels))
    ck.expect(len(codes) == 1 and None not in codes, f"{what}: each scatter collection holds the cells of "
              "one type", f"a collection holding the types {sorted(c for c in codes if c is not None)}"
              + (" and points that are not rows of z[:, :2]" if None in codes else ""),
              PLOT_HINT + " (not one scatter of every cell coloured by c=labels)")
    return codes.pop()


def _check_points(sol, z, labels, cell_types):
    fig, what, _ = _call_plot(sol, z, labels, cell_types)
    with ck.checked_figure(fig, what):
        ax = ck.expect_axes(fig, 1, what)[0]
        groups = [np.asarray(c.get_offsets(), dtype=np.float64).reshape(-1, 2) for c in _scatters(ax, what)]
        drawn = np.concatenate(groups)
        wanted = np.asarray(z, dtype=np.float64)[:, :2]
        ck.expect(drawn.shape == wanted.shape, f"{what}: {len(wanted)} points drawn in all (each cell once)",
                  f"{len(drawn)} points", PLOT_HINT)
        order = lambda a: a[np.lexsort((a[:, 1], a[:, 0]))]  # noqa: E731
        ck.expect(np.allclose(order(drawn), order(wanted), rtol=1e-6, atol=1e-7),
                  f"{what}: the points drawn are the rows (z[i, 0], z[i, 1]) (x = latent 1, y = latent 2)",
                  f"other points, e.g. {drawn[:2].round(4).tolist()} where the first rows of z[:, :2] are "
                  f"{wanted[:2].round(4).tolist()}", PLOT_HINT + " (x is column 0, y is column 1)")
        for group in groups:
            _one_type(group, z, labels, what)


def test_plot_points(sol):
    _check_points(sol, *_hand_picked())
    _check_points(sol, *_real_case())
    ck.for_all(PLOT_CASES, lambda c: _check_points(sol, *_plot_case(*c)), max_examples=10)


def _check_legend(sol, z, labels, cell_types):
    fig, what, shown = _call_plot(sol, z, labels, cell_types)
    ck.expect(not shown, f"{what} not to call plt.show()", "plt.show() was called",
              "build the figure and return it; the caller shows it")
    with ck.checked_figure(fig, what):
        ax = ck.expect_axes(fig, 1, what)[0]
        ck.expect((ax.get_xlabel(), ax.get_ylabel()) == LABELS, f"{what}: axis labels {LABELS}",
                  repr((ax.get_xlabel(), ax.get_ylabel())),
                  'ax.set_xlabel("latent 1"); ax.set_ylabel("latent 2")')
        present = sorted({int(c) for c in np.asarray(labels)})
        names = [cell_types[c] for c in present]
        legend = ax.get_legend()
        ck.expect(legend is not None, f"{what} to show a legend", "no legend",
                  "call ax.legend() after plotting")
        shown_names = [t.get_text() for t in legend.get_texts()]
        ck.expect(sorted(shown_names) == sorted(names), f"{what}: one legend entry per cell type present, "
                  f"named by cell_types: {names}", f"{shown_names}",
                  PLOT_HINT + " (label= the name, cell_types[code], not the code)")
        for collection in _scatters(ax, what):
            code = _one_type(np.asarray(collection.get_offsets()).reshape(-1, 2), z, labels, what)
            ck.expect(collection.get_label() == cell_types[code], f"{what}: the scatter of the cells "
                      f"with code {code} labelled {cell_types[code]!r}", repr(collection.get_label()),
                      "label each type's scatter with its own name, cell_types[code]")


def test_plot_legend_and_labels(sol):
    _check_legend(sol, *_hand_picked())
    _check_legend(sol, *_real_case())
    ck.for_all(PLOT_CASES, lambda c: _check_legend(sol, *_plot_case(*c)), max_examples=10)


class _AllPaths(nn.Module):
    """forward (train: sampled; eval: mu), embed and sample of one model, in one call."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        recon, mu, logvar = self.model(x)
        return recon, mu, logvar, self.model.embed(x), self.model.sample(x.shape[0])


def test_follows_device(sol):
    x = torch.randn(5, 12, generator=torch.Generator().manual_seed(21))
    what = "CellVAE(12, 3, 8): forward, embed(x) and sample(5)"
    ck.expect_follows_device(lambda: ck.build_model(lambda: _AllPaths(sol.CellVAE(12, 3, 8)), what=what),
                             x, what)


def test_cuda_parity(sol):
    x, _, _ = _cells()
    ck.expect_cuda_parity(lambda: ck.build_model(sol.CellVAE, what="CellVAE()"), x[:64],
                          "CellVAE() (eval mode)")
