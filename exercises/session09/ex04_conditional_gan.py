"""Session 9, exercise 4: a conditional GAN: the cell type to both networks.

Genomics context
----------------
A GAN trained on single cells learns to make profiles that look real, but of whatever cell
type its noise happens to land on. To ask for a type ("make me plausible T cells", or
augment a rare population), the label goes in as an input: a **conditional GAN** (cGAN;
Mirza & Osindero 2014). The generator makes ``G(z, y)`` from noise ``z`` and a label ``y``;
the discriminator judges the **pair** ``D(x, y)``: "is this a real profile *of type y*?".
Both networks must see the label. If only the generator does (as in the course guide's
sketch), the discriminator can only ask "does this look like some cell?", so a generator
that makes a perfect B cell when asked for a T cell is never penalised, and the label is
ignored. A discriminator that is shown the label learns what each type looks like, and the
only way for the generator to fool it is to make the type it was asked for.

Expression has a second trap: the generator ends in ``Tanh``, so its outputs lie in
``(-1, 1)``, but ``log1p`` UMI counts run from 0 to about 7. Unscaled data are out of the
generator's reach (a discriminator tells them apart at once). Each gene is therefore scaled
to ``[-1, 1]`` with its own minimum and maximum, invertibly (``unscale`` takes generated
profiles back to log-expression).

This module is standalone: it imports nothing from the other exercises (copy your own code
from them if you like).

Data
----
``coursekit.data.session09.log_expression(n_cells=600, n_genes=50, n_types=4, seed=0)``
returns ``(x, labels)``: float32 ``[n_cells, n_genes]`` ``log1p`` UMI counts (non-negative,
unscaled, skewed; about 0 to 7) and int64 ``[n_cells]`` cell types ``0 .. n_types - 1``
(equal shares, shuffled; each type has its own gene means). It is seeded and never touches
the global random state. The graders use 600 cells, 50 genes, 4 types.

Conventions of session 9
------------------------
- The discriminator returns a **raw logit** (no sigmoid); losses are
  ``F.binary_cross_entropy_with_logits`` (or ``nn.BCEWithLogitsLoss``): 1 = real, 0 = fake.
- Randomness comes from an optional ``generator=None`` argument (a ``torch.Generator``):
  with one, every random number is drawn from it and torch's global generator is left
  untouched; with ``None``, torch's global generator is used (pass ``generator=None``
  through to torch). Noise is drawn by exactly ONE call (below), so the graders can redraw
  it from a generator of the same seed.

Task 1: ``scale_to_unit(x, low, high)`` and ``unscale(x_scaled, low, high)``
----------------------------------------------------------------------------
``x`` float32 ``[N, G]``; ``low`` and ``high`` float32 ``[G]``, each gene's minimum and
maximum over the cells (``low = x.min(dim=0).values``, ``high = x.max(dim=0).values``;
``high > low`` for every gene the graders use). Per-gene min-max scaling to ``[-1, 1]``::

    scale_to_unit(x, low, high) = 2 * (x - low) / (high - low) - 1      # float32 [N, G]
    unscale(x_scaled, low, high) = (x_scaled + 1) / 2 * (high - low) + low

so each gene's minimum goes to -1 and its maximum to +1 (the same as scikit-learn's
``MinMaxScaler(feature_range=(-1, 1))``; not ``[0, 1]``, MinMaxScaler's default, and not one
minimum and maximum over all genes), and ``unscale`` undoes ``scale_to_unit``. Both work on
any number of rows with the same ``low`` and ``high`` (broadcast over the rows).

Task 2: ``ConditionalGAN(latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128)``
--------------------------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly these three attributes
(names and layout fixed; the graders use them):

- ``label_emb = nn.Embedding(n_classes, latent_dim)``: one learned vector of ``latent_dim``
  numbers per class, for the generator (the course guide's name);
- ``generator = nn.Sequential(nn.Linear(2 * latent_dim, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, output_dim),
  nn.Tanh())``: it reads the noise **concatenated** with the label's embedding,
  ``torch.cat([z, label_emb(labels)], dim=1)`` (noise first), ``2 * latent_dim`` numbers;
- ``discriminator = nn.Sequential(nn.Linear(output_dim + n_classes, hidden_dim),
  nn.LeakyReLU(0.2), nn.Linear(hidden_dim, hidden_dim), nn.LeakyReLU(0.2),
  nn.Linear(hidden_dim, 1))``: it reads the profile **concatenated** with the label's one-hot
  vector, ``torch.cat([x, one_hot], dim=1)`` (profile first), where ``one_hot`` is float
  ``[B, n_classes]``, always ``n_classes`` columns (column ``k`` is class ``k``):
  ``F.one_hot(labels, n_classes).float()`` or ``torch.eye(n_classes,
  device=labels.device)[labels]``; never ``F.one_hot(labels)`` without ``n_classes``, whose
  width is the largest label in the batch + 1. No sigmoid at the end: a raw logit.

All linear layers with biases; no other parameters, no normalisation or dropout. You may
store ``latent_dim`` and ``n_classes`` as plain attributes. ``ConditionalGAN()`` has
**74,139** parameters; in general ``C L + H (2 L + 2 D + C + 2 H + 5) + D + 1`` with
``L = latent_dim``, ``C = n_classes``, ``D = output_dim``, ``H = hidden_dim`` (embedding
``C L``; generator ``2 L H + H + H H + H + H D + D``; discriminator ``(D + C) H + H + H H + H
+ H + 1``). ``ConditionalGAN(n_classes=4)`` (the graders' trained model) has 72,771.

Methods (``z`` float32 ``[B, latent_dim]``, ``x`` float32 ``[B, output_dim]``, ``labels``
int64 ``[B]`` with values in ``0 .. n_classes - 1``, all on the model's device; each row is
one cell, and a row's result depends only on that row, whatever else shares its batch):

- ``forward(z, labels)`` returns the generated profiles, float32 ``[B, output_dim]`` in
  ``(-1, 1)``: ``generator(torch.cat([z, label_emb(labels)], dim=1))``;
- ``generate(labels, generator=None)`` returns float32 ``[len(labels), output_dim]``: new
  profiles of the requested classes, ``z`` drawn by exactly ONE call
  ``torch.randn(len(labels), latent_dim, generator=generator, device=labels.device)``, then
  ``forward(z, labels)``. It keeps gradients (training calls it; wrap it in
  ``torch.no_grad()`` yourself when you only sample);
- ``discriminate(x, labels)`` returns the logits, float32 ``[B, 1]``:
  ``discriminator(torch.cat([x, one_hot(labels)], dim=1))``.

Task 3: ``train_cgan(model, x_scaled, labels, steps=150, batch_size=64, lr=2e-3, generator=None)``
-------------------------------------------------------------------------------------------------
Trains ``model`` in place on ``x_scaled`` float32 ``[N, output_dim]`` (scaled to ``[-1, 1]``
by task 1) and ``labels`` int64 ``[N]``, and returns ``(d_losses, g_losses)``: two lists of
``steps`` Python floats, the discriminator's and the generator's loss at each step.
``model.train()``; two optimisers, ``torch.optim.Adam(..., lr=lr, betas=(0.5, 0.999))``: the
generator's over the parameters of ``label_emb`` and ``generator``, the discriminator's over
those of ``discriminator``. Each step:

1. a mini-batch drawn with replacement: ``idx = torch.randint(0, N, (batch_size,),
   generator=generator, device=x_scaled.device)``; ``real, y = x_scaled[idx], labels[idx]``;
2. fakes **for the same labels**: ``fake = model.generate(y, generator=generator)``;
3. discriminator step: ``d_loss = BCE(discriminate(real, y), 1) + BCE(discriminate(
   fake.detach(), y), 0)`` (``detach``: this step must not reach the generator, and the
   generator step below backpropagates through ``fake`` again); ``zero_grad``,
   ``backward``, ``step`` of the discriminator's optimiser;
4. generator step: ``g_loss = BCE(discriminate(fake, y), 1)`` (the same labels ``y`` the
   fakes were made for); ``zero_grad``, ``backward``, ``step`` of the generator's optimiser;

where ``BCE(logits, 1)`` is ``F.binary_cross_entropy_with_logits(logits,
torch.ones_like(logits))`` (a batch mean), and ``0`` likewise with ``zeros_like``. Append
``d_loss.item()`` and ``g_loss.item()``. With a generator, every random number (batches and
noise) comes from it. The defaults are part of the interface: the graders train with them.
(Adversarial losses do not fall the way a reconstruction loss does: the graders judge the
generated profiles, not the loss curves.)

What the graders check
----------------------
The small model is ``ConditionalGAN(latent_dim=8, n_classes=3, output_dim=6,
hidden_dim=16)`` built under a fixed seed. "Trusted" values are computed by the graders from
your model's weights with ``F.linear``, ``F.relu``, ``F.leaky_relu(., 0.2)``, ``torch.tanh``,
``label_emb.weight[labels]`` and ``F.one_hot(labels, n_classes).float()`` as in task 2;
comparisons use rtol 1e-4 and atol 1e-5.

- ``label_embedding`` (1 point): ``ConditionalGAN()`` (no argument) has ``label_emb`` an
  ``nn.Embedding`` with 10 rows of 100 numbers (``nn.Embedding(n_classes, latent_dim)``), and
  the small model one with 3 rows of 8; ``label_emb.weight`` is among the model's
  parameters and in its ``state_dict``, and nothing is held in plain lists or plain tensor
  attributes; on the small model, after ``g_loss = BCE-with-logits(discriminate(
  generate(labels, generator=g), labels), 1)`` for labels ``[0, 2, 2, 0]`` and
  ``g_loss.backward()``, ``label_emb.weight.grad`` is nonzero in rows 0 and 2 (the labels
  used) and zero in row 1 (the generator must read the embedding).
- ``param_count`` (1 point): ``ConditionalGAN()`` has 74,139 parameters, its ``generator``
  is ``Sequential(Linear(200, 128), ReLU, Linear(128, 128), ReLU, Linear(128, 50), Tanh)`` and
  its ``discriminator`` ``Sequential(Linear(60, 128), LeakyReLU(0.2), Linear(128, 128),
  LeakyReLU(0.2), Linear(128, 1))``; ``ConditionalGAN(n_classes=4)`` has 72,771 and the small
  model 1,119; ``ConditionalGAN(latent_dim=16, n_classes=7, output_dim=30, hidden_dim=32)``
  5,519.
- ``generator_uses_label`` (1 point): the small model, one fixed ``z [6, 8]`` with each of
  the 3 classes (a batch of one class each) and with mixed labels: ``forward(z, labels)`` is
  float32 ``[6, 6]`` equal to the trusted generator on ``cat([z, label_emb(labels)])``, and
  the outputs for any two classes differ (mean absolute difference above 1e-3); then 20
  generated cases (latent 1 to 8, 1 to 5 classes, output 1 to 8, hidden 1 to 16, batch 1 to
  10, random labels). ``generate(labels, generator=g)`` for 7 and 2 labels equals the
  trusted generator on ``z`` redrawn by ``torch.randn(n, latent_dim, generator=g')`` (``g'``
  seeded as ``g`` was) and leaves torch's global generator untouched; without a generator it
  runs and two calls under different global seeds differ.
- ``discriminator_uses_label`` (1 point): the small model, one fixed ``x [6, 6]`` in
  ``[-1, 1]`` judged with each of the 3 classes (a batch of one class each: the one-hot
  must still have 3 columns), with mixed labels, and 2 rows with labels ``[0, 1]``:
  ``discriminate(x, labels)`` is float32 ``[B, 1]`` equal to the trusted discriminator on
  ``cat([x, one_hot(labels, n_classes)])`` (a raw logit: no sigmoid), and the logits for any
  two classes differ (mean absolute difference above 1e-4: a discriminator that ignores the
  label, the course guide's sketch, fails here); then 20 generated cases as above.
- ``generates_requested_class`` (2 points): first the scaling: on
  ``log_expression(600, seed=5)``, ``scale_to_unit(x, low, high)`` (with ``low`` and
  ``high`` each gene's min and max) is float32 ``[600, 50]`` equal to scikit-learn's
  ``MinMaxScaler(feature_range=(-1, 1)).fit_transform(x)`` (atol 1e-5), and ``unscale``
  gives ``x`` back (atol 1e-4), also on 20 generated matrices (1 to 30 rows, 1 to 12 genes;
  ``low``, ``high`` their column min and max, or a wider range). Then the training:
  ``log_expression(600, 50, 4, seed=0)``, scaled as above by the graders,
  ``ConditionalGAN(n_classes=4)`` built under a fixed seed, ``train_cgan(model, x_scaled,
  labels, generator=torch.Generator().manual_seed(1))`` with its **defaults** (steps 150,
  batch 64, lr 2e-3) under a fixed global seed: both lists hold 150 finite floats. In eval
  mode, ``generate`` makes 50 profiles for each of the 4 classes (a seeded generator); a
  scikit-learn ``NearestCentroid`` fit on the 600 real scaled cells assigns each to a
  class; the share assigned to the class it was generated for must be at least
  **0.70** (chance 0.25). The reference over 40 runs (data seeds 0-19, each with two
  initialisation and training seeds): 0.875 to 1.0 (39 runs at 1.0); over 10 runs each, a
  discriminator that ignores the label scores 0.0 to 0.5, a generator that ignores it 0.25
  to 0.29, fakes made for other labels than the discriminator is shown 0.0 to 0.5, and 30
  training steps instead of 150 score 0.23 to 0.5.
- ``follows_device`` (1 point): every tensor of the small model, and of ``forward``,
  ``generate`` (without a generator) and ``discriminate`` on labels ``0, 1, 2, 0, ...`` made on
  the input's device, follows ``.to(device)`` (checked on the ``meta`` device, train and eval
  mode: make ``z`` and any one-hot with ``device=labels.device``).
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``ConditionalGAN(n_classes=4)``
  gives the same ``forward(z, labels)`` and ``discriminate`` on CPU and CUDA, in full float32.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.one_hot, F.binary_cross_entropy_with_logits)
from torch import nn


def scale_to_unit(x, low, high):
    """Per-gene min-max scaling to [-1, 1]: float32 [N, G] -> float32 [N, G]."""
    # TODO (task 1): 2 * (x - low) / (high - low) - 1
    raise NotImplementedError("scale_to_unit")


def unscale(x_scaled, low, high):
    """The inverse of scale_to_unit: [-1, 1] back to the data's units."""
    # TODO (task 1): (x_scaled + 1) / 2 * (high - low) + low
    raise NotImplementedError("unscale")


