"""The outcomes of a single-cell pipeline (capstone 2), measured by the graders themselves.

The graders build the submission's ``CellVAE`` under a seed and train it with its ``train_vae``
and its ``negative_elbo`` in the spec's budget, on the training cells of the kit's counts (or of
scanpy's pbmc68k_reduced cells); the optimizer's steps and the rows of every call are counted
with hooks, and a training that runs past a wall-clock ceiling is stopped. Latent means are the
graders' own calls of ``model.encode``; clusters are their own k-means; cell types of generated
cells are called by the kit's logistic regression trained on real cells; time is compared with
scipy's Spearman correlation. Arrays only: the AnnData's own embeddings and clusters (derived from
its labels) never reach a submission. One training per submission, data set and seed.
"""
from __future__ import annotations

import copy
import functools
from typing import NamedTuple

import numpy as np
import torch

from coursekit.checks.base import call, expect, source_identity
from coursekit.checks.budget import watched_training
from coursekit.checks.models import build_model, count_parameters
from coursekit.data.capstone2 import N_TYPES, cell_split, differentiation_counts

STEPS, BATCH, LR = 300, 128, 3e-3  # train_vae's defaults: the budget
CEILING_S = 20.0  # a training still running after this long is stopped (the reference: about 1 s)
PARAM_CAP = 250_000  # CellVAE(765, "gaussian") at most
PBMC_TYPES = 10
N_GENERATED = 100  # cells generated per type
# Bars from sweeps over data, initialisation and training seeds 0-11 and the hidden seed, at the budget.
# At worst, the reference (and the layered alternative): ARI 0.665 (0.601), pbmc ARI minus the PCA
# baseline's -0.145 (-0.151), called 71% (58%), spread 0.057 (0.054), Spearman 0.963 (0.982). A model
# that never learns (gradients cleared before each step) at best: ARI 0.422, pbmc -0.44, called 25%,
# Spearman 0.891; sampling from the prior, ignoring the type: called 29%; every cell at the type's
# centre: spread 0.
ARI_BAR = 0.5  # k-means on the latent means of held-out cells of the kit's counts
PBMC_MARGIN = 0.25  # pbmc68k_reduced: at least the ARI of k-means on as many principal components, minus this
CALL_BAR = 0.45  # share of generated cells the kit's classifier calls the type they were generated for
COPY_SHARE = 0.05  # at most this share of generated cells within COPY_RADIUS of a training cell
COPY_RADIUS = 0.25  # times the median distance of a training cell to its nearest other training cell
SPREAD_BAR = 0.01  # generated cells' median pairwise distance, at least this times the real cells'
RHO_BAR = 0.93  # Spearman correlation of pseudotime with the true time

TRAIN_HINT = ("train_vae(model, loss_fn, x, library) with its defaults: steps=300 steps of Adam (lr=3e-3) "
              "over all the parameters, each on batch_size=128 rows drawn with torch.randint(..., "
              "generator=generator), loss = loss_fn(model, x[idx], library[idx])")


class Trained(NamedTuple):
    model: torch.nn.Module
    steps: int
    rows: list  # rows of each call of the model during training


class Cells(NamedTuple):
    x: torch.Tensor  # float32 [N, G]: counts, or pbmc's scaled values
    library: torch.Tensor | None  # float32 [N] for counts, None for pbmc
    labels: torch.Tensor  # int64 [N]
    time: torch.Tensor | None  # float32 [N], the truth (counts only)
    root: int | None
    train_idx: torch.Tensor
    test_idx: torch.Tensor
    likelihood: str
    n_types: int


@functools.cache
def counts(seed: int) -> Cells:
    """The kit's counts of ``seed``, split into training and held-out cells by the same seed."""
    data = differentiation_counts(seed=seed)
    train_idx, test_idx = cell_split(len(data.labels), seed)
    return Cells(data.counts, data.library, data.labels, data.time, data.root, train_idx, test_idx, "nb",
                 N_TYPES)


@functools.cache
def pbmc(seed: int) -> Cells:
    """scanpy's pbmc68k_reduced cells (arrays only), split by ``seed``."""
    from coursekit.data.session08 import pbmc68k_reduced

    x, labels, _, _ = pbmc68k_reduced()
    train_idx, test_idx = cell_split(len(labels), seed)
    return Cells(x, None, labels, None, None, train_idx, test_idx, "gaussian", PBMC_TYPES)


