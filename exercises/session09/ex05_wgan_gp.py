"""Session 9, exercise 5: WGAN-GP, the gradient penalty and the critic schedule.

Genomics context
----------------
A plain GAN (exercise 1) trains its discriminator as a classifier, real against fake, with a
binary cross-entropy. When real expression profiles and generated ones barely overlap, that
classifier wins too easily, its gradient vanishes and the generator learns nothing, or it
collapses onto a few cell types (mode collapse). The **Wasserstein GAN** replaces the classifier
by a **critic**: a network that gives every profile a real-valued score, trained so that real
cells score high and generated ones low. The gap ``mean critic(real) - mean critic(fake)``
estimates the earth mover's (Wasserstein-1) distance between the two distributions, provided the
critic is **1-Lipschitz** (its gradient norm at most 1). That distance keeps giving the generator
useful gradients even when the distributions are far apart, which is why WGAN-GP is a common
choice for generating single-cell expression profiles (e.g. scGAN) and DNA sequences.

WGAN-GP (Gulrajani et al. 2017) enforces the Lipschitz constraint softly with a **gradient
penalty**: at random points ``x_hat`` on the straight lines between real and fake samples, the
critic's gradient with respect to its INPUT should have norm 1::

    penalty = lambda_gp * mean over samples i of (|| d critic(x_hat_i) / d x_hat_i || - 1) ** 2

The penalty is itself a function of a gradient, so training the critic on it needs the
gradient of a gradient (**double backpropagation**): the input gradient must be computed with
``create_graph=True``, or it is a constant and the penalty trains nothing. And it is taken
**per sample**: one norm for each ``x_hat_i``, not one norm for the whole batch. The critic is
trained ``n_critic`` times (5) for every generator step, with Adam at ``betas=(0.0, 0.9)``.

This exercise writes the penalty, the two losses, the critic and the training schedule. Every
function works on CPU and on any device; no generator network is defined here: the training
function takes any generator ``G`` (an ``nn.Module`` mapping noise ``[B, latent_dim]`` to
samples ``[B, n_genes]``; exercises 1 and 6 build one).

Conventions (all fixed)
-----------------------
- Random numbers come from an optional ``generator=None`` argument (a ``torch.Generator``).
  With one, ALL randomness comes from it and torch's global random state is untouched; with
  ``None``, the global generator is used. A generator lives on one device: pass one made for
  the device of the data (the graders use CPU tensors).
- The interpolation weight is ONE number per SAMPLE, drawn in ONE call, exactly::

      alpha = torch.rand(B, 1, generator=generator, dtype=real.dtype, device=real.device)

  (``B = real.shape[0]``; ``dtype=real.dtype`` matters: float64 draws differ from float32
  ones, and the graders redraw your ``alpha`` from the same seed). For inputs ``[B, F]`` it
  broadcasts over the features as it is; for inputs of more dimensions (one-hot DNA
  ``[B, 4, L]``) view it as ``[B, 1, 1]``: ``alpha.view(B, *[1] * (real.dim() - 1))``. Not a
  number per element (``torch.rand(real.shape)`` or ``torch.rand_like(real)``).
- Scores are raw real numbers ``[B, 1]``: no sigmoid anywhere (a sigmoid bounds the scores
  in (0, 1) and kills the Wasserstein estimate), and no binary cross-entropy.

Data
----
Nothing here is trained to convergence. The graders use ``coursekit.data.session09.
log_expression(n_cells, n_genes, seed)`` (float32 ``[n_cells, n_genes]`` ``log1p`` UMI counts,
unscaled, >= 0), scaled to [-1, 1] per gene for training (what a Tanh generator can reach),
and generated tensors for the penalty: float32 and float64, ``[B, F]`` and ``[B, C, L]``.

Task 1: ``Critic(input_dim=200)``
---------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with one attribute holding parameters,
the guide's ``Discriminator`` layout::

    self.net = nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2),
                             nn.Linear(512, 256), nn.LeakyReLU(0.2),
                             nn.Linear(256, 1))

``forward(x)``: ``x`` float ``[B, input_dim]`` -> ``self.net(x)``, a raw score float ``[B, 1]``
(any sign). Nothing else: no sigmoid (the score is not a probability), and **no BatchNorm**:
the penalty constrains the gradient of each sample's score with respect to that sample alone,
and BatchNorm makes a sample's score depend on the other samples of its batch, so the
per-sample gradient is no longer the gradient of a function of that sample (the paper drops
BatchNorm from the critic for this reason; LayerNorm would be allowed, but not here).
``Critic()`` has **234,497** parameters; in general ``512 i + 512 + 512 * 256 + 256 + 256 + 1
= 512 i + 132,097`` with ``i = input_dim``.

Task 2: ``gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None)``
--------------------------------------------------------------------------------
``critic``: any ``nn.Module`` (or function) mapping ``[B, ...]`` to scores ``[B, 1]``;
``real``, ``fake``: float tensors of the same shape ``[B, F]`` or ``[B, C, L]`` and dtype.
Returns a 0-d tensor of the inputs' dtype, differentiable with respect to the critic's
parameters::

    alpha = torch.rand(B, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.view(B, *[1] * (real.dim() - 1))      # [B, 1] for [B, F] inputs
    x_hat = (alpha * real + (1 - alpha) * fake).detach().requires_grad_(True)
    scores = critic(x_hat)                                # [B, 1]
    grads = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)[0]   # like x_hat
    norms = grads.reshape(B, -1).norm(2, dim=1)           # [B]: one norm per sample
    return lambda_gp * ((norms - 1) ** 2).mean()

- ``scores.sum()``: the samples do not interact, so the gradient of the sum with respect to
  ``x_hat`` holds, in row ``i``, the gradient of sample ``i``'s own score;
  ``grad_outputs=torch.ones_like(scores)`` on ``scores`` is the same thing;
- ``create_graph=True`` is what lets ``penalty.backward()`` reach the critic's weights: for a
  linear critic ``w . x + b`` the input gradient is ``w`` itself, the penalty is
  ``lambda_gp (||w|| - 1)^2`` and its gradient with respect to ``w`` is
  ``2 lambda_gp (||w|| - 1) w / ||w||``. Without it ``grads`` is a constant and the penalty has
  no gradient at all;
- the norm is the L2 norm of each sample over ALL its non-batch dimensions (the square root of
  the SUM of squares; for ``[B, 4, L]`` over the 4 x L entries): not ``grads.norm()`` (one
  number for the whole batch), not over the last dimension only, not a root-mean-square, and
  with no epsilon inside the square root (the graders compare float64 results at rtol 1e-9);
- ``(norms - 1) ** 2``, two-sided: not ``norms ** 2 - 1``, not ``norms - 1`` without the square;
  then the MEAN over the batch, times ``lambda_gp``;
- ``x_hat`` may also be built without ``.detach()`` (``fake`` is detached in critic steps
  anyway): the graders only need gradients to the critic's parameters.

Task 3: ``critic_loss(critic, real, fake, lambda_gp=10.0, generator=None)``, ``generator_loss``
-----------------------------------------------------------------------------------------------
``generator_loss(critic, fake)``. Both return 0-d tensors, minimised by their optimizers::

    critic_loss    = critic(fake).mean() - critic(real).mean()
                     + gradient_penalty(critic, real, fake, lambda_gp, generator)
    generator_loss = -critic(fake).mean()

The critic pushes real scores UP and fake scores DOWN (minimising ``fake - real``); the
generator pushes the scores of its samples up. ``critic_loss`` draws random numbers only
through ``gradient_penalty`` (one ``alpha`` draw from ``generator``). ``generator_loss`` must let
gradients flow to ``fake`` (no ``.detach()``): that is how the generator learns.

Task 4: ``train_wgan_gp``
-------------------------
``train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9),
batch_size=32, generator=None)``. ``G``: a generator, an ``nn.Module`` ``[B, latent_dim]`` ->
``[B, ...]`` like ``real``; ``critic``: e.g. a ``Critic``; ``real``: float ``[N, ...]`` training
samples (scaled to [-1, 1]); ``steps``: the number of GENERATOR steps. Trains both networks in
place and returns the logs::

    opt_c = torch.optim.Adam(critic.parameters(), lr=lr, betas=betas)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=betas)
    for _ in range(steps):
        for _ in range(n_critic):                                   # n_critic critic steps
            idx = torch.randint(0, N, (batch_size,), generator=generator, device=real.device)
            z = torch.randn(batch_size, latent_dim, generator=generator, dtype=real.dtype,
                            device=real.device)
            fake = G(z).detach()                # or under torch.no_grad(): G is not trained here
            loss = critic_loss(critic, real[idx], fake, generator=generator)
            opt_c.zero_grad(); loss.backward(); opt_c.step()
        z = torch.randn(batch_size, latent_dim, generator=generator, ...)   # then ONE G step
        loss = generator_loss(critic, G(z))
        opt_g.zero_grad(); loss.backward(); opt_g.step()
    return {"critic_loss": [...], "generator_loss": [...]}

- two optimizers, both ``torch.optim.Adam`` with the given ``lr`` and ``betas``, one over each
  network's parameters: a critic step changes only the critic, a generator step only ``G``
  (``loss.backward()`` of the generator leaves gradients in the critic too; ``opt_c.zero_grad()``
  before each critic step clears them);
- the order of the optimizer steps is exactly ``n_critic`` critic steps, then one generator
  step, ``steps`` times: ``steps * (n_critic + 1)`` steps in all;
- every call of ``G`` gets ``z`` of shape ``[batch_size, latent_dim]``; every random number
  (batch indices, ``z``, ``alpha``) comes from ``generator`` (the order of the draws is yours:
  the graders do not redraw them);
- the logs: a dict with ``"critic_loss"``, a list of ``steps * n_critic`` Python floats (each
  critic step's ``loss.item()``, in order), and ``"generator_loss"``, a list of ``steps``
  Python floats: their lengths say how many steps of each kind were taken.

What the graders check
----------------------
"Trusted" values are computed by the graders in float64 from closed forms, from their own
``alpha`` (``torch.rand(B, 1, ...)`` from a generator of the same seed) or from per-sample
gradients computed one sample at a time (a loop of ``torch.autograd.grad`` calls);
comparisons use rtol 1e-4, atol 1e-5 (float32) and rtol 1e-9, atol 1e-12 (float64).
Generated cases come from hypothesis (deterministic). The graders' critics: a linear critic
``nn.Linear(F, 1)`` with weight ``w`` (bias 0.25), whose input gradient is ``w`` everywhere;
the quadratic critic ``0.5 ||x||^2`` (summed over all non-batch dimensions, scores
``[B, 1]``), whose input gradient is ``x``; a small ``Linear(F, 8), Tanh, Linear(8, 1)`` network.

- ``penalty_linear_critic``: with a linear critic whose ``w = (0.5, 0.5, 0.5, 0.5)``
  (``||w|| = 1`` exactly), real and fake float32 ``[3, 4]``, ``lambda_gp=10.0`` and a
  generator, the penalty is a 0-d float32 tensor equal to exactly 0; with ``w = (2, 1, 2)``
  (``||w|| = 3``) on ``[5, 3]`` and no ``lambda_gp`` nor generator (defaults: 10, the global
  generator), it is 40; then 30 generated cases (batch 1-6, features 1-8, ``||w||`` in
  [0.05, 4], ``lambda_gp`` in [0.5, 20], float32 or float64, any real and fake, a generator):
  a 0-d tensor of the inputs' dtype equal to ``lambda_gp * (||w|| - 1)^2`` whatever ``alpha``;
- ``penalty_gradient``: on the same kind of linear critics (a plain case ``||w|| = 3``,
  float32 ``[4, 3]``; one with ``||w|| = 0.5`` in float64; then 25 generated cases as above)
  the penalty requires grad, and ``penalty.backward()`` gives the critic's weight the gradient
  ``2 lambda_gp (||w|| - 1) w / ||w||`` (it needs ``create_graph=True``: without it the
  penalty has no gradient and ``backward()`` fails);
- ``per_sample_norms``: with the quadratic critic (input gradient = ``x_hat``) and
  ``generator=torch.Generator().manual_seed(s)``, the penalty equals ``lambda_gp * mean over i
  of (||x_hat_i|| - 1)^2`` with ``x_hat`` from the graders' ``alpha`` of the same seed: on a
  float32 ``[4, 5]`` case, a float64 ``[3, 4, 6]`` case (``alpha`` viewed as ``[3, 1, 1]``, norms
  over the 4 x 6 entries of each sample), then 30 generated cases (batch 1-6, one sample
  ``[F]`` with F 1-8 or ``[C, L]`` with C 1-4, L 1-6, values of scale 0.1-2, ``lambda_gp`` in
  [0.5, 20], float32 or float64). Without a generator, after ``torch.manual_seed(7)``, on
  float32 ``[6, 3]``: ``alpha = torch.rand(6, 1)`` drawn after the same seed. With a generator
  torch's global random state (``torch.random.get_rng_state()``) is the same before and after
  the call. This rejects one norm for the whole batch, ``alpha`` per element, a global-RNG
  ``alpha``, norms over the last dimension only and root-mean-squares;
- ``critic_loss``: ``Critic(12)`` has ``net`` an ``nn.Sequential`` of exactly ``[Linear(12, 512),
  LeakyReLU(0.2), Linear(512, 256), LeakyReLU(0.2), Linear(256, 1)]`` (Linear with biases,
  negative slope 0.2); with its parameters tripled (scores of both signs), on 6 cells of
  ``log_expression(6, 12)`` scaled by ``x / 3 - 1``, it returns float32 ``[6, 1]`` equal to that
  stack computed by the graders through its own weights (raw scores: no sigmoid).
  ``critic_loss`` with the linear critic ``w = (2, -1, 2)`` on float32 ``[5, 3]`` and the
  defaults (``lambda_gp`` 10, no generator) is a 0-d tensor equal to ``w . (mean fake - mean
  real) + 10 (||w|| - 1)^2``, and its ``backward()`` gives ``w`` the gradient ``(mean fake -
  mean real) + 2 * 10 (||w|| - 1) w / ||w||``; with the Linear-Tanh-Linear critic, float32 and
  float64 ``[7, 5]``, ``lambda_gp=3.0`` and a generator, it equals ``mean critic(fake) - mean
  critic(real)`` plus the penalty from the graders' ``alpha`` and per-sample gradients.
  ``generator_loss`` with the linear critic on ``fake`` ``[4, 3]`` (requires grad) is a 0-d
  tensor equal to ``-mean critic(fake)``, and its ``backward()`` gives ``fake.grad = -w / 4``
  in every row;
- ``n_critic_schedule``: the graders train their own small ``G`` (``Linear(4, 16), ReLU,
  Linear(16, 6), Tanh``) and critic (``Linear(6, 16), LeakyReLU(0.2), Linear(16, 1)``) on
  ``log_expression(40, 6)`` scaled to [-1, 1] per gene, recording every optimizer step (a
  global ``torch.optim`` step hook) and every input of ``G``.
  ``train_wgan_gp(G, critic, real, 2, 4, generator=...)`` (the defaults): the steps are
  ``CCCCCG`` twice (C: an optimizer over exactly the critic's parameters, G: over
  exactly G's), every optimizer a ``torch.optim.Adam`` with lr 1e-4 and betas (0.0, 0.9); no
  critic step changes ``G``'s parameters and no generator step changes the critic's; both
  networks changed in the end; every input of ``G`` has shape ``[32, 4]``; the logs hold 10
  and 2 Python floats. ``train_wgan_gp(G, critic, real, 2, 4, n_critic=2, lr=1e-3,
  betas=(0.5, 0.99), batch_size=8, generator=...)``: ``CCGCCG``, Adam with lr 1e-3 and betas
  (0.5, 0.99), inputs of ``G`` ``[8, 4]``, logs of 4 and 2 floats; run under two different
  global seeds, it leaves torch's global random state untouched and trains the same networks
  (every random number from ``generator``);
- ``param_count``: ``Critic()`` (no argument) has exactly 234,497 parameters; ``Critic(12)``
  138,241; ``Critic(76)`` (one-hot DNA ``[4, 19]`` flattened) 171,009; ``Critic(input_dim=50)``
  157,697;
- ``follows_device``: every tensor of ``Critic(12)``, and of ``critic_loss`` and
  ``generator_loss`` computed with it (no generator: ``alpha`` with ``device=real.device``),
  follows ``.to(device)`` (checked on the ``meta`` device, train and eval mode);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``Critic()``'s scores,
  ``generator_loss`` and the penalty of a linear critic (which does not depend on ``alpha``)
  are the same on CPU and CUDA for 8 samples of 200 features, in full float32.

No threshold here comes from training: nothing is trained to a bar, every check compares with
an exact computation or counts steps; the training check only records what your loop does.
"""
import torch  # noqa: F401
from torch import nn


class Critic(nn.Module):
    """The guide's Discriminator layout, a raw score: [B, input_dim] -> [B, 1]; no sigmoid, no BatchNorm."""

    def __init__(self, input_dim=200):
        super().__init__()
        # TODO (task 1): self.net = nn.Sequential(Linear, LeakyReLU(0.2), Linear, LeakyReLU(0.2), Linear)
        raise NotImplementedError("Critic.__init__")

    def forward(self, x):
        # TODO (task 1): the raw score [B, 1]
        raise NotImplementedError("Critic.forward")


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    # TODO (task 2): alpha per sample, x_hat, input gradient with create_graph=True, per-sample norms
    raise NotImplementedError("gradient_penalty")


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    # TODO (task 3): mean critic(fake) - mean critic(real) + the gradient penalty
    raise NotImplementedError("critic_loss")


def generator_loss(critic, fake):
    # TODO (task 3): -mean critic(fake)
    raise NotImplementedError("generator_loss")


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    # TODO (task 4): two Adam optimizers; n_critic critic steps, then one generator step, `steps` times
    raise NotImplementedError("train_wgan_gp")
