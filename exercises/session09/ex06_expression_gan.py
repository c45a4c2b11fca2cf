"""Session 9, exercise 6: an expression GAN that covers every cell type.

Genomics context
----------------
Synthetic single-cell profiles are useful when real ones are scarce or cannot be shared:
to augment a rare cell type, to benchmark clustering or differential-expression tools on
data whose truth is known, or to share a cohort's structure without sharing its people.
This exercise trains a GAN on log-expression and judges it the way a biologist would: do
the generated cells have the right **mean expression per gene**, the right **spread per
gene**, and do they cover **every cell type**, or has the generator collapsed onto a few
typical cells (**mode collapse**, the classic GAN failure)?

Two obstacles. First, the generator ends in a Tanh, whose output lies in ``(-1, 1)``,
while ``log1p`` UMI counts are >= 0 and reach 7 for highly expressed genes: a Tanh
generator trained on the raw values can never produce a gene above 1. So each gene is
**scaled to [-1, 1]** with its minimum and maximum over the training cells, the GAN learns
in that space, and generated cells are **scaled back** (the scaling must be invertible).

Second, mode collapse. A discriminator that judges one cell at a time cannot tell a
generator that always makes the same convincing cell from one that makes all four cell
types: each fake looks real on its own. With this exercise's recipe but a discriminator
that judges each cell alone, every one of 15 training runs on this data left at least one
cell type without a single generated cell. The cure used here is a **minibatch feature**
(the "minibatch standard deviation" of Karras et al. 2018): the discriminator sees each
cell together with its batch's per-gene standard deviation. A batch of near-copies has a
spread near 0, which real batches never have, so collapse is easy to spot and the
generator is pushed to spread out.

Data
----
``coursekit.data.session09.log_expression(n_cells=600, n_genes=50, n_types=4, seed=0)``
returns ``(x, labels)``: ``x`` float32 ``[600, 50]``, ``log1p`` of negative-binomial UMI
counts (unscaled, >= 0, skewed, up to about 7; per-gene means from about 0.35 to 3.6),
``labels`` int64 ``[600]``, four cell types (0-3, 150 cells each) that differ in their gene
means. It draws from its own seeded generator (the global random state is untouched). The
graders train on it with ``seed=0``; training never sees ``labels`` (the graders use them
to judge the result).

Task 1: ``minibatch_std(x)``
----------------------------
``x`` float ``[B, genes]`` (a batch of cells, ``B >= 1``) -> ``[B, 2 * genes]``, same dtype
and device: each row is the cell's own values followed by the batch's per-gene standard
deviation (the same ``genes`` numbers on every row)::

    spread = x.std(dim=0, correction=0, keepdim=True)          # [1, genes]
    torch.cat([x, spread.expand(B, genes)], dim=1)             # [B, 2 * genes]

``correction=0``: the population standard deviation (divide by ``B``, not ``B - 1``), so a
batch of one cell has spread 0 rather than NaN. Over the cells (``dim=0``), one value per
gene: not over the genes of each cell. Gradients flow through both halves (do not detach
the spread: the generator learns to spread out through it). Where a spread is 0 (one cell,
or a gene constant across the batch, common for rarely expressed genes) ``torch.std``'s
gradient is 0, while the square root of a variance (``var.sqrt()``) has a NaN gradient
there that poisons training: use ``torch.std``, or keep the variance away from 0 before the
square root.

Task 2: ``ExpressionGenerator`` and ``ExpressionDiscriminator``
---------------------------------------------------------------
``ExpressionGenerator(n_genes=50, latent_dim=16, hidden=128)`` and
``ExpressionDiscriminator(n_genes=50, hidden=128)`` are ``nn.Module`` subclasses (call
``super().__init__()`` first). ``ExpressionGenerator`` has exactly this ``self.net``::

    nn.Sequential(nn.Linear(latent_dim, hidden), nn.ReLU(),
                  nn.Linear(hidden, hidden), nn.ReLU(),
                  nn.Linear(hidden, n_genes), nn.Tanh())

``forward(z)``: float32 ``[B, latent_dim]`` -> ``self.net(z)``, float32 ``[B, n_genes]`` in
``(-1, 1)`` (scaled expression). ``ExpressionDiscriminator`` has exactly this
``self.net``::

    nn.Sequential(nn.Linear(2 * n_genes, hidden), nn.LeakyReLU(0.2),
                  nn.Linear(hidden, hidden), nn.LeakyReLU(0.2),
                  nn.Linear(hidden, 1))

``forward(x)``: float32 ``[B, n_genes]`` -> ``self.net(minibatch_std(x))``, float32
``[B, 1]``, a **raw logit** per cell (no sigmoid: training uses BCE-with-logits, which
applies the sigmoid itself). Each cell's logit depends on the other cells of its batch, so
the discriminator must always be called on a batch that is all real or all generated,
never on a mixture. No other parameters in either. Parameter counts:
``ExpressionGenerator()`` **25,138** (in general ``(latent_dim + 1) * hidden + (hidden +
1) * hidden + (hidden + 1) * n_genes``), ``ExpressionDiscriminator()`` **29,569** (in
general ``(2 * n_genes + 1) * hidden + (hidden + 1) * hidden + hidden + 1``).

Task 3: per-gene scaling to [-1, 1]: ``fit_scaler``, ``scale_to_unit``, ``unscale``
-----------------------------------------------------------------------------------
- ``fit_scaler(x) -> (low, high)``: ``x`` float32 ``[n, genes]``; ``low`` and ``high``
  float32 ``[genes]``, each gene's minimum and maximum over the cells
  (``x.min(dim=0).values``, ``x.max(dim=0).values``).
- ``scale_to_unit(x, low, high)``: float32 ``[n, genes]``, ``2 * (x - low) / span - 1`` per
  gene, with ``span = high - low`` (as in exercise 4). A **constant gene** (``high ==
  low``, e.g. a gene with zero counts in every cell) would divide by zero: use ``span = 1``
  for such genes (``torch.where(span > 0, span, torch.ones_like(span))``), so it scales to
  ``x - low - 1`` (-1 on the fitting data) and still scales back exactly. No clamping:
  cells outside ``[low, high]`` scale outside ``[-1, 1]`` by the same formula.
- ``unscale(x_scaled, low, high)``: the inverse, ``low + (x_scaled + 1) / 2 * span`` (same
  ``span``).

So on the cells the scaler was fitted on, every scaled value lies in ``[-1, 1]``, every
varying gene's minimum is exactly -1 and its maximum 1, and ``unscale(scale_to_unit(x,
low, high), low, high)`` equals ``x`` (to float rounding). Write these with tensor
operations (``low`` and ``high`` ``[genes]`` broadcast over the rows).

Task 4: ``train_expression_gan(x, latent_dim=16, steps=600, batch_size=128, lr=1e-3, seed=0)``
----------------------------------------------------------------------------------------------
Returns ``(G, low, high)``: train a GAN on the scaled cells and return the generator (in eval
mode) and the scaler:

1. ``torch.manual_seed(seed)`` first (initialisation, batches and noise all come from
   torch's global generator, so the same call gives the same G);
2. ``low, high = fit_scaler(x)``; ``data = scale_to_unit(x, low, high)`` (``[n, genes]``);
3. ``G = ExpressionGenerator(genes, latent_dim)``, ``D = ExpressionDiscriminator(genes)``
   (``hidden`` 128, the default); one ``torch.optim.Adam(..., lr=lr, betas=(0.5,
   0.999))`` for each network (the usual GAN setting);
4. ``steps`` times: ``real`` = ``batch_size`` cells of ``data`` drawn at random
   (``data[torch.randint(0, n, (batch_size,))]``, or the next batch of a shuffled order);
   ``fake = G(torch.randn(batch_size, latent_dim))`` (fresh noise every step);
   - D step: ``d_loss = BCE(D(real), 1) + BCE(D(fake.detach()), 0)``: two calls of
     ``D``, one on the real batch and one on the generated batch (never one call on the
     two concatenated: each batch's spread must be its own); zero D's gradients,
     ``d_loss.backward()``, step D's optimizer;
   - G step, **non-saturating**: ``g_loss = BCE(D(fake), 1)`` (the fakes labelled real),
     zero G's gradients, ``g_loss.backward()``, step G's optimizer (only G moves);

   where ``BCE(logits, t)`` is ``F.binary_cross_entropy_with_logits`` (or
   ``nn.BCEWithLogitsLoss()``) against a target of ones or zeros, a mean over the batch;
5. return ``(G.eval(), low, high)``.

The defaults are part of the interface: the graders train with them (one training takes
about 1.5 s on one CPU thread). They are enough for this data (the sweep below).

Task 5: ``generate_expression(G, n, low, high, generator=None)``
----------------------------------------------------------------
``n`` generated cells in log-expression, float32 ``[n, genes]``: draw the noise with exactly
ONE call ``z = torch.randn(n, latent_dim, generator=generator, device=device)`` where
``latent_dim = G.net[0].in_features`` and ``device`` is the device of G's parameters
(``G.net[0].weight.device``); then ``unscale(G(z), low, high)`` under ``torch.no_grad()``.
With a ``torch.Generator`` all the randomness comes from it and torch's global random state
is left untouched; with ``generator=None`` (default) ``z`` comes from the global generator.
Every cell gets its own row of ``z``: draw nothing else, in no other shape or order (the
graders redraw the same ``z`` from the same seed).

Task 6: ``plot_gene_means(real, fake) -> matplotlib.figure.Figure``
-------------------------------------------------------------------
``real`` float32 ``[n_real, genes]`` and ``fake`` float32 ``[n_fake, genes]`` (cells in
log-expression, any numbers of cells, the same genes). One Axes (``fig, ax =
plt.subplots()``) with:

- ONE scatter (``ax.scatter``) with one point per gene, in gene order: x = the gene's mean
  over the real cells (``real.mean(dim=0)``), y = its mean over the generated cells;
- the line ``y = x`` (``ax.plot([lo, hi], [lo, hi])``, e.g. from the smallest to the largest
  mean): a good generator puts every gene on it;
- x label exactly ``"real mean"`` and y label exactly ``"generated mean"`` (a title is up
  to you).

Return the Figure (never call ``plt.show()``: the caller shows it).

What the graders check
----------------------
The learning check trains: ``G, low, high = train_expression_gan(x)`` with
its **defaults** on ``x, labels = log_expression(seed=0)`` (600 cells, 50 genes), after
``torch.manual_seed(0)``, then generate ``fake = generate_expression(G, 1000, low, high,
generator=torch.Generator().manual_seed(1))``. The statistics are computed by the graders
from ``x``, ``labels`` and ``fake``. Sweep: the reference over 20 runs (data and training
seeds 0-19: ``log_expression(seed=s)``, ``seed=s``); its worst run is quoted with each bar.

- ``scaling_round_trip``: a plain case first: ``x = [[0, 1, 5], [2, 1, 3], [4, 1, 4]]``
  (the middle gene constant) scales to ``[[-1, -1, 1], [0, -1, -1], [1, -1, 0]]``; then
  ``log_expression(40, 12, seed=3)`` and 10 generated cases (1-30 cells, 1-8 genes, some
  genes constant, values from -5 to 30): ``fit_scaler`` returns float32 ``[genes]`` equal
  to the per-gene min and max; ``scale_to_unit`` equals ``2 * (x - low) / span - 1`` (rtol
  1e-4, atol 1e-5), its values lie in ``[-1, 1]`` (1e-5 slack) with each varying gene's
  minimum -1 and maximum 1; ``unscale(scale_to_unit(x))`` equals ``x`` (rtol 1e-4, atol
  1e-4 x the largest ``|x|``); on other cells (outside ``[low, high]`` too)
  ``scale_to_unit`` follows the same formula (no clamping), and ``unscale`` equals ``low +
  (y + 1) / 2 * span`` for ``y`` from -1.5 to 1.5;
- ``minibatch_std``: on ``[[1, 2], [3, 2]]`` the result is ``[[1, 2, 1, 0], [3, 2, 1, 0]]``;
  on a single cell the spread half is 0; on 20 generated batches (1-20 cells, 1-10 genes,
  float32 and float64) it equals the formula above (computed by the graders in float64),
  keeps the dtype, and its gradient with respect to ``x`` (of a weighted sum of the
  output) equals the formula's, through the spread half too; ``ExpressionDiscriminator(5,
  8)(x)`` equals ``D.net(minibatch_std(x))`` computed by the graders with D's own layers,
  and changing one cell of a batch changes the other cells' logits;
- ``param_count``: ``ExpressionGenerator()`` 25,138 and ``ExpressionDiscriminator()``
  29,569 parameters (defaults); ``ExpressionGenerator(3, 8, 16)`` 467,
  ``ExpressionGenerator(20, 4, 32)`` 1,876, ``ExpressionDiscriminator(3, 16)`` 401,
  ``ExpressionDiscriminator(20, 32)`` 2,401; each ``net`` is the ``nn.Sequential`` of task 2
  (layer types in order, Linear sizes, LeakyReLU slope 0.2, a final Tanh in G and nothing
  after D's last Linear); G's ``forward`` returns ``net(z)``, ``[B, n_genes]``;
- ``generate_expression`` (the graders' own generator network, the layout of task 2 with
  ``latent_dim=16`` and 50 genes, and the per-gene min and max of ``log_expression(seed=0)``
  as ``low`` and ``high``): with a seeded generator it returns float32 ``[1000, 50]`` equal
  (rtol 1e-4, atol 1e-5) to ``unscale(G(z))`` for the graders' ``z = torch.randn(1000, 16,
  generator=torch.Generator().manual_seed(1))``, the same twice, and leaves the global
  random state alone; with ``generator=None`` after ``torch.manual_seed(5)`` it equals
  ``unscale(G(torch.randn(7, 16)))`` drawn after the same seed;
- ``learns_the_cells`` (trained as above; ``low`` and ``high`` returned by training must be
  float32 ``[50]``, the per-gene min and max of ``x``), in this order:

  - **no mode collapse**: every one of the 4 cell types gets at least **10%** of the 1000
    generated cells when ``sklearn.neighbors.NearestCentroid``, fitted on ``x`` and
    ``labels``, assigns them (0.25 each is perfect; reference: 0.19 at worst; a
    discriminator without the minibatch feature: 0 in every run), and the mean pairwise
    Euclidean distance between generated cells (``torch.pdist``, in log-expression) is at
    least **0.70** times that of the 600 real cells (reference: 0.90 at worst; an untrained
    generator: 0.14);
  - **gene means**: the Pearson correlation of the 50 per-gene means of ``x`` and of
    ``fake``, both scaled with ``x``'s scaler (``scale_to_unit(., low, high)``, so every
    gene counts on the same scale), is at least **0.45** (reference: 0.63 at worst; an
    untrained generator, whose cells sit near the middle of each gene's range, scores
    about 0);
  - **gene spread**: the Pearson correlation of the per-gene standard deviations, scaled
    in the same way, is at least **0.15** (reference: 0.29 at worst; an untrained
    generator: 0.05 at best), and the mean over the 50 genes of ``|std_fake - std_real| /
    std_real`` (in log-expression) is at most **0.30** (reference: 0.19 at worst; an
    untrained generator: 0.86);
- ``plot_gene_means``: on a plain case (real ``[3, 4]``, fake ``[2, 4]``), on
  ``log_expression`` cells (30 real, 20 other, 50 genes) and 8 generated cases (1-20 cells
  each, 2-30 genes): the result is a Figure with one Axes, a scatter whose points are
  exactly ``(real.mean(0)[g], fake.mean(0)[g])`` for every gene ``g`` in order (rtol 1e-5),
  axis labels ``("real mean", "generated mean")``, a line whose x and y data are equal at
  2 or more distinct points (``y = x``), and ``plt.show()`` not called;
- ``follows_device``: ``ExpressionGenerator(5, 6)`` and ``ExpressionDiscriminator(5)`` with
  ``low``/``high`` buffers follow ``.to(device)`` (checked on the ``meta`` device):
  ``D(G(z))``, ``generate_expression(G, 3, low, high)`` (``z`` on G's device) and
  ``scale_to_unit`` of its cells;
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``ExpressionGenerator()`` then
  ``ExpressionDiscriminator()`` give the same outputs on CPU and CUDA (full float32).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
from matplotlib import pyplot as plt  # noqa: F401
from torch import nn


def minibatch_std(x):
    # TODO (task 1): torch.cat([x, the batch's per-gene std (correction=0) on every row], dim=1)
    raise NotImplementedError("minibatch_std")


class ExpressionGenerator(nn.Module):
    """Noise [B, latent_dim] -> scaled profiles [B, n_genes] in (-1, 1)."""

    def __init__(self, n_genes=50, latent_dim=16, hidden=128):
        super().__init__()
        # TODO (task 2): self.net = nn.Sequential(Linear, ReLU, Linear, ReLU, Linear, Tanh)
        raise NotImplementedError("ExpressionGenerator.__init__")

    def forward(self, z):
        # TODO (task 2)
        raise NotImplementedError("ExpressionGenerator.forward")


class ExpressionDiscriminator(nn.Module):
    """A batch of profiles [B, n_genes] -> raw logits [B, 1], each cell seen with its batch's spread."""

    def __init__(self, n_genes=50, hidden=128):
        super().__init__()
        # TODO (task 2): self.net = nn.Sequential(Linear(2 * n_genes, hidden), LeakyReLU(0.2), ...)
        raise NotImplementedError("ExpressionDiscriminator.__init__")

    def forward(self, x):
        # TODO (task 2): self.net(minibatch_std(x))
        raise NotImplementedError("ExpressionDiscriminator.forward")


def fit_scaler(x):
    # TODO (task 3): (low, high), each gene's min and max over the cells
    raise NotImplementedError("fit_scaler")


def scale_to_unit(x, low, high):
    # TODO (task 3): 2 * (x - low) / span - 1, span 1 for constant genes
    raise NotImplementedError("scale_to_unit")


def unscale(x_scaled, low, high):
    # TODO (task 3): low + (x_scaled + 1) / 2 * span
    raise NotImplementedError("unscale")


def train_expression_gan(x, latent_dim=16, steps=600, batch_size=128, lr=1e-3, seed=0):
    # TODO (task 4): scale, then steps of D (real and fake batches apart, fakes detached) and G
    raise NotImplementedError("train_expression_gan")


def generate_expression(G, n, low, high, generator=None):
    # TODO (task 5): one z = torch.randn(n, latent_dim, generator=generator, device=...), unscale(G(z))
    raise NotImplementedError("generate_expression")


def plot_gene_means(real, fake):
    # TODO (task 6): scatter of per-gene means (x real, y generated), the line y = x, labels; return fig
    raise NotImplementedError("plot_gene_means")
