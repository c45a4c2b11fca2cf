"""Graders: capstone 2, module 2 (training in a fixed budget, latent means, k-means clusters and their ARI
on held-out cells, the latent figure), with the outcomes of the VAE trained by the student's pipeline."""
import numpy as np
import torch
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit import checks as ck
from coursekit.checks import cells as cc
from coursekit.data import capstone2  # noqa: F401  (its warm_cache runs before a sealed grading process)

OUTCOME_SEED = 0  # the public outcomes' seed (the hidden twin has its own)
ARI_HINT = ("heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator): "
            "train_vae on the train_idx rows, latent_means of the test_idx rows, cluster_cells(z, n_clusters), "
            "then sklearn.metrics.adjusted_rand_score(labels[test_idx], clusters)")
FIGURE_HINT = ("plot_latent(z, labels, names): fig, ax = plt.subplots(); for each code c present, in increasing "
               "order: ax.scatter(z[labels == c, 0], z[labels == c, 1], label=names[c]); ax.set_xlabel('latent "
               "1'); ax.set_ylabel('latent 2'); ax.legend(); return fig (never plt.show())")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


class _Recorder:
    """The graders' loss: squared output of a linear model, with what it was given recorded."""

    def __init__(self):
        self.rows, self.libraries, self.modes = [], [], []

    def __call__(self, model, x, library=None):
        self.rows.append(x[:, 0].round().long().tolist())
        self.libraries.append(None if library is None else library.detach().clone())
        self.modes.append(model.training)
        return model(x).pow(2).mean()


def _trusted_training(x, library, steps, seed):
    model = ck.seeded(5, nn.Linear, x.shape[1], 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=cc.LR)
    g, rows = _gen(seed), []
    for _ in range(steps):
        idx = torch.randint(0, x.shape[0], (cc.BATCH,), generator=g)
        rows.append(idx.tolist())
        loss = model(x[idx]).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model, rows, library[torch.tensor(rows[-1])]


def test_training_budget(sol):
    n = 150
    x = torch.rand(n, 6, generator=_gen(1))
    x[:, 0] = torch.arange(n, dtype=torch.float32)  # each row's own index, so the graders see which rows
    library = 1000 + torch.arange(n, dtype=torch.float32)
    model, loss_fn, steps = ck.seeded(5, nn.Linear, 6, 1), _Recorder(), []
    handle = register_optimizer_step_post_hook(lambda optimizer, args, kwargs: steps.append(type(optimizer)))
    what = "train_vae(graders' model, graders' loss_fn, x [150, 6], library, generator) with its defaults"
    try:
        losses = ck.call(sol.train_vae, model, loss_fn, x.clone(), library.clone(), generator=_gen(2), what=what,
                         hint=cc.TRAIN_HINT)
    finally:
        handle.remove()
    ck.expect_float_list(losses, cc.STEPS, what, per="step")
    ck.expect(len(steps) == cc.STEPS and set(steps) == {torch.optim.Adam}, f"{what}: {cc.STEPS} steps of "
              "torch.optim.Adam", f"{len(steps)} steps of {sorted({s.__name__ for s in steps})}", cc.TRAIN_HINT)
    trusted, rows, last_library = _trusted_training(x, library, cc.STEPS, 2)
    ck.expect(loss_fn.rows == rows, f"{what}: each step's batch x[idx], idx = torch.randint(0, N, (128,), "
              "generator=generator), one call of loss_fn per step", "other rows" if len(loss_fn.rows) == cc.STEPS
              else f"{len(loss_fn.rows)} calls", cc.TRAIN_HINT)
    ck.expect(all(loss_fn.modes) and loss_fn.libraries[-1] is not None
              and torch.equal(loss_fn.libraries[-1], last_library), f"{what}: the model in train mode, and "
              "loss_fn(model, x[idx], library[idx])", "eval mode or another library", cc.TRAIN_HINT)
    ck.expect_same_weights(model, trusted, f"{what}: the weights after the steps of Adam (lr=3e-3)",
                           cc.TRAIN_HINT)
    loss_fn = _Recorder()
    ck.call(sol.train_vae, ck.seeded(5, nn.Linear, 6, 1), loss_fn, x.clone(), steps=3, batch_size=7,
            generator=_gen(3), what="train_vae(model, loss_fn, x, steps=3, batch_size=7) without a library",
            hint=cc.TRAIN_HINT)
    ck.expect(len(loss_fn.rows) == 3 and all(len(r) == 7 for r in loss_fn.rows)
              and all(lib is None for lib in loss_fn.libraries), "train_vae without a library: 3 steps of 7 rows, "
              "loss_fn(model, x[idx], None)", f"{[len(r) for r in loss_fn.rows]} rows, libraries "
              f"{[lib is None for lib in loss_fn.libraries]}", cc.TRAIN_HINT)


