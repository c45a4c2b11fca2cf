"""Session 8, exercise 5: scRNAVAE, a VAE with a negative-binomial likelihood and library sizes.

Genomics context
----------------
Single-cell RNA-seq does not measure expression as a real number: it counts molecules (UMIs),
gene by gene, in each cell. Two facts about those counts shape every good model of them:

- **Library size.** Cells are sequenced to very different depths: one cell yields 1,000 UMIs,
  its neighbour of the same type 4,000. The depth says nothing about biology, so the model
  should explain a cell's counts as its *library size* (total UMIs) times its *proportions*
  over the genes, and learn only the proportions.
- **Overdispersion.** Counts of the same gene in cells of the same type vary far more than a
  Poisson allows (transcription comes in bursts). The negative binomial (NB, a gamma-Poisson
  mixture) adds one parameter per gene, the *inverse dispersion* ``theta > 0``: mean ``m``,
  variance ``m + m^2 / theta``. Small ``theta``: bursty, overdispersed; ``theta -> inf``: Poisson.

scVI (Lopez et al., *Nature Methods* 2018) puts both into a VAE: the encoder sees
``log1p(counts)``, the decoder outputs per-gene logits, a softmax over the genes turns them
into the cell's proportions, the library size scales them into NB means, and the
reconstruction term is the NB log-likelihood of the raw counts. This exercise builds that
model, ``scRNAVAE``, on top of the ``VAE`` of exercise 2 (with the course guide's larger
encoder), writes the NB log-likelihood from ``lgamma``, and trains it on simulated UMI counts.

Conventions (all fixed, as in exercise 2)
-----------------------------------------
- ``logvar`` is the log of the VARIANCE: ``std = exp(logvar / 2)``.
- Random numbers for ``z`` come from an optional ``generator=None`` argument (a
  ``torch.Generator``; ``None``: torch's global generator), drawn with ONE call, exactly::

      eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)

  (or ``torch.randn_like(mu, generator=generator)``, the same numbers; not the guide's
  ``randn_like`` without the generator), so that the graders can redraw it.
  ``nn.Dropout`` in the encoder draws its masks from torch's global generator, as it always
  does (it takes no generator).
- Training mode (``model.train()``, the default after construction) samples
  ``z = mu + eps * std``; eval mode (``model.eval()``) uses ``z = mu``: nothing is drawn and
  the output is deterministic (BatchNorm uses its running statistics, dropout is off).
- This module is standalone: it imports no other exercise (copy your own ``VAE`` into it).

Data
----
``coursekit.data.session08.simulated_counts(n_cells=500, n_genes=100, n_types=3, seed=0)``
returns ``(counts, library, labels, mean, theta)``: UMI counts float32 ``[n_cells, n_genes]``
(whole numbers, many zeros), each cell's library size float32 ``[n_cells]`` (its counts'
total, ``counts.sum(-1)``), int64 cell types, and the truth the counts were drawn from: the
NB mean float32 ``[n_cells, n_genes]`` (a library size log-normal around 2,000 times the
type's gene proportions) and the inverse dispersion per gene float32 ``[n_genes]`` (0.5 to 5).
``counts[i, j] ~ NB(mean[i, j], theta[j])``. The cell types share the same proportions only
within one call: a different ``seed`` draws other types, so held-out cells come from the
same call (e.g. the last rows).

Task 1: ``VAE(input_dim=1000, latent_dim=20, hidden_dim=400)``, as in exercise 2
--------------------------------------------------------------------------------
An ``nn.Module`` with exactly::

    self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                 nn.Linear(hidden_dim, 2 * latent_dim))
    self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                 nn.Linear(hidden_dim, input_dim))        # no Sigmoid

``VAE()`` has 825,840 parameters (``2 i h + 3 l h + 2 h + 2 l + i``). Methods:
``encode(x) -> (mu, logvar)`` (``self.encoder(x).chunk(2, dim=-1)``: first half ``mu``);
``reparameterize(mu, logvar, generator=None) -> z = mu + eps * exp(logvar / 2)`` (always
samples, ``eps`` as above); ``decode(z) -> self.decoder(z)``; ``forward(x, generator=None) ->
(decode(z), mu, logvar)`` with ``z`` sampled in training mode and ``z = mu`` in eval mode.

Task 2: ``scRNAVAE(n_genes=2000, latent_dim=10)``, a subclass of ``VAE``
-----------------------------------------------------------------------
``class scRNAVAE(VAE)``; ``__init__`` calls ``super().__init__(n_genes, latent_dim)`` (hidden
width 400), then replaces the encoder with the course guide's and adds one parameter::

    self.encoder = nn.Sequential(
        nn.Linear(n_genes, 1024), nn.BatchNorm1d(1024), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, latent_dim * 2))
    self.log_theta = nn.Parameter(torch.zeros(n_genes))   # theta = exp(log_theta) = 1 at first

The decoder is VAE's, unchanged: ``Linear(latent_dim, 400), ReLU, Linear(400, n_genes)``; its
output are per-gene LOGITS (no sigmoid, no softmax inside it). Keep these layouts exactly (the
graders read ``encoder[0]``, ``encoder[1]``, ``encoder[4]``, ``encoder[6]``, ``decoder[0]`` and
``decoder[2]``). ``scRNAVAE()`` has **3,127,012** parameters: encoder 2,318,612 + decoder
806,400 + ``log_theta`` 2,000; in general ``1426 G + 914 L + 265,872`` for ``G = n_genes``,
``L = latent_dim`` (BatchNorm's running mean and variance are buffers, not parameters).

``forward(counts, library=None, generator=None) -> (mean, theta, mu, logvar)``: ``counts``
float32 ``[B, n_genes]`` raw UMI counts; ``library`` float32 ``[B]`` or ``None`` (then
``counts.sum(-1)``)::

    mu, logvar = self.encode(torch.log1p(counts))      # the encoder sees log1p(counts)
    z = self.reparameterize(mu, logvar, generator) if self.training else mu
    mean = library.unsqueeze(-1) * torch.softmax(self.decode(z), dim=-1)   # over the GENES
    theta = torch.exp(self.log_theta)
    return mean, theta, mu, logvar

``mean`` float32 ``[B, n_genes]``: every row sums to its cell's library, and twice the library
gives twice the mean; ``theta`` float32 ``[n_genes]`` (the same for every cell, ``> 0``,
differentiable in ``log_theta``); ``mu``, ``logvar`` float32 ``[B, latent_dim]``. In training
mode BatchNorm needs at least 2 cells per batch.

Task 3: ``nb_log_likelihood(x, mean, theta)``
---------------------------------------------
The log-probability of counts ``x`` under ``NB(mean, theta)`` (mean ``mean``, variance
``mean + mean^2 / theta``), elementwise::

    lgamma(x + theta) - lgamma(theta) - lgamma(x + 1)
        + theta * log(theta / (theta + mean)) + x * log(mean / (theta + mean))

Write it with ``torch.lgamma`` and ``torch.log`` (or use ``torch.distributions``, whose
``NegativeBinomial(total_count=theta, logits=log(mean) - log(theta))`` is this
distribution: its ``probs`` is ``mean / (theta + mean)``, the OTHER way round from scipy's
``nbinom(n, p)`` with ``p = theta / (theta + mean)``). ``x`` ``[B, G]`` (whole numbers >= 0,
as float), ``mean`` ``[B, G]`` (> 0), ``theta`` ``[G]`` (> 0, broadcast over the cells) or
``[B, G]``; returns a tensor of the shape of ``x`` in its dtype (float32 or float64). Keep
``lgamma(x + 1)``: it does not depend on the model, but without it the result is not a
log-probability. Computing ``log(theta / (theta + mean))`` as ``log(theta) - log(theta +
mean)`` is more stable; an ``eps`` of at most ``1e-8`` inside the logs (scVI adds one) is
tolerated.

Task 4: ``scrna_vae_loss(counts, mean, theta, mu, logvar)``
-----------------------------------------------------------
The negative ELBO, a 0-d tensor (dtype of the inputs), the batch MEAN of per-cell sums::

    reconstruction = -nb_log_likelihood(counts, mean, theta).sum(dim=-1)         # [B]
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - torch.exp(logvar), dim=-1)      # [B]
    loss = (reconstruction + kl).mean()

Not summed over the batch (the guide's ``reduction='sum'``), the NB term summed over the
genes (not averaged), the KL included.

Task 5: ``train_scrna_vae(model, counts, epochs=10, lr=3e-3, batch_size=64, generator=None)``
-------------------------------------------------------------------------------------------
Train ``model`` (an ``scRNAVAE``) on ``counts`` float32 ``[N, n_genes]`` and return the loss
of each epoch, a list of ``epochs`` Python floats::

    one torch.optim.Adam over model.parameters(), learning rate lr
    model.train()
    for each epoch:
        order = torch.randperm(N, generator=generator)
        for b in order.split(batch_size):          # the last batch may be smaller
            loss = scrna_vae_loss(counts[b], *model(counts[b], generator=generator))
            optimizer.zero_grad(); loss.backward(); optimizer.step()
        append the epoch's loss: the mean over its cells (sum of loss.item() * len(b), / N)
    model.eval()
    return losses

The library of each batch is its counts' total (``library=None``). The generator shuffles
and samples ``z``; dropout uses the global generator. The graders check the returned list
(length and type) and what the trained model does on held-out cells, not the exact
trajectory: another batch order, or a plain mean of the batch losses per epoch, is fine.

What the graders check
----------------------
Models are built under a fixed seed (``torch.manual_seed`` before the constructor). "Trusted"
values are computed by the graders in float64: the negative binomial with
``torch.distributions.NegativeBinomial(total_count=theta, logits=log(mean) - log(theta))``,
the KL with ``torch.distributions.kl_divergence(Normal(mu, exp(logvar / 2)), Normal(0, 1))``
summed over the latent dimensions, and the forward pass from your layers' weights.
Comparisons use rtol 1e-5, atol 1e-6 in float64 and rtol 1e-4, atol 1e-5 in float32 unless
said otherwise. Generated cases come from hypothesis (deterministic).

- ``param_count``: ``scRNAVAE()`` (no argument) has exactly 3,127,012 parameters;
  ``scRNAVAE(n_genes=100)`` 417,612 (latent 10 by default); ``scRNAVAE(n_genes=50,
  latent_dim=4)`` 340,828; ``VAE()`` 825,840; ``VAE(30, 3, 16)`` 1,172;
- ``nb_log_likelihood``: on float64 ``x`` ``[2, 4]`` (hand-picked: counts 0, 1, 3, 5, 7, 100,
  2000; means 0.1 to 1500) with ``theta`` ``[4]`` (0.5 to 100) broadcast over the cells, the
  result is float64 ``[2, 4]`` and equals the trusted log-probability; then 30 generated cases
  (``[B, G]``, B 1-4, G 1-6, each count 0, 1-10 or 11-100,000; means log-uniform in 1e-3 to
  1e4; theta ``[G]`` log-uniform in 1e-2 to 1e3); on float32 inputs (counts up to 10) the
  result is float32 ``[2, 4]`` and equals it with rtol 1e-4, atol 1e-4;
- ``means_sum_to_library``: ``scRNAVAE(n_genes=30, latent_dim=4)`` with every parameter and
  BatchNorm statistic moved by seeded noise, in eval mode, on 6 cells of
  ``simulated_counts(n_cells=6, n_genes=30, seed=3)``: ``forward(counts, library)`` returns a
  tuple of 4: mean float32 ``[6, 30]``, theta ``[30]``, mu and logvar ``[6, 4]``;
  ``mean.sum(-1)`` equals the given ``library`` (6 values in 500-5,000, not the counts'
  totals); ``forward(counts)`` gives ``mean.sum(-1)`` equal to ``counts.sum(-1)``;
  ``forward(counts, 2 * library)`` gives ``2 * mean``; the layers are those of the spec
  (``encoder`` an ``nn.Sequential`` of 7 with ``nn.Linear(30, 1024)``, ``nn.BatchNorm1d(1024)``,
  ``nn.ReLU()``, ``nn.Dropout(0.2)``, ``nn.Linear(1024, 256)``, ``nn.ReLU()``,
  ``nn.Linear(256, 8)``; ``decoder`` of 3 with ``nn.Linear(4, 400)``, ``nn.ReLU()``,
  ``nn.Linear(400, 30)``); mu and logvar equal the two halves of the encoder on
  ``log1p(counts)`` (BatchNorm with its running statistics) and mean equals ``library *
  softmax(decoder(mu))`` over the genes, computed by the graders from those weights. Then in
  training mode (a copy of the model, the global generator seeded),
  ``forward(counts, library, generator=torch.Generator().manual_seed(7))`` returns a mean equal
  to ``library * softmax(decoder(mu + eps * exp(logvar / 2)))`` with the returned ``mu``,
  ``logvar`` and the graders' own ``eps = torch.randn(mu.shape,
  generator=torch.Generator().manual_seed(7), dtype=mu.dtype)``;
- ``dispersion_positive``: in a fresh ``scRNAVAE(n_genes=30, latent_dim=4)``, ``log_theta`` is
  an ``nn.Parameter`` of shape ``[30]``, among ``model.parameters()``, all zeros; the theta the
  forward returns (eval mode, 5 cells) is float32 ``[30]``, ``> 0`` and equal to 1; with
  ``log_theta`` set to 30 values from -3 to 3 it is ``> 0`` and equals ``exp(log_theta)``, and
  ``theta.sum().backward()`` gives ``log_theta.grad`` equal to ``theta``;
- ``scrna_loss``: ``scrna_vae_loss`` on float64 counts ``[3, 5]``, means, theta ``[5]``, mu and
  logvar ``[3, 2]``, then 25 generated cases (B 1-5, G 1-8, latent 1-4, counts, means and
  theta as in ``nb_log_likelihood``, mu standard normal, logvar normal with sd 1.5) returns a
  0-d float64 tensor equal to the batch mean of ``(-sum over genes of the trusted NB
  log-probability + the trusted KL)``;
- ``heldout_nll_falls``: ``counts = simulated_counts(n_cells=256, n_genes=100, seed=0)[0]``,
  the first 128 cells to train on, the last 128 held out; ``model = scRNAVAE(n_genes=100)``
  (default latent 10) under seed 0. The graders measure the held-out negative log-likelihood
  per cell (``-sum over genes`` of the trusted NB log-probability of the held-out counts, mean
  over the cells) with the mean and theta your model returns in eval mode (``library=None``),
  first untrained, then after ``train_scrna_vae(model, counts[:128],
  generator=torch.Generator().manual_seed(0))`` (every other argument at its default; the
  global generator seeded for dropout; the model arrives in eval mode, from the untrained
  measurement: ``train_scrna_vae`` puts it in training mode itself). The returned list holds
  10 finite Python floats (the default ``epochs=10``); the held-out NLL after training is at
  most the untrained model's divided by 1.25, and at most the NLL of a baseline divided by
  1.10: the baseline gives every held-out cell its library times the average gene proportions
  of the training cells (``counts[:128].sum(0) / counts[:128].sum()``) and your trained theta,
  i.e. it knows depth and dispersion but not cell types. The reference over 40 runs (data
  seeds 0-19, each with two initialisation and generator seeds): the untrained NLL is 1.37x to
  1.57x the trained one (bar 1.25x), the baseline's 1.19x to 1.31x (bar 1.10x); the true means
  of the simulation would score 0.90 to 0.95 of the trained NLL. Over 10 seeds, a model that
  ignores the library, or whose decoder ends in a sigmoid, or one trained at lr 1e-5, scores
  worse than the baseline;
- ``follows_device``: every tensor of ``scRNAVAE(n_genes=20, latent_dim=4)`` and of its
  forward pass on 4 cells (``library=None``) follows ``.to(device)`` (checked on the ``meta``
  device, in training and eval mode: ``eps`` must be drawn with ``device=mu.device``);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``scRNAVAE(n_genes=100)`` (its
  parameters perturbed) in eval mode gives the same mean, theta, mu and logvar on CPU and CUDA,
  in full float32 (TF32 off).
"""
import torch  # noqa: F401
from torch import nn