def _train(sol, data: Cells, seed: int) -> Trained:
    n_genes = data.x.shape[1]
    what = f"CellVAE({n_genes}, likelihood={data.likelihood!r})"
    model = build_model(sol.CellVAE, n_genes, likelihood=data.likelihood, seed=seed, what=what)
    if data.likelihood == "gaussian":
        params = count_parameters(model)
        expect(0 < params <= PARAM_CAP, f"{what} within the budget: at most {PARAM_CAP:,} parameters",
               f"{params:,}", "a smaller network: fewer or narrower layers")
    rows = data.train_idx
    library = None if data.library is None else data.library[rows]
    with watched_training(model, CEILING_S, TRAIN_HINT) as seen, torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)  # the reparameterisation's noise
        call(sol.train_vae, model, sol.negative_elbo, data.x[rows], library,
             generator=torch.Generator().manual_seed(seed), hint=TRAIN_HINT,
             what=f"train_vae({what}, negative_elbo, the {len(rows)} training cells' x, library, "
                  "generator) with its defaults")
    return Trained(model.eval(), seen.steps, seen.rows)


_TRAINED: dict = {}  # (data set, seed, identities of the submission's model, loss and training) -> Trained


def trained(sol, data: Cells, seed: int) -> Trained:
    """The submission's model trained on ``data``'s training cells: a copy, the weights kept."""
    key = (data.likelihood, seed, source_identity(sol.CellVAE.forward), source_identity(sol.CellVAE.encode),
           source_identity(sol.negative_elbo), source_identity(sol.train_vae))
    if key not in _TRAINED:
        _TRAINED[key] = _train(sol, data, seed)
    done = _TRAINED[key]
    return done._replace(model=copy.deepcopy(done.model))


def expect_budget(run: Trained, what: str) -> None:
    expect(run.steps == STEPS and len(run.rows) == STEPS and set(run.rows) == {BATCH},
           f"{what}: {STEPS} optimizer steps, one call of the model on {BATCH} rows each (the budget)",
           f"{run.steps} steps, {len(run.rows)} calls on {sorted(set(run.rows))[:4]} rows", TRAIN_HINT)


def latent(model: torch.nn.Module, x: torch.Tensor, what: str) -> torch.Tensor:
    """The graders' own latent means: ``model.encode(x)[0]`` in eval mode, without gradients."""
    with torch.no_grad():
        found = call(model.eval().encode, x, what=f"{what}.encode(x)", hint="encode(x) -> (mu, logvar)")
    mu = found[0] if isinstance(found, (tuple, list)) and len(found) == 2 else None
    expect(isinstance(mu, torch.Tensor) and mu.dim() == 2 and mu.shape[0] == x.shape[0]
           and bool(torch.isfinite(mu).all()), f"{what}.encode(x) -> (mu [N, n_latent], logvar), finite",
           repr(getattr(mu, "shape", type(found).__name__)), "encode returns the two halves of the encoder's "
                                                             "output")
    return mu.float()


