"""Session 9, exercise 1: a generator, a discriminator, and one training step each side.

Genomics context
----------------
Single-cell experiments are expensive, rare cell types are rare, and patient data cannot
always be shared: a generative model that draws realistic synthetic expression profiles
helps with all three (augmenting rare types, benchmarking tools, sharing data without
sharing people). A **generative adversarial network** (GAN) trains two networks against
each other. The **generator** G turns random noise ``z`` into a profile; the
**discriminator** D looks at a profile and says how real it thinks it is. D learns to tell
real cells from G's fakes; G learns to fool D. Later exercises stabilise this game, make it
generate DNA, condition it on a cell type and train it on expression; this one writes the
two networks and the **one training step each side** that everything else is built on,
and gets the bookkeeping right: which network a loss reaches, which optimizer steps, and
which gradients are left behind.

Data
----
Any real-valued batch of profiles in ``[-1, 1]`` (the range of G's Tanh output). The graders
use ``coursekit.data.session09.log_expression(n_cells=16, n_genes=12, seed=s)``, whose
first element ``x`` (float32 ``[16, 12]``, ``log1p`` UMI counts, >= 0) they scale to
``real = 2 * x / x.max() - 1`` (exercise 6 scales gene by gene, invertibly); and for
generated cases float32 uniform values in ``[-1, 1]``.

Task 1: ``Generator(latent_dim=100, output_dim=200)``
-----------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with ``self.latent_dim = latent_dim``
(an int: the steps below read it) and exactly this ``self.net``, in this order::

    nn.Sequential(nn.Linear(latent_dim, 256), nn.ReLU(),
                  nn.Linear(256, 512), nn.ReLU(),
                  nn.Linear(512, output_dim), nn.Tanh())

``forward(z)``: ``z`` float32 ``[B, latent_dim]`` -> ``self.net(z)``, float32
``[B, output_dim]`` in ``(-1, 1)``. No other parameters. ``Generator()`` has **260,040**
parameters; in general ``256 * latent_dim + 131,840 + 513 * output_dim``.

Task 2: ``Discriminator(input_dim=200)``
----------------------------------------
An ``nn.Module`` with exactly this ``self.net``::

    nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2),
                  nn.Linear(512, 256), nn.LeakyReLU(0.2),
                  nn.Linear(256, 1))

``forward(x)``: ``x`` float32 ``[B, input_dim]`` -> ``self.net(x)``, float32 ``[B, 1]``: a
**raw logit** (any real number; large = "real"). **No sigmoid**: the losses below are
``F.binary_cross_entropy_with_logits`` (or ``nn.BCEWithLogitsLoss()``), which applies the
sigmoid itself, in a numerically stable way; a sigmoid in forward applies it twice. The
slope of both LeakyReLUs is 0.2 (``nn.LeakyReLU()`` alone is 0.01). ``Discriminator()``
has **234,497** parameters; in general ``512 * input_dim + 132,097``.

Noise: how the steps draw ``z``
-------------------------------
Each step draws its noise with exactly ONE call::

    z = torch.randn(B, G.latent_dim, generator=generator, device=device)

``generator`` is the step's argument: ``None`` (the default) draws from torch's global
random state; a ``torch.Generator`` makes the draw come from it alone, and the global random
state must then stay untouched (nothing else in a step draws random numbers). ``device`` is
the device of the models: ``real.device`` in ``discriminator_step``, the device of G's
parameters (``next(G.parameters()).device``) in ``generator_step``. The graders redraw the
same ``z`` from the same seed, so draw nothing else, in no other shape or order.

Task 3: ``discriminator_step(G, D, real, d_optimizer, generator=None) -> float``
-------------------------------------------------------------------------------
One update of D; ``real`` float32 ``[B, output_dim]``, ``d_optimizer`` an optimizer over
``D.parameters()`` (only), built by the caller. In this order:

1. ``d_optimizer.zero_grad()``: start from clean gradients, whatever D's ``.grad`` held;
2. draw ``z`` (above, ``B = real.shape[0]``) and ``fake = G(z).detach()``: the fakes are
   constants for this step, so no gradient reaches G (G's ``.grad`` stay ``None`` or zero);
3. ``d_loss = BCE(D(real), 1) + BCE(D(fake), 0)`` where ``BCE(logits, t)`` is
   ``F.binary_cross_entropy_with_logits(logits, target)`` with a target of ones
   (``torch.ones_like(logits)``) or zeros, each a **mean** over the batch; the loss is the
   **sum** of the two means (not their average). Real cells are labelled 1, fakes 0;
4. ``d_loss.backward()``, ``d_optimizer.step()``;
5. return ``d_loss.item()``, a Python float: the loss computed before the step.

G's parameters are not touched (bit-identical afterwards).

Task 4: ``generator_step(G, D, batch_size, g_optimizer, generator=None) -> float``
---------------------------------------------------------------------------------
One update of G; ``g_optimizer`` an optimizer over ``G.parameters()`` (only). In this order:

1. ``g_optimizer.zero_grad()``;
2. draw ``z`` (above, ``B = batch_size``) and ``logits = D(G(z))`` (no detach here: the
   gradient must flow through D into G);
3. the **non-saturating** generator loss ``g_loss = BCE(logits, 1)``: the fakes labelled as
   **real**, i.e. ``-mean(log sigmoid(logits))``. Not the minimax form
   ``mean(log(1 - sigmoid(logits)))`` ("saturating": its gradient vanishes exactly when D
   confidently rejects the fakes, at the start of training), and not ``BCE(logits, 0)``;
4. ``g_loss.backward()``, ``g_optimizer.step()``: only G moves; D's parameters are
   bit-identical afterwards (and still ``requires_grad``: if you freeze D during the step
   with ``D.requires_grad_(False)``, unfreeze it before returning);
5. leave D's gradients clean: ``g_loss.backward()`` also filled D's ``.grad``; call
   ``D.zero_grad()`` (set to ``None``, the default) before returning, so that after the
   step every parameter of D has ``.grad`` ``None`` (or zero). A gradient left there is
   added to the next D update by any code that does not zero first;
6. return ``g_loss.item()``, the loss before the step.

Both steps leave the models in the mode they found them (no ``.eval()``): these networks
have no dropout or batch norm, so modes change nothing here.

What the graders check
----------------------
Models are built under fixed seeds; the graders' optimizers are ``torch.optim.SGD(...,
lr=0.1)`` over one network each. Trusted values: G's and D's forward computed by the
graders from your layers' weights (``F.linear``, ``F.relu``, ``torch.tanh``,
``F.leaky_relu(., 0.2)``), the losses with ``F.binary_cross_entropy_with_logits`` on the same
``z`` redrawn from the same seed, and SGD steps on copies of your models. Comparisons use
rtol 1e-4, atol 1e-5 (parameters after a step: rtol 1e-4, atol 1e-6).

- ``param_count``: ``Generator()`` has 260,040 parameters and ``Discriminator()`` 234,497
  (defaults); ``Generator(8, 12)`` 140,044, ``Generator(3, 5)`` 135,173, ``Discriminator(12)``
  138,241, ``Discriminator(7)`` 135,681; each has ``net`` an ``nn.Sequential``, and
  ``Generator(8, 12).latent_dim == 8``;
- ``discriminator_logits``: ``Discriminator(12)`` has ``net`` = Linear(12, 512),
  LeakyReLU(0.2), Linear(512, 256), LeakyReLU(0.2), Linear(256, 1) (types and the slope);
  with every parameter multiplied by 4 (so that logits spread well beyond ``[0, 1]``),
  ``D(x)`` for ``x`` float32 ``[6, 12]`` is float32 ``[6, 1]`` equal to the trusted forward, and holds
  values below 0 and above 1 (no sigmoid); then 20 generated cases (``input_dim`` 1-16,
  batch 1-8) and ``Discriminator()`` on ``[3, 200]``;
- ``d_step_leaves_g``: ``discriminator_step(G, D, real, SGD(D.parameters()), generator)``
  with ``Generator(8, 12)``, ``Discriminator(12)`` and ``real`` ``[16, 12]`` (above): G's
  parameters bit-identical afterwards, every G ``.grad`` ``None`` or zero (fakes detached),
  and D's parameters changed; again with ``generator=None``;
- ``g_step_leaves_d``: ``generator_step(G, D, 16, SGD(G.parameters()), generator)``: D's
  parameters bit-identical afterwards and every one still ``requires_grad``; G's parameters
  changed; again with ``generator=None``;
- ``losses_match_bce``: D's parameters first scaled by 3 and the bias of ``net[4]`` raised
  by 1 (logits of order 1, as after some training). With
  ``generator=torch.Generator().manual_seed(s)``, on a plain case first (``Generator(8, 12)``,
  ``Discriminator(12)``, the scaled ``log_expression`` batch ``[16, 12]``), each step returns
  a Python float equal to the trusted loss on ``z = torch.randn(B, latent_dim,
  generator=torch.Generator().manual_seed(s))``: the D loss ``BCE(D(real), 1) +
  BCE(D(G(z)), 0)`` (the sum), the G loss ``BCE(D(G(z)), 1)`` (non-saturating), both with
  the parameters before the step; torch's global random state unchanged by either step.
  Without ``generator`` (default), after ``torch.manual_seed(s)``, the losses equal the
  trusted ones on ``z = torch.randn(B, latent_dim)`` drawn after the same seed. Then 15
  generated cases (latent 1-6, output 1-10, batch 1-12, uniform ``real`` in ``[-1, 1]``);
- ``clean_gradients``: on ``Generator(8, 12)``, ``Discriminator(12)``, the scaled
  ``log_expression`` batch and batch size 16: (a) with junk (0.5 times standard normal
  noise) planted in every D ``.grad``, ``discriminator_step``
  gives the same D parameters as a trusted step from clean gradients; (b) with junk planted
  in every G ``.grad``, ``generator_step`` gives the same G parameters as a trusted step
  from clean gradients; (c) after a ``discriminator_step`` then a ``generator_step``, every
  D ``.grad`` is ``None`` or zero, and the next ``discriminator_step`` gives the same D
  parameters as a trusted step from clean gradients (so does a second D step right after a
  first; one optimizer per network throughout, as in a training loop);
- ``follows_device``: ``Generator(8, 12)`` and ``Discriminator(12)`` follow ``.to(device)``
  (checked on the ``meta`` device); both steps run with meta models and meta ``real``
  (without a generator) and draw ``z`` on the models' device (the graders watch what G
  receives; ``.item()`` on a meta tensor is the only error allowed);
- ``cuda_parity`` (0 points; runs only where a GPU exists): G and D give the same outputs
  on CPU and CUDA; both steps run on CUDA with a CUDA ``torch.Generator`` and return the
  trusted losses for the ``z`` that generator draws.

There is no learning threshold here (one step proves nothing about a GAN's training; the
expression GAN of exercise 6 is judged on what it generates). The comparisons are exact up to
float32 rounding, and the wrong losses are far from the right ones: over 20 seeds (``Generator(8,
12)``, ``Discriminator(12)`` sharpened as above, batches of 16), the D loss differs from the
averaged one by at least 0.68 and from the one with swapped labels by at least 0.0029 on
``log_expression`` batches (11 times the tolerance; 0.092 on uniform ones); the G loss differs
from the saturating one by at least 1.41 and from BCE with target 0 by at least 0.23.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.binary_cross_entropy_with_logits)
from torch import nn


class Generator(nn.Module):
    """Noise [B, latent_dim] -> profile [B, output_dim] in (-1, 1)."""

    def __init__(self, latent_dim=100, output_dim=200):
        super().__init__()
        # TODO (task 1): self.latent_dim, self.net
        raise NotImplementedError("Generator.__init__")

    def forward(self, z):
        # TODO (task 1)
        raise NotImplementedError("Generator.forward")


class Discriminator(nn.Module):
    """Profile [B, input_dim] -> raw logit [B, 1] (no sigmoid)."""

    def __init__(self, input_dim=200):
        super().__init__()
        # TODO (task 2): self.net
        raise NotImplementedError("Discriminator.__init__")

    def forward(self, x):
        # TODO (task 2)
        raise NotImplementedError("Discriminator.forward")


def discriminator_step(G, D, real, d_optimizer, generator=None):
    """One D update on real vs detached fakes; returns the D loss (a float) before the step."""
    # TODO (task 3)
    raise NotImplementedError("discriminator_step")


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    """One G update with the non-saturating loss; returns the G loss (a float) before the step."""
    # TODO (task 4)
    raise NotImplementedError("generator_step")