class VAE(nn.Module):
    """encoder Linear-ReLU-Linear(2 * latent), decoder Linear-ReLU-Linear, as in exercise 2."""

    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        # TODO (task 1): self.encoder, self.decoder
        raise NotImplementedError("VAE.__init__")

    def encode(self, x):
        # TODO (task 1): (mu, logvar) = encoder(x).chunk(2, dim=-1)
        raise NotImplementedError("VAE.encode")

    def reparameterize(self, mu, logvar, generator=None):
        # TODO (task 1): mu + eps * exp(logvar / 2), eps from ONE torch.randn call
        raise NotImplementedError("VAE.reparameterize")

    def decode(self, z):
        # TODO (task 1)
        raise NotImplementedError("VAE.decode")

    def forward(self, x, generator=None):
        # TODO (task 1): (recon, mu, logvar); z sampled in training mode, z = mu in eval mode
        raise NotImplementedError("VAE.forward")


class scRNAVAE(VAE):
    """The guide's encoder on log1p(counts), VAE's decoder to per-gene logits, log_theta per gene."""

    def __init__(self, n_genes=2000, latent_dim=10):
        super().__init__(n_genes, latent_dim)
        # TODO (task 2): replace self.encoder; add self.log_theta
        raise NotImplementedError("scRNAVAE.__init__")

    def forward(self, counts, library=None, generator=None):
        # TODO (task 2): (mean, theta, mu, logvar), mean = library * softmax over the genes
        raise NotImplementedError("scRNAVAE.forward")


def nb_log_likelihood(x, mean, theta):
    """Elementwise log NB(x | mean, theta): the shape of x."""
    # TODO (task 3)
    raise NotImplementedError("nb_log_likelihood")


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    """Batch mean of (-sum over genes of the NB log-likelihood + KL): a 0-d tensor."""
    # TODO (task 4)
    raise NotImplementedError("scrna_vae_loss")


def train_scrna_vae(model, counts, epochs=10, lr=3e-3, batch_size=64, generator=None):
    """Adam on scrna_vae_loss over shuffled mini-batches; the loss of each epoch, model left in eval mode."""
    # TODO (task 5)
    raise NotImplementedError("train_scrna_vae")
