"""Session 8, exercise 2: the reparameterisation trick and the KL term in ``VAE``.

Genomics context
----------------
An autoencoder (exercise 1) squeezes each cell's expression profile through a bottleneck and
gives every cell ONE point in latent space. A **variational** autoencoder gives every cell a
*distribution* instead: the encoder outputs a mean ``mu`` and a log-variance ``logvar`` per
latent dimension, a latent code is *sampled* from ``N(mu, exp(logvar))``, and a KL term pulls
those distributions towards the prior ``N(0, I)``. That makes the latent space smooth and lets
you generate new cells from the prior: the idea behind scVI and most single-cell generative
models.

Sampling is not differentiable, so a VAE draws the noise *outside* the network: ``eps ~ N(0, I)``
and ``z = mu + eps * sigma``. Now ``z`` is an ordinary function of ``mu`` and ``logvar``, and
gradients flow back to the encoder: the **reparameterisation trick**. This exercise writes it,
the closed-form KL divergence, and the loss, for expression profiles that are scaled real
numbers (negative values included), so the decoder outputs a **Gaussian mean** (a plain
``nn.Linear``, no sigmoid) and the reconstruction term is a **squared error**, not a binary
cross-entropy.

Conventions (all fixed)
-----------------------
- ``logvar`` is the log of the VARIANCE: ``sigma = std = exp(logvar / 2)``
  (``torch.exp(0.5 * logvar)``), not ``exp(logvar)``, and not ``logvar`` itself.
- Random numbers come from an optional ``generator=None`` argument (a ``torch.Generator``).
  With one, ALL randomness comes from it and torch's global random state is untouched; with
  ``None``, the global generator is used. The noise is drawn with ONE call, exactly::

      eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)

  (``torch.randn_like(mu, generator=generator)`` draws the same numbers; the guide's
  ``torch.randn_like(std)``, without the generator, draws from the global state instead;
  ``dtype=mu.dtype`` matters: in float64 the draws differ from float32 ones, and the graders
  redraw your ``eps``). A generator
  lives on one device: pass one made for the device of ``mu`` (the graders use CPU tensors).
- Training mode (``model.train()``, the default after construction) samples ``z``; eval mode
  (``model.eval()``) uses ``z = mu``: nothing is drawn, the output is deterministic.

Data
----
``coursekit.data.session08.expression_programs(n_cells=600, n_genes=200, n_programs=5,
n_types=4, noise=0.3, seed=0)`` returns ``(x, labels)``: float32 ``[n_cells, n_genes]``
expression, each gene centred and scaled to unit variance (as ``scanpy.pp.scale``), and int64
cell types. The graders feed the model cells from it (e.g. 6 cells of 12 genes); the loss
functions get generated float32 and float64 tensors. Nothing here trains.

Task 1: ``VAE(input_dim=1000, latent_dim=20, hidden_dim=400)``
--------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly two attributes holding
parameters, with these names and layouts::

    self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                 nn.Linear(hidden_dim, 2 * latent_dim))
    self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                 nn.Linear(hidden_dim, input_dim))        # no Sigmoid

Every ``nn.Linear`` has a bias; nothing else has parameters (ONE encoder ending in
``2 * latent_dim`` outputs, not two separate ``fc_mu`` / ``fc_logvar`` heads). ``VAE()`` has
**825,840** parameters; in general ``2 i h + 3 l h + 2 h + 2 l + i`` with ``i = input_dim``,
``l = latent_dim``, ``h = hidden_dim``. Methods:

- ``encode(x)``: ``x`` float ``[B, input_dim]`` -> ``(mu, logvar)``, each ``[B, latent_dim]``,
  ``mu, logvar = self.encoder(x).chunk(2, dim=-1)``: the FIRST half is ``mu``, the second
  ``logvar``;
- ``reparameterize(mu, logvar, generator=None)`` -> ``z`` (same shape and dtype as ``mu``,
  any shape)::

      eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
      z = mu + eps * torch.exp(0.5 * logvar)

  It always samples (the graders call it on a model in training mode); it changes neither
  ``mu`` nor ``logvar`` (no in-place operations) and adds nothing to the model (``eps`` is a
  plain tensor drawn at each call, not an ``nn.Parameter`` or a buffer). ``z`` must stay a
  differentiable function of ``mu`` and ``logvar``: ``dz/dmu = 1`` and ``dz/dlogvar = eps *
  exp(logvar / 2) / 2 = (z - mu) / 2`` elementwise. ``torch.normal(mu, std)`` and
  ``Normal(mu, std).sample()`` draw the same kind of numbers but give NO gradient;
- ``decode(z)``: ``z`` ``[B, latent_dim]`` -> ``recon`` ``[B, input_dim]``, ``self.decoder(z)``:
  the mean of a Gaussian, any real number;
- ``forward(x, generator=None)`` -> ``(recon, mu, logvar)``::

      mu, logvar = self.encode(x)
      z = self.reparameterize(mu, logvar, generator) if self.training else mu
      return self.decode(z), mu, logvar

  in training mode ``generator`` is passed on to ``reparameterize``; in eval mode nothing is
  drawn (neither from ``generator`` nor from the global generator) and ``recon = decode(mu)``.

Task 2: ``kl_divergence(mu, logvar)``
-------------------------------------
``mu``, ``logvar`` float ``[B, latent_dim]`` -> float ``[B]`` (same dtype), one value per sample:
``KL(N(mu, exp(logvar)) || N(0, I))``, the closed form summed over the latent dimensions::

    KL = -0.5 * sum over dim=-1 of (1 + logvar - mu ** 2 - exp(logvar))

It is ``>= 0`` and ``0`` exactly when ``mu = 0`` and ``logvar = 0``. Sum over ``dim=-1`` only:
not over the batch too (the guide's ``torch.sum(...)`` without ``dim`` gives one number for the
whole batch), not a mean over the latent dimensions. It equals
``torch.distributions.kl_divergence(Normal(mu, exp(logvar / 2)), Normal(0, 1)).sum(-1)``.

Task 3: ``vae_loss(recon_x, x, mu, logvar)``
--------------------------------------------
``recon_x``, ``x`` float ``[B, n_genes]``, ``mu``, ``logvar`` float ``[B, latent_dim]`` -> a 0-d
tensor (same dtype), differentiable::

    loss = mean over the batch of ( sum over genes of (recon_x - x) ** 2  +  KL )
         = ((recon_x - x) ** 2).sum(dim=-1).mean() + kl_divergence(mu, logvar).mean()

the negative ELBO of a Gaussian decoder with unit variance, up to constants. The batch MEAN,
not the sum (the guide's ``reduction='sum'``); the squared error SUMMED over the genes, not
averaged over every element (``F.mse_loss``'s default). No sigmoid, no binary cross-entropy:
``x`` holds scaled expression, not numbers in [0, 1]. Its gradients are then
``2 (recon_x - x) / B``, ``mu / B`` and ``(exp(logvar) - 1) / (2 B)``.

What the graders check
----------------------
``VAE(12, 3, 8)`` below is built under a fixed seed, its parameters then shifted by seeded
noise (so that ``logvar`` is far from 0); ``x`` is 6 cells of ``expression_programs(n_cells=6,
n_genes=12, n_programs=3, n_types=2)``. "Trusted" values are computed by the graders in float64
from your layers' weights (Linear, ReLU, Linear) or from torch's built-ins; comparisons use
rtol 1e-4, atol 1e-5 (float32) and rtol 1e-9, atol 1e-12 (float64). Generated cases come from
hypothesis (deterministic).

- ``architecture``: ``VAE(12, 3, 8).encoder`` is an ``nn.Sequential`` of exactly
  ``[nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 6)]`` and ``.decoder`` of exactly
  ``[nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 12)]``, all Linear with biases; no
  ``nn.Sigmoid`` (nor ``Tanh``, ``Softplus``, ``Softmax``) anywhere in the model;
  ``encode(x)`` returns ``(mu, logvar)``, float32 ``[6, 3]`` each, equal to the first and the
  second half of the encoder's output; ``decode(z)`` for ``z`` ``[6, 3]`` returns float32
  ``[6, 12]`` equal to Linear-ReLU-Linear (no squashing);
- ``param_count``: ``VAE()`` (no argument) has exactly 825,840 parameters; ``VAE(30)`` 48,870
  (latent 20, hidden 400 by default); ``VAE(input_dim=50, latent_dim=4)`` 45,658;
  ``VAE(200, 10, 64)`` 27,868;
- ``reparameterize`` (on ``VAE(6, 4, 8)`` in training mode): for mu, logvar float32 ``[2, 4]``
  (hand-picked) and ``generator=torch.Generator().manual_seed(0)``, ``z`` is float32 ``[2, 4]``
  and equals ``mu + eps * exp(logvar / 2)`` with the graders' own ``eps =
  torch.randn(mu.shape, generator=torch.Generator().manual_seed(0), dtype=mu.dtype)``; the
  same in float64 for ``[5, 7]`` (35 values: float32 draws would differ), ``z`` float64; torch's
  global random state (``torch.random.get_rng_state()``) is the same before and after the call;
  ``mu`` and ``logvar`` are unchanged; the model's parameters and buffers (names and shapes)
  are the same as before the call. Without a generator, after ``torch.manual_seed(3)``, ``z``
  equals ``mu + torch.randn(mu.shape) * exp(logvar / 2)`` drawn after the same seed. Then 30
  generated cases: shapes of 1 to 3 dimensions of sizes 1-6, float32 or float64, ``mu =
  c * N(0, 1)`` with ``c`` in [0.1, 4], ``logvar`` in [-5, 5], generator seeds 0-999;
- ``reparameterize_gradients``: float64 leaf ``mu``, ``logvar`` (requires_grad) of shape
  ``[3, 5]``, then 20 generated cases as above; ``z = reparameterize(mu, logvar, generator)``
  requires grad, and after ``z.sum().backward()``: ``mu.grad`` is all ones and
  ``logvar.grad`` equals ``(z - mu) / 2``. Then ``VAE(12, 3, 8)`` in training mode on ``x``
  (with a generator): ``recon.pow(2).sum().backward()`` gives every parameter a finite
  gradient that is not all zeros (the encoder learns through ``z``);
- ``eval_uses_mean``: ``VAE(12, 3, 8)`` has the layers of ``architecture`` (the graders
  compute through them); in eval mode, on ``x``, it returns a tuple ``(recon, mu, logvar)``,
  float32 ``[6, 12]``, ``[6, 3]``, ``[6, 3]``; the same (``torch.equal``) after two different
  global seeds; ``mu``, ``logvar`` equal the encoder's halves and ``recon`` equals decode(mu);
  called with a generator in eval mode it returns the same recon and moves neither the
  generator's state nor the global one. In training mode with
  ``generator=torch.Generator().manual_seed(s)``, ``s`` = 7 and 8, ``recon`` equals decode(mu +
  eps * exp(logvar / 2)) for the graders' eps of seed ``s`` (the two differ); with no generator
  after ``torch.manual_seed(9)``, the eps of ``torch.randn`` after the same seed;
- ``kl_divergence``: for hand-picked float32 ``[3, 2]`` (the first row ``mu = 0``,
  ``logvar = 0``, whose KL is 0), a float32 tensor ``[3]`` equal to
  ``torch.distributions.kl_divergence(Normal(mu, exp(logvar / 2)), Normal(0, 1)).sum(-1)``
  computed in float64; then 30 generated float64 cases, batch 1-6 (a batch of 1 still gives
  shape ``[1]``), latent 1-8, ``mu = c * N(0, 1)`` with ``c`` in [0, 3], ``logvar = s + 2 *
  N(0, 1)`` with ``s`` in [-3, 3]: float64 ``[B]``, equal to the same;
- ``vae_loss``: for hand-picked float32 tensors (2 cells, 3 genes, latent 2; ``x`` and
  ``recon_x`` with negative values), a 0-d float32 tensor equal to the graders'
  ``((recon_x - x) ** 2).sum(-1).mean() + KL.mean()`` (their KL from torch.distributions),
  carrying gradients: after ``loss.backward()``, ``recon_x.grad = 2 (recon_x - x) / B``,
  ``mu.grad = mu / B``, ``logvar.grad = (exp(logvar) - 1) / (2 B)``; then 30 generated float64
  cases (batch 1-6, genes 1-10, latent 1-5, every tensor N(0, 1)): a float64 0-d tensor, the
  same value and gradients;
- ``follows_device``: every tensor of ``VAE(12, 3, 8)``, and of its forward pass on ``x`` in
  training mode (sampling: create ``eps`` with ``device=mu.device``) and in eval mode, follows
  ``.to(device)`` (checked on the ``meta`` device, no generator);
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``VAE()`` in eval mode gives the
  same ``(recon, mu, logvar)`` on CPU and CUDA for 8 cells of 1,000 genes, in full float32.

No threshold here comes from training: nothing trains, every check compares with an exact
computation.
"""
import torch  # noqa: F401
from torch import nn