class _KitVAE(nn.Module):
    """The graders' own small NB VAE (trusted): log1p counts -> linear -> (mu, logvar); softmax decoder."""

    def __init__(self, n_genes, n_latent=4):
        super().__init__()
        self.likelihood, self.n_latent = "nb", n_latent
        self.encoder = nn.Linear(n_genes, 2 * n_latent)
        self.decoder = nn.Linear(n_latent, n_genes)
        self.log_dispersion = nn.Parameter(torch.zeros(n_genes))

    def encode(self, x):
        return self.encoder(torch.log1p(x)).chunk(2, dim=1)

    def forward(self, x, library=None):
        library = x.sum(dim=1) if library is None else library
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu) if self.training else mu
        return torch.softmax(self.decoder(z), dim=1) * library.unsqueeze(1), mu, logvar


def _kit_loss(model, x, library=None):
    mean, mu, logvar = model(x, library)
    return (cc.trusted_kl(mu, logvar) - cc.trusted_nb(x, mean, model.log_dispersion.exp())).mean()


def test_heldout_ari_matches(sol):
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    data = cc.counts(1)
    model = ck.seeded(1, _KitVAE, data.x.shape[1]).train()
    what = "latent_means(graders' model in train mode, x)"
    z = ck.call(sol.latent_means, model, data.x[:50], what=what, hint="eval mode, torch.no_grad(), encode's mu")
    with torch.no_grad():
        trusted = model.eval().encode(data.x[:50])[0]
    ck.expect(isinstance(z, torch.Tensor) and not z.requires_grad and model.train().training,
              f"{what}: a tensor without gradients (torch.no_grad()), the model back in train mode", repr(z)[:60],
              "with torch.no_grad(): ...; restore the mode the model was in")
    ck.expect_close(z, trusted, f"{what}: encode(x)[0] in eval mode", "mu, the first half", rtol=1e-5, atol=1e-6)
    what = "cluster_cells(z [50, 4], 3, seed=2)"
    found = ck.call(sol.cluster_cells, trusted.clone(), 3, seed=2, what=what, hint="sklearn KMeans")
    expected = KMeans(n_clusters=3, n_init=10, random_state=2).fit_predict(trusted.numpy())
    ck.expect(isinstance(found, torch.Tensor) and found.dtype == torch.int64
              and torch.equal(found, torch.as_tensor(expected)), f"{what}: int64 KMeans(n_clusters=3, n_init=10, "
              "random_state=2).fit_predict(z)", repr(found)[:80], "sklearn.cluster.KMeans(...).fit_predict")
    what = "heldout_ari(graders' model, graders' loss_fn, counts, library, labels, train_idx, test_idx, 4, generator)"
    model = ck.seeded(2, _KitVAE, data.x.shape[1])
    found = ck.seeded(3, ck.call, sol.heldout_ari, model, _kit_loss, data.x, data.library, data.labels,
                      data.train_idx.tolist(), data.test_idx.tolist(), 4, generator=_gen(4), what=what,
                      hint=ARI_HINT)
    ck.expect(isinstance(found, tuple) and len(found) == 2, f"{what} to return (ari, clusters)",
              type(found).__name__, ARI_HINT)
    ari, clusters = found
    with torch.no_grad():
        mu = model.eval().encode(data.x[data.test_idx])[0]
    expected = KMeans(n_clusters=4, n_init=10, random_state=0).fit_predict(mu.numpy())
    trusted = adjusted_rand_score(data.labels[data.test_idx].numpy(), expected)
    ck.expect(isinstance(clusters, torch.Tensor) and tuple(clusters.shape) == (len(data.test_idx),)
              and np.array_equal(clusters.numpy(), expected), f"{what}: the clusters of the {len(data.test_idx)} "
              "held-out cells, k-means on the trained model's latent means (seed 0)",
              repr(getattr(clusters, "shape", clusters))[:80], ARI_HINT)
    ck.expect(isinstance(ari, float) and abs(ari - trusted) < 1e-9, f"{what}: the ARI {trusted:.6f} "
              "(adjusted_rand_score of the held-out cells' types and those clusters)", repr(ari), ARI_HINT)


