"""Session 8, exercise 3: the latent space of real blood cells (pbmc68k).

Genomics context
----------------
A single-cell experiment measures thousands of genes in each cell; a VAE compresses each
cell into a handful of latent coordinates, and the first thing an analyst does with them
is look: are the cell types apart in latent space? scVI and its relatives are used exactly
so. In this exercise you train a VAE on 700 real peripheral blood mononuclear cells (10x
Genomics' PBMC 68k, the reduced subset that ships with scanpy), read their latent means,
measure how well the cell types separate (the silhouette score, scikit-learn's
``silhouette_score``), draw the latent space coloured by cell type, and generate new
"cells" from the prior. The module is standalone: you may copy your VAE from exercise 2,
but everything below must be defined in this file.

Data
----
``coursekit.data.session08.pbmc68k_reduced()`` returns ``(x, labels, cell_types, genes)``:
``x`` float32 ``[700, 765]`` (765 highly variable genes, log-normalised and scaled per gene
to mean 0 and variance 1: real numbers, negative ones included, not counts), ``labels``
int64 ``[700]`` codes 0-9 indexing ``cell_types``, a tuple of 10 names (``"CD14+ Monocyte"``,
``"CD19+ B"``, ``"CD56+ NK"``, several T-cell kinds, ...), and the 765 gene names. Because
``x`` is scaled, the decoder outputs a plain mean (no sigmoid: half the values are
negative) and the reconstruction term is the squared error (a Gaussian likelihood of
fixed variance).

Conventions (the whole session)
-------------------------------
- ``logvar`` is the log VARIANCE: ``std = exp(logvar / 2)``.
- Reparameterisation: ``z = mu + eps * std`` with ``eps`` drawn in ONE call,
  ``eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)``.
  With a ``torch.Generator``, all randomness comes from it and torch's global random state
  is untouched; ``generator=None`` draws from the global generator.
- KL(N(mu, sigma^2) || N(0, 1)) per cell, summed over the latent dimensions:
  ``-0.5 * sum(1 + logvar - mu**2 - exp(logvar))``.
- Loss: the batch MEAN of per-cell sums, ``mean over cells of (sum over genes of
  (recon - x)**2 + beta * KL)``.
- ``model.eval()``: z = mu (no sampling); ``model.train()``: z is sampled.

Task 1: ``CellVAE(n_genes=765, latent_dim=10, hidden_dim=128)``
--------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly these two attributes
(names fixed; the graders call them directly):

- ``encoder = nn.Sequential(nn.Linear(n_genes, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, 2 * latent_dim))``
- ``decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, n_genes))``  (no output activation)

and no other parameters. ``CellVAE()`` has **200,721** parameters; in general
``2 * n * h + 3 * L * h + 2 * h + 2 * L + n`` with ``n = n_genes``, ``L = latent_dim``,
``h = hidden_dim``. You may store ``latent_dim`` (and anything else) as plain attributes.
Methods (``x`` float32 ``[B, n_genes]``):

- ``encode(x) -> (mu, logvar)``: ``encoder(x).chunk(2, dim=-1)``: the first ``latent_dim``
  columns are ``mu``, the last ``latent_dim`` are ``logvar``, each float32 ``[B, latent_dim]``.
- ``decode(z) -> recon``: ``decoder(z)``, float32 ``[B, n_genes]``.
- ``forward(x, generator=None) -> (recon, mu, logvar)``: encode; in train mode
  ``z = mu + eps * exp(logvar / 2)`` with ``eps`` drawn as in the conventions; in eval mode
  ``z = mu``; ``recon = decode(z)``.
- ``embed(x) -> mu``: the latent means, float32 ``[B, latent_dim]``, deterministic: no
  sampling and no random numbers drawn, computed under ``torch.no_grad()`` (the result
  has no gradient history) in eval mode, and the model is LEFT IN THE MODE IT WAS IN
  (``was = self.training; self.eval(); ...; self.train(was)``). It equals
  ``encode(x)[0]``, whatever the mode.
- ``sample(n, generator=None) -> x_new``: ``n`` new cells from the prior, float32
  ``[n, n_genes]``: ``z = torch.randn(n, latent_dim, generator=generator, dtype=...,
  device=...)`` (ONE call, dtype and device of the model's parameters; nothing else
  drawn), then ``decode(z)``, under ``torch.no_grad()``. So ``sample(n,
  torch.Generator().manual_seed(s))`` equals ``decoder(torch.randn(n, latent_dim,
  generator=torch.Generator().manual_seed(s)))``, and ``generator=None`` draws ``z`` from
  torch's global generator.

Task 2: ``train_cell_vae(x, latent_dim=10, epochs=10, lr=1e-3, batch_size=64, beta=1.0, seed=0)``
-------------------------------------------------------------------------------------------
Builds ``CellVAE(x.shape[1], latent_dim)`` (``hidden_dim`` 128), trains it and returns it
IN EVAL MODE. ``x``: float32 ``[N, n_genes]``. Training: ``torch.optim.Adam(lr=lr)``;
``epochs`` passes over the cells, each in a fresh random order, in mini-batches of
``batch_size`` cells (the last one smaller: 700 cells make 11 batches, 10 of 64 and one of
60); per batch ``recon, mu, logvar = model(batch, generator=g)`` (train mode) and the loss
of the conventions with ``beta``; ``zero_grad``, ``backward``, ``step``. Randomness: use a
``g = torch.Generator().manual_seed(seed)`` for the shuffling and the noise, and build the
model under ``with torch.random.fork_rng(devices=[]): torch.manual_seed(seed); model =
CellVAE(...)`` so that ``seed`` alone fixes the result and torch's global random state is
untouched (recommended, not graded: the graders seed the global generator before calling).
A ``DataLoader`` over a ``TensorDataset`` with ``shuffle=True`` and ``generator=g`` is fine
too. On the 700 cells this takes about 0.5 s on one CPU core.

Task 3: ``plot_latent(z, labels, cell_types) -> matplotlib.figure.Figure``
-------------------------------------------------------------------------
``z``: ``[N, d]`` latent coordinates, ``d >= 2``, a torch tensor (without gradient
history) or a numpy array; ``labels``: ``[N]`` integer codes (tensor or array), indexing
``cell_types`` (a tuple or list of names); not every code need be present. Draw, on ONE
Axes (``fig, ax = plt.subplots()``):

- one ``ax.scatter`` per cell type PRESENT in ``labels``, of the points ``(z[i, 0],
  z[i, 1])`` (column 0 along x, column 1 along y; other columns are not drawn) of exactly
  that type's cells, with ``label=cell_types[code]`` (the name, not the code);
  colours and marker sizes are yours;
- ``ax.set_xlabel("latent 1")``, ``ax.set_ylabel("latent 2")`` (exactly these strings);
- ``ax.legend()``: one entry per type present;
- return ``fig``; never call ``plt.show()`` (close nothing either: the caller shows or
  closes it).

Putting it together (what a notebook does)::

    x, labels, cell_types, _ = pbmc68k_reduced()
    model = train_cell_vae(x)
    mu = model.embed(x)
    silhouette_score(mu.numpy(), labels.numpy())          # about 0.2
    fig = plot_latent(mu, labels, cell_types)
    new_cells = model.sample(5, torch.Generator().manual_seed(0))

What the graders check
----------------------
Models are built under a seeded global generator; every comparison uses rtol 1e-4 and
atol 1e-5 unless said otherwise.

- ``param_count``: ``CellVAE()`` has 200,721 parameters, ``CellVAE(50, 3, 16)`` 1,832,
  ``CellVAE(20)`` 9,256 and ``CellVAE(30, 2, 8)`` 578; ``encoder`` and ``decoder`` of
  ``CellVAE()`` and of ``CellVAE(50, 3, 16)`` are ``nn.Sequential(Linear, ReLU, Linear)``
  of the sizes above (``nn.ReLU`` modules; Linear layers with biases).
- ``encodings_deterministic``: on ``CellVAE()`` with the first 50 real cells, then on 20
  generated cases (1-24 genes, 1-5 latent dimensions, hidden 1-16, 1-9 cells), in eval mode
  and in train mode: ``embed(x)`` returns float32 ``[B, latent_dim]`` equal to the first
  ``latent_dim`` columns of ``model.encoder(x)``, the same twice, without gradient history;
  torch's global random state is unchanged by the calls; the model is in the same mode
  afterwards; in eval mode it equals ``encode(x)[0]``.
- ``seeded_samples``: ``CellVAE().sample(6, generator=torch.Generator().manual_seed(3))``
  and 20 generated cases as above: float32 ``[n, n_genes]`` without gradient history; the
  same seed gives the same samples, seeds s and s + 1 different ones; torch's global random
  state is unchanged; equal to ``model.decoder(z)`` for the graders' ``z =
  torch.randn(n, latent_dim, generator=torch.Generator().manual_seed(s))``. Without a
  generator (the default), ``CellVAE().sample(5)`` after ``torch.manual_seed(5)`` equals
  ``model.decoder(torch.randn(5, 10))`` after ``torch.manual_seed(5)``.
- ``separates_cell_types`` (the learning check): the graders call ``train_cell_vae(x)``
  with all its defaults on the 700 cells (after ``torch.manual_seed(0)``), once; the model
  comes back in eval mode, with its ``encoder`` and ``decoder``. With ``mu`` the first 10
  columns of ``model.encoder(x)`` for all 700 cells (float32 ``[700, 10]``, finite):
  (1) ``sklearn.metrics.silhouette_score(mu, labels)`` (Euclidean) must be at least
  **0.10**. The reference over 20 seeds (initialisation, shuffling and noise): 0.168 to
  0.217. For context: PCA(10) of ``x`` gives 0.21, ``x`` itself 0.02, an untrained
  ``CellVAE`` -0.05 to -0.02, a KL weighted 100 times too much (posterior collapse) -0.03
  to 0.05, ``F.mse_loss``'s default mean reduction (the KL then weighs 765 times too much)
  -0.06 to -0.01 (20 seeds each). The bulk labels of these cells overlap (several T-cell kinds), so no
  method separates them cleanly; longer training makes this score fall (the latent space
  then also encodes variation within types): the defaults stop early on purpose.
  (2) the negative ELBO per cell that the graders compute with their own noise (4 draws
  of ``eps`` from ``torch.Generator().manual_seed(1)``, ``z = mu + eps * exp(logvar /
  2)`` through ``model.decoder``, squared error summed over genes plus the KL, averaged)
  must be at most **680**. The reference over 20 seeds: 653 to 662; predicting every
  gene's mean gives 772; over 20 seeds, a model whose noise reads ``logvar`` as the
  standard deviation itself (``z = mu + eps * logvar``: its latent space is an
  autoencoder's, and its silhouette 0.17 to 0.19 passes (1)) 703 to 716, a decoder ending
  in a sigmoid (it cannot output negative values) 732 to 753, the collapsed models 770 to
  771, an untrained one 813 to 827.
- ``plot_points``: on a hand-picked case (6 points, 3 names, one code absent), on 20 real
  cell-type codes with 3 latent columns (numpy arrays) and on 10 generated cases (1-40
  points, 2-5 columns, 1-10 types, tensors or arrays): the figure has one Axes; its
  scatter collections (``ax.collections``) hold, all together, exactly the points
  ``(z[i, 0], z[i, 1])``, each cell once; each collection holds the cells of one type only.
- ``plot_legend_and_labels``: on the same cases: ``plt.show()`` is not called and a
  ``Figure`` is returned; axis labels exactly ``"latent 1"`` and ``"latent 2"``; a legend
  with one entry per type present, the names ``cell_types[code]`` (any order); each
  scatter collection is labelled with the name of the type whose cells it holds.
- ``follows_device``: every tensor of ``CellVAE(12, 3, 8)``, and every output of its
  forward (train and eval mode), of ``embed(x)`` and of ``sample(5)``, follows
  ``.to(device)`` (checked on the ``meta`` device: create ``eps`` and ``z`` with the
  device of the model's tensors).
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``CellVAE()`` in eval mode
  gives the same ``(recon, mu, logvar)`` on CPU and CUDA for 64 real cells.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402,F401
import torch  # noqa: E402,F401
from torch import nn  # noqa: E402


class CellVAE(nn.Module):
    """Encoder x -> (mu, logvar), decoder z -> mean expression; [B, n_genes] -> [B, n_genes]."""

    def __init__(self, n_genes=765, latent_dim=10, hidden_dim=128):
        super().__init__()
        # TODO (task 1): encoder and decoder, two nn.Sequential
        raise NotImplementedError("CellVAE.__init__")

    def encode(self, x):
        # TODO (task 1): (mu, logvar) = encoder(x).chunk(2, dim=-1)
        raise NotImplementedError("CellVAE.encode")

    def decode(self, z):
        # TODO (task 1): decoder(z)
        raise NotImplementedError("CellVAE.decode")

    def forward(self, x, generator=None):
        # TODO (task 1): (recon, mu, logvar); z sampled in train mode, z = mu in eval mode
        raise NotImplementedError("CellVAE.forward")

    def embed(self, x):
        # TODO (task 1): mu, in eval mode under torch.no_grad(), the model's mode restored
        raise NotImplementedError("CellVAE.embed")

    def sample(self, n, generator=None):
        # TODO (task 1): decode(z) for z = torch.randn(n, latent_dim, generator=generator, ...)
        raise NotImplementedError("CellVAE.sample")


def train_cell_vae(x, latent_dim=10, epochs=10, lr=1e-3, batch_size=64, beta=1.0, seed=0):
    # TODO (task 2): build CellVAE(x.shape[1], latent_dim), train it with Adam, return it in eval mode
    raise NotImplementedError("train_cell_vae")


def plot_latent(z, labels, cell_types):
    # TODO (task 3): one scatter per cell type present, labelled by name; axis labels; legend; return fig
    raise NotImplementedError("plot_latent")
