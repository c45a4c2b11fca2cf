"""Session 9, exercise 2: stabilising GANs: one-sided label smoothing, instance noise, spectral norm.

Genomics context
----------------
A GAN that generates expression profiles (exercise 6) or DNA (exercise 3) pits a generator G
against a discriminator D. Training is a game, not a descent, and it often breaks: D becomes
perfect early (real and generated cells barely overlap in 200 gene dimensions), its logits
grow without bound, its gradients to G vanish or explode, and G collapses onto a few
profiles. Three cheap remedies are standard, and this exercise writes all three:

- **one-sided label smoothing** (Salimans et al. 2016): train D towards ``0.9`` instead of
  ``1`` on real cells, so it is never rewarded for over-confident logits. Only the REAL
  targets are smoothed: smoothing the fake targets (to 0.1) rewards D for giving fakes some
  "realness", which reinforces G's current mistakes;
- **instance noise** (Sonderby et al. 2016, Arjovsky & Bottou 2017): add Gaussian noise to
  BOTH the real and the generated batch before D sees them, so the two distributions overlap
  and D's gradients stay informative; the noise is annealed to 0 during training;
- **spectral normalisation** (Miyato et al. 2018): divide each weight matrix of D by its
  largest singular value, so every linear layer is 1-Lipschitz; with LeakyReLU (slope 0.2,
  itself 1-Lipschitz) the whole D is 1-Lipschitz: ``|D(x) - D(y)| <= ||x - y||``, and its
  logits cannot explode. torch does it with a parametrization that estimates the singular
  value by power iteration, one step per forward in training mode.

Conventions (all fixed)
-----------------------
- Random numbers come from an optional ``generator=None`` argument (a ``torch.Generator``).
  With one, ALL randomness comes from it and torch's global random state is untouched; with
  ``None``, the global generator is used. Draws are made with ``torch.randn(shape,
  generator=generator, ...)`` exactly as written below (``torch.randn_like(x,
  generator=generator)`` draws the same numbers; never without the generator), in the order
  written below, so that the graders can redraw them.
- A discriminator returns a RAW LOGIT ``[B, 1]`` (no sigmoid); losses use
  ``F.binary_cross_entropy_with_logits`` (or ``nn.BCEWithLogitsLoss()``), mean over the batch.

Data
----
The graders' real batches are ``coursekit.data.session09.log_expression(n_cells=6,
n_genes=12, seed=...)`` cells (log1p UMI counts), scaled to [-1, 1] as ``2 * x / x.max() - 1``:
float32 ``[6, 12]``. Their generator G is a small module of the guide's layout, ``G.net =
nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 12), nn.Tanh())`` (latent size 5 =
``G.net[0].in_features``), and their D in the step checks a small module with ``net =
nn.Sequential(nn.Linear(12, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))`` that records every
input it is called with. Your own ``Discriminator`` is graded at ``input_dim`` 20, 50 and 200.

Task 1: ``Discriminator(input_dim=200)``
----------------------------------------
The guide's discriminator, an ``nn.Module`` (call ``super().__init__()`` first) with exactly one
attribute holding parameters::

    self.net = nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2),
                             nn.Linear(512, 256), nn.LeakyReLU(0.2),
                             nn.Linear(256, 1))

``forward(x)``: float32 ``[B, input_dim]`` -> the raw logit, float32 ``[B, 1]``
(``self.net(x)``, no sigmoid). ``Discriminator()`` has **234,497** parameters
(``Discriminator(50)``: 157,697; in general ``513 * input_dim + 512 + 131,328 + 257``).

Task 2: ``discriminator_targets(batch_size, smoothing=0.1)``
-------------------------------------------------------------
Returns the tuple ``(real_targets, fake_targets)``, each float32 ``[batch_size, 1]`` (the shape
of D's logits): ``real_targets`` all ``1 - smoothing`` (``torch.full((batch_size, 1), 1.0 -
smoothing)``), ``fake_targets`` all exactly ``0`` (``torch.zeros(batch_size, 1)``). ONE-SIDED:
the fake targets are never smoothed (not ``smoothing``, not ``1 - smoothing``), and the real
targets are lowered (``1 - smoothing``, not ``1 + smoothing``). ``smoothing=0`` gives ones and
zeros.

Task 3: ``add_instance_noise(x, sigma, generator=None)``
--------------------------------------------------------
``x`` a float tensor of any shape and dtype, ``sigma`` a Python float ``>= 0``. Returns a new
tensor, same shape and dtype::

    if sigma == 0: return x                       # nothing is drawn
    return x + sigma * torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)

ONE ``torch.randn`` call; ``x`` itself is not modified (no ``x += ...``).

Task 4: ``noise_sigma(step, total_steps, start=0.1)``
-----------------------------------------------------
The annealed noise level, a Python float, falling linearly from ``start`` at step 0 to 0 at
``step == total_steps``, and 0 after that (clamped, never negative)::

    sigma = start * max(0.0, 1.0 - step / total_steps)

(``step`` an int ``>= 0``, ``total_steps`` an int ``>= 1``). E.g. ``noise_sigma(0, 100) = 0.1``,
``noise_sigma(50, 100) = 0.05``, ``noise_sigma(100, 100) = noise_sigma(150, 100) = 0.0``.

Task 5: ``smoothed_discriminator_step``
---------------------------------------
``smoothed_discriminator_step(G, D, real, d_optimizer, step, total_steps, smoothing=0.1,
sigma_start=0.1, generator=None)``.
One training step of D (only D: G is not changed and gets no gradients) with both remedies,
returning the loss as a Python float. ``real`` float32 ``[B, n_genes]``; ``G`` maps
``[B, latent]`` to ``[B, n_genes]``, its latent size is ``G.net[0].in_features`` (the guide's
layout); ``d_optimizer`` holds D's parameters. Exactly, in this order::

    sigma = noise_sigma(step, total_steps, sigma_start)
    z = torch.randn(B, G.net[0].in_features, generator=generator, device=real.device)   # draw 1
    fake = G(z), detached (or under torch.no_grad())
    noisy_real = add_instance_noise(real, sigma, generator)                              # draw 2
    noisy_fake = add_instance_noise(fake, sigma, generator)                              # draw 3
    real_targets, fake_targets = discriminator_targets(B, smoothing)
    loss = BCE_with_logits(D(noisy_real), real_targets) + BCE_with_logits(D(noisy_fake), fake_targets)
    d_optimizer.zero_grad(); loss.backward(); d_optimizer.step()
    return loss.item()

BOTH inputs of D are noised, with the SAME annealed ``sigma`` (draws 2 and 3 are skipped when
``sigma`` is 0, from ``step >= total_steps`` on); each BCE is a mean over the batch and the loss
is their SUM. D is called twice, on ``noisy_real`` and then on ``noisy_fake`` (calling it once
on ``torch.cat([noisy_real, noisy_fake])`` and splitting the logits is the same and is
accepted); D is never called on anything else.

Task 6: ``spectral_norm_discriminator(D)``
------------------------------------------
Applies ``torch.nn.utils.parametrizations.spectral_norm`` to EVERY ``nn.Linear`` of ``D`` (all
three, any module ``D`` holds: walk ``D.modules()``), IN PLACE, and returns ``D`` itself (the
same object, not a copy). Each layer's ``weight`` then becomes ``W / sigma_max(W)`` at every
access, in train AND eval mode (eval mode reuses the power-iteration vectors without
updating them), with the raw ``W`` kept as the parameter
(``layer.parametrizations.weight.original``) and the power-iteration vectors ``u``, ``v`` as
buffers: the parameter count does not change. Use the parametrization: the older
``torch.nn.utils.spectral_norm`` (a forward hook, deprecated) keeps the effective weight as a
plain tensor attribute that does not follow ``.to(device)``, and is not a parametrization;
neither is dividing the weights once by their norm (the norm must hold after every update),
nor the Frobenius norm ``||W||_F`` (which is larger than ``sigma_max`` and over-shrinks).

What the graders check
----------------------
Comparisons use ``torch.testing.assert_close`` rules with rtol 1e-4, atol 1e-5 unless said
otherwise. The step checks use the graders' G, recording D and real batch of the Data section,
``d_optimizer = torch.optim.SGD(D.parameters(), lr=0.1)`` and ``generator =
torch.Generator().manual_seed(seed)``; the graders redraw your randomness from the same seed in
the stated order (``z``, then ``eps_real`` of ``real``'s shape, then ``eps_fake`` of ``fake``'s
shape), and check that torch's global random state is the same before and after the step.

- ``one_sided_smoothing``: ``discriminator_targets(5)`` (default smoothing 0.1), ``(3,
  smoothing=0.25)`` and ``(4, 0.0)`` return two float32 ``[B, 1]`` tensors, real all 0.9, 0.75,
  1.0 (atol 1e-7), fake all exactly 0; then 25 generated cases (B 1-16, smoothing 0-0.4). The
  step, called with its defaults (``step=0, total_steps=10``, no smoothing or sigma_start, so
  0.1 and 0.1), and with ``step=3, total_steps=10, smoothing=0.3, sigma_start=0.05``, returns a
  Python float equal (rtol 1e-5, atol 1e-6) to the graders'
  ``F.binary_cross_entropy_with_logits`` loss above (real targets ``1 - smoothing``, fake
  targets 0) on the redrawn noisy inputs, and D's parameters afterwards equal one SGD step
  (lr 0.1) on that loss;
- ``instance_noise``: ``add_instance_noise(x [4, 6], 0.5, generator seeded 0)`` is float32
  ``[4, 6]`` equal to ``x + 0.5 * torch.randn(4, 6, generator=seeded 0)``, leaves the global
  random state and ``x`` unchanged; with ``sigma=0.0`` it returns ``x``'s values and the
  generator's state is unchanged (nothing drawn); without a generator after
  ``torch.manual_seed(3)`` it equals ``x + 0.3 * torch.randn(x.shape)`` drawn after the same
  seed; 25 generated cases (shapes of 1-3 dimensions of sizes 1-5, float32 and float64, sigma
  0.01-2) equal the graders' redraw (rtol 1e-6, atol 1e-7). In the step (``step=0,
  total_steps=10, sigma_start=0.3``), the recording D must see the real batch and the fake
  batch (in that order, 12 rows in all), and ``input - clean`` must equal ``0.3 * eps_real``
  for the real rows and ``0.3 * eps_fake`` for the fake rows (the clean fake is the graders'
  ``G(z)`` on the redrawn ``z``): noise on both, from the generator;
- ``noise_annealing``: ``noise_sigma(0, 100) = 0.1``, ``(50, 100) = 0.05``, ``(100, 100) = 0``,
  ``(150, 100) = 0`` (all with the default start), ``(25, 100, start=0.4) = 0.3``, ``(3, 4, 1.0)
  = 0.25``, and 30 generated cases (step 0-300, total 1-200, start 0-1), each a Python number
  within 1e-12; in the step with ``total_steps=20, sigma_start=0.2``, D's inputs are noised
  with ``sigma = 0.15`` at ``step=5`` and are exactly the clean batches at ``step=20``;
- ``spectral_norm``: the graders build ``Discriminator(20)``, set its three weights to
  matrices of their own (each a rank-one matrix of norm 3 plus 0.3 times a random matrix of
  spectral norm 3, so each has a clear top singular value) and zero biases, call
  ``spectral_norm_discriminator`` (it must return the same object), run 5 forwards in train
  mode (power iteration), then in eval mode: every ``nn.Linear`` is parametrized
  (``torch.nn.utils.parametrize.is_parametrized(layer, "weight")``); each ``layer.weight`` has
  ``torch.linalg.matrix_norm(W, ord=2)`` within 1e-3 of 1, and equals the graders' weight
  divided by its ``torch.linalg.matrix_norm(..., ord=2)`` (rtol 1e-3, atol 1e-5); after one SGD
  step (lr 0.5 on ``D(x).sum()``, which moves the raw weights) and 5 more train-mode forwards,
  every spectral norm is again within 1e-3 of 1. The reference over 20 seeds: ``|norm - 1|`` at
  most 1.4e-7 before and 1.8e-7 after the step, relative weight error at most 2.2e-7; bar
  1e-3;
- ``lipschitz``: the same kind of normalised ``Discriminator(20)`` (the weights' top singular
  directions line up from layer to layer, so D is nearly as steep as the bound allows), in
  eval mode: for 64 random pairs, 64 pairs 10 times further apart, neighbours along the
  aligned input direction, and steps of 0.01 and 5 along the input gradient of D at random
  points, ``|D(x) - D(y)| <= 1.001 * ||x - y||``; again after the SGD step above. The
  reference over 20 seeds: largest ratio 0.902 to 0.915 (after the step 0.40 to 0.89); bar
  1.001. A layer left unnormalised (norm about 3) gives ratios far above 1;
- ``param_count``: ``Discriminator()`` (no argument) has ``net`` an ``nn.Sequential`` of
  ``Linear(200, 512), LeakyReLU(0.2), Linear(512, 256), LeakyReLU(0.2), Linear(256, 1)``
  (Linear with biases) and exactly 234,497 parameters, still 234,497 after
  ``spectral_norm_discriminator`` (``u``, ``v`` are buffers, not parameters);
  ``Discriminator(input_dim=50)`` 157,697 before and after;
- ``follows_device``: every tensor of ``spectral_norm_discriminator(Discriminator(20))``, and of
  its forward pass in train and eval mode, follows ``.to(device)`` (checked on the ``meta``
  device; a plain tensor attribute does not);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``spectral_norm_discriminator(
  Discriminator())`` gives the same logits on CPU and CUDA in eval mode (full float32).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.binary_cross_entropy_with_logits)
from torch import nn


class Discriminator(nn.Module):
    """The guide's discriminator: [B, input_dim] -> raw logit [B, 1]."""

    def __init__(self, input_dim=200):
        super().__init__()
        # TODO (task 1): self.net = nn.Sequential(Linear, LeakyReLU(0.2), Linear, LeakyReLU(0.2), Linear)
        raise NotImplementedError("Discriminator.__init__")

    def forward(self, x):
        # TODO (task 1): the raw logit, no sigmoid
        raise NotImplementedError("Discriminator.forward")