def test_heldout_ari(sol):
    cc.expect_heldout_ari(sol, OUTCOME_SEED)


def test_pbmc_ari(sol):
    cc.expect_pbmc_ari(sol, OUTCOME_SEED)


def _plot(sol, z, labels, names, what):
    return ck.drawn_figure(sol.plot_latent, z.clone(), labels.clone(), names, what=what, hint=FIGURE_HINT)


NAMES = ("CD14+ Monocyte", "CD4+/CD45RO+ Memory", "CD56+ NK", "CD19+ B", "Dendritic")
CASES = st.tuples(st.integers(2, 5), st.integers(10, 60), st.integers(2, 6), st.integers(0, 2**31 - 1))


def _latent_case(types, n, d, seed):
    g = _gen(seed)
    labels = torch.cat([torch.arange(types), torch.randint(0, types, (n - types,), generator=g)])
    labels = labels[torch.randperm(n, generator=g)]
    return torch.randn(n, d, generator=g), labels


def test_figure_points(sol):
    def case(c):
        types, n, d, seed = c
        z, labels = _latent_case(types, n, d, seed)
        what = f"plot_latent(z [{n}, {d}], labels of {types} types, names)"
        with ck.checked_figure(_plot(sol, z, labels, NAMES[:types], what), what) as fig:
            ax = ck.expect_axes(fig, 1, what)[0]
            drawn = [c for c in ax.collections if len(c.get_offsets())]
            ck.expect(len(drawn) == types, f"{what}: one scatter per cell type ({types})", f"{len(drawn)}",
                      FIGURE_HINT)
            for code, points in enumerate(drawn):
                rows = labels == code
                ck.expect_close(torch.as_tensor(np.asarray(points.get_offsets(), dtype=float)), z[rows, :2],
                                f"{what}: scatter {code + 1}, the cells of type {code} at (z[:, 0], z[:, 1]) in "
                                "their order", FIGURE_HINT, rtol=1e-5, atol=1e-6)

    case((3, 40, 10, 1))
    ck.for_all(CASES, case, max_examples=10)


def test_figure_labels(sol):
    z, labels = _latent_case(4, 30, 3, 7)
    what = "plot_latent(z [30, 3], labels of 4 types, names)"
    with ck.checked_figure(_plot(sol, z, labels, NAMES[:4], what), what) as fig:
        ax = ck.expect_axes(fig, 1, what)[0]
        ck.expect((ax.get_xlabel(), ax.get_ylabel()) == ("latent 1", "latent 2"), f"{what}: axis labels "
                  "('latent 1', 'latent 2')", repr((ax.get_xlabel(), ax.get_ylabel())), FIGURE_HINT)
        ck.expect_legend(ax, NAMES[:4], what)
