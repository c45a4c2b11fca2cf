"""Capstone 2, module 1: a VAE for single cells, with a negative-binomial or a Gaussian likelihood.

Genomics context
----------------
A single-cell RNA-seq experiment counts, for each cell, the molecules (UMIs) of each gene. A
variational autoencoder compresses each cell to a few latent numbers from which its expression can be
regenerated: cells of one type land near each other (module 2 clusters them), a type's region of the
latent space can be sampled to generate new cells of that type (module 3), and cells that differentiate
along a path in time lie along a path in latent space (module 4: pseudotime). Raw counts are modelled
with a **negative binomial** (NB, a gamma-Poisson mixture: counts vary more than a Poisson's), whose mean
is the cell's **library size** (its total count) times the share of each gene, as scVI does; expression
that has already been normalised and scaled (scanpy's ``pp.scale``) is modelled with a **Gaussian**.

How the capstone is graded
--------------------------
Four modules, one pipeline, 30 points: 11 on the parts (each checked against the graders' own
computations, fed the graders' own inputs, so a broken module costs only its own points), 4 on the
latent figure (module 2) and 15 on **outcomes**: the graders build your ``CellVAE``, train it with your
module 2's ``train_vae`` and this module's ``negative_elbo``, then measure, on cells the model never saw
and with their own calls of ``model.encode``, how well its latent space clusters cell types (module 2),
whether your generated cells are called the type you asked for (module 3) and whether your pseudotime
follows the true time (module 4). Each outcome has a public check you can run and a hidden twin, the
same check on data with a seed you never see (9 of the 15 points). The four modules never import each
other: each defines everything it uses (in the notebook they share one namespace, so give helper
functions names of their own in each module).

Data (all four modules)
-----------------------
``coursekit.data.capstone2.differentiation_counts(n_cells=800, n_genes=200, n_types=4, seed=0)`` returns
``(counts, library, labels, time, root)``: UMI counts float32 ``[n_cells, n_genes]`` (whole numbers),
each cell's library size float32 ``[n_cells]`` (its counts' total), its cell type int64 ``[n_cells]``
(stages ``0 .. n_types - 1`` of one differentiation path), its true time float32 ``[n_cells]`` in
[0, 1), and ``root``, the index of the earliest cell. Marker genes step up in each stage, other genes
rise or fall with time. ``cell_split(n_cells, seed)`` returns ``(train_idx, test_idx)``: a random 75/25
split, each sorted. The real cells: ``coursekit.data.session08.pbmc68k_reduced()`` returns ``(x, labels,
cell_types, genes)``: scanpy's 700 blood cells, float32 ``[700, 765]`` scaled expression (negative
values included: NOT counts), 10 cell types (``bulk_labels``).

Task 1: ``CellVAE(n_genes, likelihood="nb")``
---------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) of any form that meets these rules (extra
constructor arguments are yours, with defaults):

- attributes ``self.n_genes``, ``self.likelihood`` (``"nb"`` or ``"gaussian"``, as given) and
  ``self.n_latent`` (an int, your choice: 10 works);
- ``encode(x)`` -> ``(mu, logvar)``, each float32 ``[N, n_latent]``. For ``"nb"``, ``x`` are raw counts:
  feed ``torch.log1p(x)`` to the encoder (raw counts of deeply sequenced cells would swamp it); for
  ``"gaussian"``, feed ``x`` as it is (it can be negative);
- ``decode(z, library=None)`` -> the mean expression float32 ``[N, n_genes]``: for ``"nb"``, the
  softmax over genes of the decoder's output times ``library`` (float32 ``[N]``), so each row is
  positive and sums to the cell's library size (for ``"nb"`` a library is always given: ``forward``
  passes ``x.sum(dim=1)`` when it got none); for ``"gaussian"`` the decoder's output itself
  (``library`` ignored);
- ``dispersion()`` -> float32 ``[n_genes]``, positive (for example ``exp`` of a parameter): the NB's
  ``theta`` (inverse dispersion) for ``"nb"``, the Gaussian's standard deviation for ``"gaussian"``;
- ``forward(x, library=None)`` -> ``(mean, mu, logvar)``: for ``"nb"`` a missing library is
  ``x.sum(dim=1)``; ``z = mu + exp(logvar / 2) * torch.randn_like(mu)`` in train mode (the
  reparameterisation trick; noise from torch's global generator), ``z = mu`` in eval mode; ``mean =
  decode(z, library)``;
- ``CellVAE(765, likelihood="gaussian")`` has at most **250,000 parameters** (an encoder and a decoder
  with one hidden layer of 128 have about 200,000); every tensor registered, so ``.to(device)`` moves it.

Task 2: the terms of the loss, per cell (each returns float32 ``[N]``, summed over its last dimension)
------------------------------------------------------------------------------------------------------
- ``kl_to_prior(mu, logvar)``: ``KL(N(mu, exp(logvar)) || N(0, I))`` = ``0.5 * sum(mu^2 + exp(logvar) - 1
  - logvar)`` over the latent dimensions;
- ``nb_log_likelihood(x, mean, theta)``: the NB log-probability of counts ``x`` ``[N, G]`` with mean
  ``mean`` ``[N, G]`` and inverse dispersion ``theta`` ``[G]`` (variance ``mean + mean^2 / theta``),
  summed over genes: ``lgamma(x + theta) - lgamma(theta) - lgamma(x + 1) + theta * log(theta / (theta +
  mean)) + x * log(mean / (theta + mean))``, the same as ``torch.distributions.NegativeBinomial(
  total_count=theta, logits=log(mean) - log(theta)).log_prob(x)``;
- ``gaussian_log_likelihood(x, mean, scale)``: ``torch.distributions.Normal(mean, scale).log_prob(x)``
  summed over genes (``scale`` ``[G]``, a standard deviation).

Task 3: ``negative_elbo(model, x, library=None)``
-------------------------------------------------
``mean, mu, logvar = model(x, library)`` (one call, the library passed on as given); the
log-likelihood is ``nb_log_likelihood(x, mean, model.dispersion())`` when ``model.likelihood == "nb"``,
else ``gaussian_log_likelihood(x, mean, model.dispersion())``; return the mean over cells of
``kl_to_prior(mu, logvar) - log_likelihood``: a 0-d tensor to call ``backward()`` on.

What the graders check
----------------------
- ``interface`` (1): ``CellVAE(200)`` (built after ``torch.manual_seed(0)``, likelihood ``"nb"`` by
  default) on 40 cells of the kit's counts, in eval mode: the attributes; ``encode`` -> two float32
  ``[40, n_latent]``; ``decode(mu, library)`` float32 ``[40, 200]``, positive, rows summing to the
  library (rtol 1e-4); ``dispersion()`` float32 ``[200]``, positive; ``model(x)`` equal to
  ``(decode(mu, x.sum(1)), mu, logvar)``; in train mode two calls under different global seeds give
  different means. ``CellVAE(765, likelihood="gaussian")``: at most 250,000 parameters, finite
  encodings of values with negatives, ``model(x)[0]`` equal to ``decode(mu)`` in eval mode; every
  tensor registered;
- ``kl_matches`` (1), ``likelihoods_match`` (1): equal to ``torch.distributions`` (``kl_divergence``,
  ``NegativeBinomial``, ``Normal``) on random inputs of many shapes (NB means from about 0.01 to 100,
  ``theta`` from 0.2 to 5, zero counts included; rtol 1e-4, atol 1e-3);
- ``elbo_formula`` (1): ``negative_elbo`` on the graders' own models (``"nb"`` with and without a
  library, ``"gaussian"``): one call ``model(x, library)``, a 0-d tensor with gradients, equal to the
  mean over cells of KL minus the log-likelihood computed with ``torch.distributions``;
- ``follows_device`` (1): ``CellVAE(30)``, its forward, ``decode`` and ``dispersion`` follow
  ``.to(device)`` (checked on the ``meta`` device);
- ``cuda_parity`` (0 points; only where a GPU exists): the same outputs on CPU and CUDA.
"""
import torch  # noqa: F401
from torch import nn


