"""Capstone 2, module 2: training in a fixed budget, clusters of held-out cells, and the latent figure.

Genomics context
----------------
Once a VAE has compressed each cell, cells of one type should sit together in its latent space, so
clustering the latent means (k-means here; Leiden or Louvain in scanpy) recovers the types without being
told them. How well is measured on cells the model never saw, with the **adjusted Rand index** (ARI): 1
for a perfect match of clusters and types, about 0 for chance. Accuracy is meaningless here (cluster 2 is
not type 2), and clusters computed with any help from the labels measure nothing. On scanpy's real blood
cells, the honest comparison is k-means on as many principal components: a VAE should do about as well.

Conventions
-----------
Data as in module 1 (read its docstring). ``model`` is a VAE like module 1's ``CellVAE``: ``model(x,
library)`` and ``model.encode(x) -> (mu, logvar)``. ``loss_fn(model, x, library)`` returns a 0-d loss
tensor (module 1's ``negative_elbo``; the graders also pass their own). This module stands alone (it
imports no other module of the capstone): the loss comes in as an argument.

Task 1: ``train_vae(model, loss_fn, x, library=None, steps=300, batch_size=128, lr=3e-3, generator=None)``
-------------------------------------------------------------------------------------------------------
Train ``model`` in place, in train mode, with ``torch.optim.Adam(model.parameters(), lr=lr)`` for
``steps`` steps and return the ``steps`` losses as Python floats. Each step draws its batch with ``idx =
torch.randint(0, N, (batch_size,), generator=generator)`` (nothing else from that generator), its loss is
``loss_fn(model, x[idx], library[idx])`` (``None`` for the library when ``library`` is ``None``), then
``zero_grad``, ``backward``, ``step``. The defaults are the budget: the graders train with them, count
the optimizer's steps and the rows of each call of the model, and stop a training still running after
20 s (the reference takes about 1 s).

Task 2: latent means and clusters
---------------------------------
- ``latent_means(model, x)`` -> ``mu`` ``[N, n_latent]``: ``model.encode(x)[0]`` in eval mode under
  ``torch.no_grad()``, the model's mode restored afterwards;
- ``cluster_cells(z, n_clusters, seed=0)`` -> int64 tensor ``[N]``: ``sklearn.cluster.KMeans(
  n_clusters=n_clusters, n_init=10, random_state=seed).fit_predict(z as a numpy array)``;
- ``heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None)`` ->
  ``(ari, clusters)``: ``train_vae`` on the rows ``train_idx`` (``library`` may be ``None``; the
  generator passed on, defaults otherwise), ``latent_means`` of the rows ``test_idx``,
  ``cluster_cells(..., n_clusters)`` (seed 0), and ``ari =
  sklearn.metrics.adjusted_rand_score(labels[test_idx], clusters)`` as a Python float. ``train_idx`` and
  ``test_idx`` may be lists or tensors.

Task 3: ``plot_latent(z, labels, names)``
-----------------------------------------
Return a ``matplotlib.figure.Figure`` (never call ``plt.show()``) with one axes: for each type code
present in ``labels``, in increasing order, one ``ax.scatter`` of that type's cells, x = ``z[:, 0]``, y =
``z[:, 1]`` (the first two latent dimensions, the cells in their order), ``label=names[code]``;
x-label ``"latent 1"``, y-label ``"latent 2"``, and a legend.

What the graders check
----------------------
- ``training_budget`` (1): ``train_vae`` with its defaults on the graders' linear model and loss (x
  ``[150, 6]``, a library, a generator): 300 Python floats, 300 steps of ``torch.optim.Adam``, the
  batches exactly those of ``torch.randint`` on the generator, the model in train mode, ``library[idx]``
  passed on, the weights equal to the graders' own 300 steps of Adam at lr 3e-3; without a library
  (``steps=3, batch_size=7``): ``None`` passed on;
- ``heldout_ari_matches`` (1): ``latent_means`` on the graders' model (no gradients, mode restored,
  equal to ``encode``'s mu), ``cluster_cells`` equal to scikit-learn's ``KMeans`` as above, and
  ``heldout_ari`` with the graders' model and loss on the kit's counts (seed 1): its clusters and ARI
  equal to the graders' own k-means and ``adjusted_rand_score`` on the trained model's latent means of
  the held-out cells (1e-9);
- ``heldout_ari`` (2) and its hidden twin ``heldout_ari_hidden`` (3: the same with another seed): your
  ``CellVAE(200)`` (built after ``torch.manual_seed(seed)``) trained by your ``train_vae`` with your
  ``negative_elbo`` (defaults, a generator seeded ``seed``) on the 600 training cells of
  ``differentiation_counts(seed=seed)`` and their library sizes (``cell_split(800, seed)``; seed 0 for
  the public check); 300 optimizer steps on 128 rows each; then the graders' k-means (4 clusters, 10
  starts, seed 0) on ``model.encode``'s mu of the 200 held-out cells: ARI with the cell types at least
  **0.5**;
- ``pbmc_ari`` (1): the same on scanpy's pbmc68k_reduced with ``CellVAE(765, likelihood="gaussian")``
  (library ``None``), split by ``cell_split(700, 0)``: the ARI of k-means (10 clusters) on the latent
  means of the 175 held-out cells at least that of k-means on as many principal components (PCA fitted on
  the training cells) minus **0.25**;
- ``figure_points`` (3): on random latent points of 2 to 5 types: one axes, one scatter per type, its
  points ``(z[:, 0], z[:, 1])`` of that type's cells in order;
- ``figure_labels`` (1): the axis labels and a legend of the types' names in code order.

The bars come from sweeps at this budget over seeds 0-11 and the hidden seed (data, initialisation and
training; about 1 s per training): the reference's held-out ARI is 0.665 at worst (0.80 to 0.96 for
the others), a deeper correct alternative's 0.601; on pbmc their ARI minus the PCA baseline's is -0.145
and -0.151 at worst (baseline 0.41 to 0.65). A model that never learns (gradients cleared before each
step) reaches at best an ARI of 0.42 and a pbmc difference of -0.44.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402, F401
import torch  # noqa: E402, F401


def train_vae(model, loss_fn, x, library=None, steps=300, batch_size=128, lr=3e-3, generator=None):
    # TODO (task 1): Adam over model.parameters(); batches from torch.randint(..., generator=generator)
    raise NotImplementedError("train_vae")


def latent_means(model, x):
    # TODO (task 2): encode's mu in eval mode, no grad, the mode restored
    raise NotImplementedError("latent_means")


def cluster_cells(z, n_clusters, seed=0):
    # TODO (task 2): KMeans(n_clusters, n_init=10, random_state=seed).fit_predict -> int64 tensor
    raise NotImplementedError("cluster_cells")


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    # TODO (task 2): train on train_idx, cluster the latent means of test_idx, adjusted_rand_score
    raise NotImplementedError("heldout_ari")


def plot_latent(z, labels, names):
    # TODO (task 3): one labelled scatter per type, axis labels, legend; return the figure
    raise NotImplementedError("plot_latent")