class VAE(nn.Module):
    """Encoder [B, input_dim] -> (mu, logvar) [B, latent_dim] each; decoder z -> recon [B, input_dim]."""

    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        # TODO (task 1): self.encoder and self.decoder, two nn.Sequential (no Sigmoid)
        raise NotImplementedError("VAE.__init__")

    def encode(self, x):
        # TODO (task 1): mu, logvar = self.encoder(x).chunk(2, dim=-1)
        raise NotImplementedError("VAE.encode")

    def reparameterize(self, mu, logvar, generator=None):
        # TODO (task 1): eps from ONE torch.randn call (generator, dtype, device); z = mu + eps * std
        raise NotImplementedError("VAE.reparameterize")

    def decode(self, z):
        # TODO (task 1): the decoder's output, a Gaussian mean
        raise NotImplementedError("VAE.decode")

    def forward(self, x, generator=None):
        # TODO (task 1): (recon, mu, logvar); sample z in training mode, z = mu in eval mode
        raise NotImplementedError("VAE.forward")


def kl_divergence(mu, logvar):
    # TODO (task 2): KL(N(mu, exp(logvar)) || N(0, I)) per sample, shape [B]
    raise NotImplementedError("kl_divergence")


def vae_loss(recon_x, x, mu, logvar):
    # TODO (task 3): mean over the batch of (squared error summed over genes + KL)
    raise NotImplementedError("vae_loss")