class CellVAE(nn.Module):
    """encode(x) -> (mu, logvar); decode(z, library) -> mean; forward(x, library) -> (mean, mu, logvar)."""

    def __init__(self, n_genes, likelihood="nb"):
        super().__init__()
        # TODO (task 1): n_genes, likelihood, n_latent; an encoder, a decoder, a per-gene dispersion parameter
        raise NotImplementedError("CellVAE.__init__")

    def encode(self, x):
        # TODO (task 1): log1p for "nb"; return (mu, logvar)
        raise NotImplementedError("CellVAE.encode")

    def decode(self, z, library=None):
        # TODO (task 1): softmax over genes times library for "nb"; the output itself for "gaussian"
        raise NotImplementedError("CellVAE.decode")

    def dispersion(self):
        # TODO (task 1): a positive [n_genes] tensor
        raise NotImplementedError("CellVAE.dispersion")

    def forward(self, x, library=None):
        # TODO (task 1): library defaults to x.sum(1) for "nb"; z sampled in train mode, mu in eval mode
        raise NotImplementedError("CellVAE.forward")


def kl_to_prior(mu, logvar):
    # TODO (task 2): KL to N(0, I), summed over the latent dimensions -> [N]
    raise NotImplementedError("kl_to_prior")


def nb_log_likelihood(x, mean, theta):
    # TODO (task 2): the NB log-probability summed over genes -> [N]
    raise NotImplementedError("nb_log_likelihood")


def gaussian_log_likelihood(x, mean, scale):
    # TODO (task 2): the Normal log-probability summed over genes -> [N]
    raise NotImplementedError("gaussian_log_likelihood")


def negative_elbo(model, x, library=None):
    # TODO (task 3): mean over cells of KL - log-likelihood
    raise NotImplementedError("negative_elbo")