def trusted_nb(x: torch.Tensor, mean: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
    """Per cell, the NB log-probability of counts ``x`` summed over genes, from torch.distributions
    (``theta`` ``[G]`` the inverse dispersion), in the inputs' dtype."""
    nb = torch.distributions.NegativeBinomial(total_count=theta.expand_as(mean), logits=mean.log() - theta.log())
    return nb.log_prob(x).sum(dim=1)


def trusted_gaussian(x: torch.Tensor, mean: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """Per cell, the Normal(mean, scale) log-probability summed over genes."""
    per_gene = torch.distributions.Normal(mean, scale).log_prob(x)
    return per_gene.sum(dim=1)


def trusted_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """Per cell, KL(N(mu, exp(logvar)) || N(0, I)) summed over the latent dimensions."""
    q = torch.distributions.Normal(mu, (0.5 * logvar).exp())
    p = torch.distributions.Normal(torch.zeros_like(q.loc), torch.ones_like(q.scale))
    return torch.distributions.kl_divergence(q, p).sum(dim=1)


def kmeans_ari(z, labels: torch.Tensor, n_clusters: int) -> float:
    """The graders' own clustering: k-means (10 starts, seed 0), scored by the adjusted Rand index."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    points = np.asarray(z, dtype=np.float64)
    found = KMeans(n_clusters=n_clusters, n_init=10, random_state=0).fit_predict(points)
    return float(adjusted_rand_score(labels.numpy(), found))


def log_normalised(x: torch.Tensor) -> np.ndarray:
    """``log1p`` of counts scaled to 10,000 per cell: what the kit's classifier reads."""
    x = torch.as_tensor(x, dtype=torch.float64)
    return torch.log1p(x / x.sum(dim=1, keepdim=True).clamp_min(1e-12) * 1e4).numpy()


@functools.cache
def cell_type_classifier(seed: int):
    """The kit's logistic regression, trained on the real training cells of ``counts(seed)``."""
    from sklearn.linear_model import LogisticRegression

    data = counts(seed)
    return LogisticRegression(max_iter=2000).fit(log_normalised(data.x[data.train_idx]),
                                                 data.labels[data.train_idx].numpy())


def heldout_ari(sol, seed: int) -> float:
    """k-means on the trained model's latent means of the held-out cells of the kit's counts: the ARI."""
    data = counts(seed)
    run = trained(sol, data, seed)
    expect_budget(run, f"your CellVAE trained by your train_vae on the kit's counts (seed {seed})")
    mu = latent(run.model, data.x[data.test_idx], "the trained CellVAE")
    return kmeans_ari(mu, data.labels[data.test_idx], data.n_types)


def expect_heldout_ari(sol, seed: int) -> None:
    """k-means on the trained model's latent means of held-out cells recovers the cell types."""
    ari = heldout_ari(sol, seed)
    held_out = len(counts(seed).test_idx)
    expect(ari >= ARI_BAR, f"your CellVAE trained by your train_vae on the training cells of the kit's "
           f"counts (seed {seed}): k-means ({N_TYPES} clusters) on the latent means of the {held_out} "
           f"held-out cells, adjusted Rand index with the cell types at least {ARI_BAR}", f"{ari:.3f}",
           "the NB likelihood with library sizes, log1p of the counts into the encoder, the KL term, and the "
           "whole budget of training")


def pbmc_ari(sol, seed: int) -> tuple[float, float]:
    """On pbmc68k_reduced's held-out cells: the ARI of k-means on the latent means, and on as many
    principal components (fitted on the training cells)."""
    from sklearn.decomposition import PCA

    data = pbmc(seed)
    run = trained(sol, data, seed)
    expect_budget(run, f"your CellVAE(765, likelihood='gaussian') trained by your train_vae on "
                       f"{len(data.train_idx)} pbmc cells")
    mu = latent(run.model, data.x[data.test_idx], "the trained CellVAE")
    pca = PCA(n_components=mu.shape[1], random_state=0).fit(data.x[data.train_idx].numpy())
    components = pca.transform(data.x[data.test_idx].numpy())
    baseline = kmeans_ari(components, data.labels[data.test_idx], data.n_types)
    return kmeans_ari(mu, data.labels[data.test_idx], data.n_types), baseline


def expect_pbmc_ari(sol, seed: int) -> None:
    """On pbmc68k_reduced, the latent clusters as well as k-means on as many principal components."""
    ari, baseline = pbmc_ari(sol, seed)
    expect(ari >= baseline - PBMC_MARGIN, f"your CellVAE(765, likelihood='gaussian') trained on pbmc cells: "
           f"k-means (10 clusters) on the latent means of the {len(pbmc(seed).test_idx)} held-out cells, ARI "
           f"with bulk_labels at least that of k-means on as many principal components ({baseline:.3f}) "
           f"minus {PBMC_MARGIN}", f"{ari:.3f}",
           "a Gaussian likelihood on the scaled values as they are (no log1p: they can be negative)")


def _median_pairwise(a: np.ndarray) -> float:
    from scipy.spatial.distance import pdist

    return float(np.median(pdist(a)))


class Generated(NamedTuple):
    called: list  # per type, the share the kit's classifier calls that type
    copies: int  # generated cells within the copy radius of a training cell
    spreads: list  # per type, generated cells' median pairwise distance over the real cells'
    radius: float


def generated(sol, seed: int) -> Generated:
    """Cells generated for each type by the submission from its trained model, judged by the kit."""
    from scipy.spatial.distance import cdist

    data = counts(seed)
    run = trained(sol, data, seed)
    expect_budget(run, f"your CellVAE trained on the kit's counts (seed {seed})")
    rows = data.train_idx
    z = latent(run.model, data.x[rows], "the trained CellVAE")
    labels = data.labels[rows]
    library = float(data.library[rows].median())
    real = log_normalised(data.x[rows])
    nearest_real = np.sort(cdist(real, real), axis=1)[:, 1]
    radius = COPY_RADIUS * float(np.median(nearest_real))
    classifier = cell_type_classifier(seed)
    called, copies, spreads = [], 0, []
    for cell_type in range(data.n_types):
        how = (f"generate_cells(trained model, z of the training cells, labels, cell_type={cell_type}, "
               f"n={N_GENERATED}, library={library:g}, generator)")
        cells = call(sol.generate_cells, run.model, z.clone(), labels.clone(), cell_type, N_GENERATED,
                     library=library, generator=torch.Generator().manual_seed(seed + cell_type), what=how,
                     hint="decode z = centre + spread * eps of the type's latent means")
        ok = (isinstance(cells, torch.Tensor) and tuple(cells.shape) == (N_GENERATED, data.x.shape[1])
              and bool(torch.isfinite(cells).all()) and bool((cells >= 0).all())
              and bool((cells.sum(dim=1) > 0).all()))
        expect(ok, f"{how}: finite non-negative expected counts [{N_GENERATED}, {data.x.shape[1]}]",
               repr(getattr(cells, "shape", type(cells).__name__)), "return model.decode(z_new, library)")
        profile = log_normalised(cells.detach())
        called.append(float((classifier.predict(profile) == cell_type).mean()))
        copies += int((cdist(profile, real).min(axis=1) <= radius).sum())
        spreads.append(_median_pairwise(profile) / _median_pairwise(real[labels.numpy() == cell_type]))
    return Generated(called, copies, spreads, radius)


def expect_generated_types(sol, seed: int) -> None:
    """Cells generated for each type are called that type, are no copies of training cells, and vary."""
    run = generated(sol, seed)
    share, total = float(np.mean(run.called)), N_GENERATED * N_TYPES
    found = (f"called their type: {', '.join(f'{c:.0%}' for c in run.called)} (mean {share:.0%}); "
             f"{run.copies} of {total} within {run.radius:.3g} of a training cell; spread at least "
             f"{min(run.spreads):.3f} of the real cells'")
    expect(share >= CALL_BAR, f"cells generated for each type (seed {seed}) called that type by the kit's "
           f"classifier (logistic regression on the real training cells): at least {CALL_BAR:.0%} on average",
           found, "sample around the chosen type's latent means (its centre and spread), not from the prior")
    expect(run.copies <= COPY_SHARE * total and min(run.spreads) >= SPREAD_BAR,
           f"generated cells neither copies of training cells (at most {COPY_SHARE:.0%} within {COPY_RADIUS} "
           f"times the median nearest-neighbour distance of the training cells) nor collapsed (median "
           f"pairwise distance at least {SPREAD_BAR} times the real cells')", found,
           "decode new latent points; never return training cells; draw eps for every cell")


def pseudotime_rho(sol, seed: int) -> float:
    """Spearman's correlation of the submission's pseudotime (on the graders' latent means) with time."""
    from scipy.stats import spearmanr

    data = counts(seed)
    run = trained(sol, data, seed)
    expect_budget(run, f"your CellVAE trained on the kit's counts (seed {seed})")
    z = latent(run.model, data.x, "the trained CellVAE")
    how = f"pseudotime(latent means of all {len(data.labels)} cells, root={data.root})"
    found = call(sol.pseudotime, z.clone(), data.root, what=how, hint="shortest paths from the root on the "
                                                                       "k-nearest-neighbour graph")
    ok = (isinstance(found, torch.Tensor) and tuple(found.shape) == (len(data.labels),)
          and bool(torch.isfinite(found).all()))
    expect(ok, f"{how}: finite values [{len(data.labels)}]",
           repr(getattr(found, "shape", type(found).__name__)), "one value per cell")
    expect(float(found[data.root]) == 0.0, f"{how}: 0 at the root", f"{float(found[data.root]):.4g}",
           "distances from the root: the root's own is 0")
    return float(spearmanr(found.double().numpy(), data.time.double().numpy()).statistic)


def expect_pseudotime_tracks_time(sol, seed: int) -> None:
    """Pseudotime from the root over the trained model's latent means follows the true time."""
    rho = pseudotime_rho(sol, seed)
    expect(rho >= RHO_BAR, f"pseudotime of the cells of the kit's counts (seed {seed}) on your trained "
           f"model's latent means: Spearman correlation with the true time at least {RHO_BAR} (sign "
           "included)",
           f"{rho:.3f}", "orient it from the root: distances along the graph from the earliest cell")
