"""Session 8, exercise 4: a conditional VAE: cell type in, cell type out.

Genomics context
----------------
A VAE trained on single cells learns a latent space where the cell types separate; sampling
``z ~ N(0, I)`` and decoding gives *some* cell, of whatever type that point of the latent space
happens to hold. Often we want to choose: "show me a plausible T cell", or "what would this
cell look like as a monocyte?". A **conditional VAE** (CVAE; Sohn, Lee & Yan 2015) gives the
cell type to the network as an input: the encoder sees ``(x, type)`` and the decoder
``(z, type)``. Because the decoder is told the type, the latent code no longer needs to carry
it (the KL term charges for every nat it holds), so ``z`` keeps the variation *within* a type
and the label chooses the type. Generating with a chosen label then gives profiles of that
type. The same idea, with the batch or the donor as the condition, is how scVI and trVAE
remove batch effects and predict perturbation responses.

The cell type enters as a **one-hot vector with a fixed number of classes**: every batch, even
one holding a single type, is encoded with ``n_classes`` columns in the same order (column
``k`` is type ``k``), so a cell's encoding never depends on which other cells share its batch.

This module is standalone: it imports nothing from the other exercises (copy your own code
from them if you like).

Data
----
``coursekit.data.session08.expression_programs(n_cells=600, n_genes=200, n_programs=5,
n_types=4, noise=0.3, seed=0)`` returns ``(x, labels)``: float32 ``[n_cells, n_genes]``
expression built from a few gene programs, each gene centred and scaled to unit variance (so
values are real numbers, negative ones included: not probabilities), and int64 ``[n_cells]``
cell types ``0 .. n_types - 1`` (equal shares, shuffled). It is seeded and never touches the
global random state. The defaults of ``ConditionalVAE`` (200 genes, 4 types) fit it.

Conventions of session 8
------------------------
- ``logvar`` is the log **variance**: ``std = exp(logvar / 2)``.
- The encoder outputs ``2 * latent_dim`` features, split with ``.chunk(2, dim=-1)``: the first
  half is ``mu``, the second ``logvar``.
- Randomness comes from an optional ``generator=None`` argument (a ``torch.Generator``): with
  one, every random number is drawn from it and torch's global generator is left untouched;
  with ``None``, torch's global generator is used (pass ``generator=None`` through to torch).
- Expression is modelled with a Gaussian mean: the decoder's last layer is a plain ``Linear``
  (no sigmoid), the reconstruction term is the squared error. (The course guide's sigmoid and
  binary cross entropy are for data in [0, 1]; scaled expression is not.)
- The KL divergence of ``N(mu, sigma^2)`` from ``N(0, 1)`` for one cell, summed over the latent
  dimensions: ``-0.5 * sum(1 + logvar - mu^2 - exp(logvar))``. A loss is the batch **mean** of
  per-cell sums (squared error summed over genes + KL).

Task 1: ``one_hot(labels, n_classes)``
--------------------------------------
``labels``: int64 ``[B]`` with values in ``0 .. n_classes - 1``. Returns float32
``[B, n_classes]`` on the labels' device: row ``i`` is 1 in column ``labels[i]`` and 0
elsewhere, i.e. ``F.one_hot(labels, n_classes).float()`` (or ``torch.eye(n_classes,
device=labels.device)[labels]``, or ``scatter_``). The width is always ``n_classes``, even
when the batch holds only some of the types (``F.one_hot(labels)`` without ``n_classes`` has
``labels.max() + 1`` columns: wrong here). A label outside ``0 .. n_classes - 1`` (negative,
or ``>= n_classes``) raises ``ValueError``, e.g.
``if labels.min() < 0 or labels.max() >= n_classes: raise ValueError(...)``.

Task 2: ``ConditionalVAE(input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128)``
------------------------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly these two attributes (names
and layout fixed; the graders use them):

- ``encoder = nn.Sequential(nn.Linear(input_dim + n_classes, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, 2 * latent_dim))``;
- ``decoder = nn.Sequential(nn.Linear(latent_dim + n_classes, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, input_dim))``.

No other parameters, no normalisation or dropout layers. You may store ``n_classes`` and
``latent_dim`` as plain attributes. ``ConditionalVAE()`` has **55,768** parameters; in
general ``H * (2 D + 2 C + 3 L + 2) + 2 L + D`` with ``D = input_dim``, ``C = n_classes``,
``L = latent_dim``, ``H = hidden_dim`` (encoder ``(D + C) H + H + 2 L H + 2 L``, decoder
``(L + C) H + H + H D + D``).

Methods (``x`` float32 ``[B, input_dim]``, ``labels`` int64 ``[B]``, ``z`` float32
``[B, latent_dim]``, all on the model's device; each row is one cell):

- ``encode(x, labels)`` returns ``(mu, logvar)``, each float32 ``[B, latent_dim]``:
  ``encoder(torch.cat([x, one_hot(labels, n_classes)], dim=-1)).chunk(2, dim=-1)``;
- ``decode(z, labels)`` returns float32 ``[B, input_dim]``:
  ``decoder(torch.cat([z, one_hot(labels, n_classes)], dim=-1))``;
- ``forward(x, labels, generator=None)`` returns ``(recon, mu, logvar)``: ``mu, logvar =
  encode(x, labels)``; in **train mode** (``self.training``) ``z = mu + eps * exp(logvar / 2)``
  with ``eps`` drawn by exactly ONE call ``torch.randn(mu.shape, generator=generator,
  dtype=mu.dtype, device=mu.device)`` (nothing else drawn); in **eval mode** ``z = mu`` (no
  sampling: eval mode is deterministic); ``recon = decode(z, labels)``;
- ``generate(labels, generator=None)`` returns float32 ``[len(labels), input_dim]``: new
  profiles of the requested types, under ``torch.no_grad()``: ``z`` drawn from the prior by
  exactly ONE call ``torch.randn((len(labels), latent_dim), generator=generator,
  device=labels.device)``, then ``decode(z, labels)``. The same in train and eval mode.

Encode and decode through this module's ``one_hot`` (the device check below relies on it).
Each row depends only on its own cell: a cell's ``mu``, ``logvar`` and reconstruction are the
same whatever other cells share its batch.

Task 3: ``train_cvae(model, x, labels, epochs=50, lr=1e-2, batch_size=64, generator=None)``
-------------------------------------------------------------------------------------------
Trains ``model`` in place on ``x`` float32 ``[N, input_dim]`` and ``labels`` int64 ``[N]``
and returns the loss of every epoch, a list of ``epochs`` Python floats. ``model.train()``,
then ``torch.optim.Adam(model.parameters(), lr=lr)``; each epoch draws a fresh order
``torch.randperm(N, generator=generator, device=x.device)`` and walks it in mini-batches of
``batch_size`` cells (the last one may be smaller). For each batch: ``recon, mu, logvar =
model(xb, yb, generator=generator)``; ``loss`` = the batch mean of (squared error summed over
the genes + KL summed over the latent dimensions); ``zero_grad()``, ``backward()``,
``step()``. An epoch's loss is the mean of its per-cell losses (the batch losses weighted by
batch size: ``sum(loss.item() * len(batch)) / N``). With a generator, every random number
(orders and ``eps``) comes from it, so two runs from the same initial weights with generators
of the same seed give the same losses, and torch's global generator is left untouched. The
defaults are part of the interface: the graders train with them.

What the graders check
----------------------
The small model below is ``ConditionalVAE(input_dim=30, n_classes=5, latent_dim=3,
hidden_dim=16)`` built under a fixed seed; comparisons use rtol 1e-4 and atol 1e-5; "trusted"
values are computed by the graders with your model's own ``encoder`` and ``decoder``
(``Sequential``) on ``torch.cat([x, F.one_hot(labels, n_classes).float()], -1)`` and
``torch.cat([z, F.one_hot(labels, n_classes).float()], -1)``.

- ``one_hot`` (1 point): float32 ``[B, n_classes]`` equal to ``F.one_hot(labels,
  n_classes).float()`` for ``[2, 0, 2, 1]`` with 4 classes (class 3 missing: still 4 columns),
  ``[2, 2, 2]`` with 4 classes (a batch of one type), ``[0]`` with 3, then 30 generated cases
  (1 to 12 classes, 1 to 20 labels, any of them missing); ``ValueError`` for ``[0, 4, 1]``
  with 4 classes, ``[1, -1]`` with 4 and ``[3]`` with 3.
- ``param_count`` (1 point): ``ConditionalVAE()`` (no argument) has 55,768 parameters, its
  ``encoder`` is ``Sequential(Linear(204, 128), ReLU, Linear(128, 16))`` and its ``decoder``
  ``Sequential(Linear(12, 128), ReLU, Linear(128, 200))`` (with biases);
  ``ConditionalVAE(50, 3, 4, 32)`` has 3,898 and ``ConditionalVAE(765, 10, 16, 64)`` 103,197.
- ``batch_independent`` (2 points): on the small model (and 20 generated cases: 2 to 6 types,
  a mixed batch of up to 46 cells holding every type, one chosen type), in train mode and in
  eval mode: ``encode(x, labels)`` equals the trusted ``encoder(...).chunk(2, -1)`` and
  ``decode(z, labels)`` the trusted ``decoder(...)``; ``encode`` and ``decode`` of the chosen
  type's cells alone (e.g. only type-2 cells: a one-hot sized by the batch, or built from the
  types present, gives them other columns) give the same rows as those cells inside the mixed
  batch (so no layer may mix the rows of a batch, such as BatchNorm); in eval mode
  ``forward(x, labels)`` returns ``(recon, mu, logvar)`` with ``recon`` = the trusted
  ``decoder`` of ``mu`` (``z = mu``, no sampling), and the chosen cells alone give the same
  ``recon`` rows.
- ``decoder_uses_label`` (1 point): the small model in eval mode, one fixed ``z [6, 3]``
  decoded with each of the 5 types: each ``decode(z, labels)`` equals the trusted decoder
  (the first decoder layer must be ``Linear(latent_dim + n_classes, hidden_dim)``), and the
  outputs for any two types differ (mean absolute difference above 1e-3: at initialisation
  the label's weights already move the output; a decoder that ignores the label gives 0).
- ``generates_its_type`` (2 points): the graders build ``ConditionalVAE()`` (seeded) and call
  ``train_cvae(model, x, labels, generator=torch.Generator().manual_seed(1))`` with its
  **defaults** on the first 200 cells of ``expression_programs(n_cells=400, seed=3)``; the
  losses must be a list of 50 Python floats (the default ``epochs``) and fall by at least 3x
  (last <= first / 3). Then ``generate(labels, generator=...)`` for 50 profiles of each of the
  4 types; scikit-learn's ``NearestCentroid`` (Euclidean), fit on the 200 held-out real cells
  and their types, assigns each profile a type, and at least **0.60** of the profiles must get
  the type they were generated with (chance: 0.25). The reference over 20 seeds (data,
  initialisation, training and generation seeds 0-19): 0.840 to 1.000 of the profiles assigned
  to their type, the loss falling 5.2x to 13.2x; bars 0.60 and 3x. A decoder that ignores the
  label scores about 0.25, so does an untrained model; the KL with its sign flipped 0.25.
- ``seeded_sampling`` (1 point): the small model in train mode: ``forward(x [9, 30], labels,
  generator=g)`` leaves torch's global generator untouched and its ``recon`` equals the
  trusted decoder of ``mu + eps * exp(logvar / 2)`` with ``eps = torch.randn(mu.shape,
  generator=torch.Generator().manual_seed(same seed))``; without a generator two calls give
  different ``recon`` (train mode samples); ``generate(labels, generator=g)`` for 12 and for 5
  labels leaves the global generator untouched, returns a tensor without gradients
  (``requires_grad`` False) equal to the trusted decoder of ``z = torch.randn((n, 3),
  generator=torch.Generator().manual_seed(same seed))``; ``generate(labels)`` without a
  generator works; ``train_cvae(model, x [40, 30], labels, epochs=2, lr=1e-3, batch_size=16,
  generator=g)`` returns 2 floats, leaves the global generator untouched, and two runs from
  the same initial weights with generators of the same seed return the same losses.
- ``follows_device`` (1 point): every tensor of the small model, and of its ``forward``,
  ``decode`` and ``generate`` with labels made on the input's device, follows ``.to(device)``
  (checked on the ``meta`` device, train and eval mode: create new tensors with
  ``device=labels.device`` or ``device=mu.device``). The meta device holds no values, so a
  range check there cannot read them: the graders let comparisons read as False and
  ``.all()`` as True, and if your ``one_hot`` still cannot run without values, encode and
  decode get ``F.one_hot(labels, n_classes).float()`` in its place for that check.
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``ConditionalVAE()`` in eval mode
  gives the same ``forward`` on CPU and CUDA, in full float32 (TF32 off).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.one_hot)
from torch import nn


def one_hot(labels, n_classes):
    """int64 labels [B] in 0..n_classes-1 -> float32 [B, n_classes]; ValueError outside that range."""
    # TODO (task 1): n_classes columns always; raise ValueError for a label out of range
    raise NotImplementedError("one_hot")


class ConditionalVAE(nn.Module):
    """Encoder on cat([x, one_hot]), decoder on cat([z, one_hot]); a Gaussian-mean decoder."""

    def __init__(self, input_dim=200, n_classes=4, latent_dim=8, hidden_dim=128):
        super().__init__()
        # TODO (task 2): self.encoder, self.decoder (nn.Sequential, the layout of the spec)
        raise NotImplementedError("ConditionalVAE.__init__")

    def encode(self, x, labels):
        # TODO (task 2): (mu, logvar), each [B, latent_dim]
        raise NotImplementedError("ConditionalVAE.encode")

    def decode(self, z, labels):
        # TODO (task 2): [B, input_dim]
        raise NotImplementedError("ConditionalVAE.decode")

    def forward(self, x, labels, generator=None):
        # TODO (task 2): (recon, mu, logvar); train mode samples z, eval mode z = mu
        raise NotImplementedError("ConditionalVAE.forward")

    def generate(self, labels, generator=None):
        # TODO (task 2): z ~ N(0, I) from the generator (one call), decoded under torch.no_grad()
        raise NotImplementedError("ConditionalVAE.generate")


def train_cvae(model, x, labels, epochs=50, lr=1e-2, batch_size=64, generator=None):
    """Adam on the batch mean of (summed squared error + KL); returns one loss per epoch."""
    # TODO (task 3): the loop of the spec; return a list of `epochs` floats
    raise NotImplementedError("train_cvae")