def discriminator_targets(batch_size, smoothing=0.1):
    """(real_targets, fake_targets), float32 [batch_size, 1]: 1 - smoothing and 0 (one-sided)."""
    # TODO (task 2)
    raise NotImplementedError("discriminator_targets")


def add_instance_noise(x, sigma, generator=None):
    """x + sigma * one torch.randn(x.shape, generator=...) draw; x itself when sigma == 0."""
    # TODO (task 3)
    raise NotImplementedError("add_instance_noise")


def noise_sigma(step, total_steps, start=0.1):
    """start * max(0, 1 - step / total_steps), a Python float."""
    # TODO (task 4)
    raise NotImplementedError("noise_sigma")


def smoothed_discriminator_step(G, D, real, d_optimizer, step, total_steps, smoothing=0.1, sigma_start=0.1,
                                generator=None):
    """One D step with one-sided smoothed targets and annealed instance noise on both inputs; the loss."""
    # TODO (task 5): sigma, z, fake (detached), noise real then fake, targets, BCE sum, optimizer step
    raise NotImplementedError("smoothed_discriminator_step")


def spectral_norm_discriminator(D):
    """torch.nn.utils.parametrizations.spectral_norm on every nn.Linear of D, in place; returns D."""
    # TODO (task 6)
    raise NotImplementedError("spectral_norm_discriminator")