class ConditionalGAN(nn.Module):
    """label_emb, a generator on cat([z, label_emb(y)]) ending in Tanh, a discriminator on
    cat([x, one_hot(y)]) giving a raw logit."""

    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__()
        # TODO (task 2): label_emb, generator, discriminator
        raise NotImplementedError("ConditionalGAN.__init__")

    def forward(self, z, labels):
        # TODO (task 2): generator(cat([z, label_emb(labels)], dim=1)) -> [B, output_dim]
        raise NotImplementedError("ConditionalGAN.forward")

    def generate(self, labels, generator=None):
        # TODO (task 2): ONE torch.randn(len(labels), latent_dim, ...), then forward
        raise NotImplementedError("ConditionalGAN.generate")

    def discriminate(self, x, labels):
        # TODO (task 2): discriminator(cat([x, one_hot(labels, n_classes)], dim=1)) -> logits [B, 1]
        raise NotImplementedError("ConditionalGAN.discriminate")


def train_cgan(model, x_scaled, labels, steps=150, batch_size=64, lr=2e-3, generator=None):
    """Alternating discriminator and generator steps; returns (d_losses, g_losses)."""
    # TODO (task 3): two Adam optimisers (betas (0.5, 0.999)); per step a batch, fakes for its labels,
    # a D step on detached fakes, a G step
    raise NotImplementedError("train_cgan")
