"""Session 9, exercise 3: a sequence GAN with Gumbel-softmax one-hot DNA.

Genomics context
----------------
A GAN for DNA has a problem that a GAN for images or expression profiles does not: DNA is
discrete. The real sequences the discriminator sees are one-hot (exactly one 1 among A, C,
G, T at each position); a generator that ends in a softmax writes soft vectors such as
(0.4, 0.3, 0.2, 0.1), which a discriminator tells from real DNA at a glance, whatever the
bases. Picking the base by ``argmax`` or by sampling makes the output one-hot but cuts the
gradient: nothing flows back to the generator.

The **Gumbel-softmax** trick (Jang et al. 2017; Maddison et al. 2017) solves both, and is
how generative models of regulatory DNA (e.g. the WGAN of Killoran et al. 2017 and the
sequence-design GANs since) write one-hot sequences:

- **Gumbel-max**: with ``g`` standard Gumbel noise (``g = -log(-log(U))``, ``U`` uniform on
  (0, 1), one independent draw per logit), ``argmax(logits + g)`` is a sample of the
  categorical distribution ``softmax(logits)``: each base wins with exactly its softmax
  probability;
- **Gumbel-softmax** (the relaxation): ``softmax((logits + g) / tau)`` is a soft sample; as the
  temperature ``tau`` falls it approaches the one-hot of ``argmax(logits + g)``;
- **straight-through** (``hard=True``): the forward value is the exact one-hot of that
  argmax (what the discriminator sees: real-looking DNA), while the backward pass uses the
  gradient of the soft sample: ``y = y_hard - y_soft.detach() + y_soft``.

You write the sampler, a generator and a discriminator for 19-bp sequences, and train them
on sequences drawn from the CTCF motif: the trained generator must write DNA whose base
frequencies at each position match the motif's position weight matrix.

Data
----
DNA is one-hot float32 ``[B, 4, L]``: channels A, C, G, T (in that order) by positions.
``coursekit.data.session09``: ``CTCF_PWM`` is float32 ``[4, 19]`` (rows A, C, G, T), built
from the CTCF core consensus ``TGGCCACCAGGGGGCGCTA`` (JASPAR MA0139.1): each column puts 0.7
on the consensus base and 0.1 on each other base. ``pwm_sequences(n, pwm=CTCF_PWM, seed=0)``
returns one-hot float32 ``[n, 4, 19]``: each position drawn independently from its column
(seeded; torch's global random state is not touched). Positions are independent, so a
perfect generator writes at each position ``j`` base ``b`` with probability
``CTCF_PWM[b, j]``.

Randomness (the session's convention)
-------------------------------------
Every function with ``generator=None`` draws ALL its random numbers from ``generator`` when
one is given (a ``torch.Generator`` on the device of the tensors: torch's global random state
is then untouched) and from torch's global generator when it is ``None``. Never call
``torch.manual_seed`` in your code.

Task 1: ``gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1)``
------------------------------------------------------------------------------
``logits`` a float tensor of any shape, the categories on ``dim`` (``[B, 4, L]`` with
``dim=1`` for DNA: the softmax is over the 4 bases at each position, never over the
positions); ``tau > 0``. Returns a tensor of the logits' shape and dtype. Draw the noise in
exactly this way, so the graders can draw the same numbers again::

    U = torch.rand(logits.shape, generator=generator, dtype=logits.dtype, device=logits.device)
    U = U.clamp(min=torch.finfo(logits.dtype).tiny)     # ONE call; U = 0 would give -inf
    g = -torch.log(-torch.log(U))                        # standard Gumbel noise
    y_soft = softmax((logits + g) / tau, dim=dim)

(``torch.rand`` never returns 1, so only 0 needs the clamp; no other random number is drawn.)

- ``hard=False``: return ``y_soft``; it sums to 1 over ``dim``;
- ``hard=True``: ``y_hard`` = the one-hot of ``y_soft.argmax(dim)`` along ``dim`` (e.g.
  ``torch.zeros_like(y_soft).scatter_(dim, index, 1.0)``, or ``F.one_hot`` moved to
  ``dim``); return ``y_hard - y_soft.detach() + y_soft``: its value is ``y_hard`` (up to
  rounding: within 1e-6), its gradient that of ``y_soft``.

Noise goes on the LOGITS, before the softmax; ``tau`` DIVIDES. ``F.gumbel_softmax`` does the
same maths but takes no ``generator`` (and draws its noise differently): write your own.

Task 2: ``SequenceGenerator(latent_dim=16, seq_len=19, hidden_dim=128, tau=1.0)``
---------------------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) keeping ``latent_dim``, ``seq_len`` and
``tau`` as attributes, with exactly these parameters (attribute name fixed)::

    net = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                        nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
                        nn.Linear(hidden_dim, 4 * seq_len))

``SequenceGenerator()`` has **28,492** parameters; in general ``(Z + 1) H + (H + 1) H +
(H + 1) 4L`` with ``Z = latent_dim``, ``H = hidden_dim``, ``L = seq_len``.

``forward(z, hard=True, generator=None)``: ``z`` float32 ``[B, latent_dim]``; returns float32
``[B, 4, seq_len]``::

    logits = net(z).view(-1, 4, seq_len)                  # channel-major: [B, 4, L]
    return gumbel_softmax(logits, self.tau, hard, generator, dim=1)

Task 3: ``SequenceDiscriminator(seq_len=19, hidden_dim=128)``
-------------------------------------------------------------
An ``nn.Module`` with exactly these parameters (attribute name fixed)::

    net = nn.Sequential(nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.LeakyReLU(0.2),
                        nn.Linear(hidden_dim, 1))

``forward(x)``: ``x`` float32 ``[B, 4, seq_len]`` (one-hot or soft); returns ``net(x)``, float32
``[B, 1]``, a RAW logit (no sigmoid: the loss is BCE-with-logits). ``SequenceDiscriminator()``
has **9,985** parameters; in general ``(4L + 1) H + H + 1``.

Task 4: ``train_sequence_gan(G, D, real, steps=150, batch_size=64, lr_g=5e-4, lr_d=3e-3, generator=None)``
-----------------------------------------------------------------------------------------------------------
Trains ``G`` (a SequenceGenerator) and ``D`` (a SequenceDiscriminator) on ``real``, one-hot
float32 ``[N, 4, L]``, all on ``real``'s device; returns ``(g_losses, d_losses)``, two lists of
``steps`` Python floats (``loss.item()`` of each step). Two optimizers,
``torch.optim.Adam(G.parameters(), lr=lr_g, betas=(0.5, 0.999))`` and
``torch.optim.Adam(D.parameters(), lr=lr_d, betas=(0.5, 0.999))`` (the discriminator learns
faster: with equal rates the generator chases a slow critic and keeps jumping between
bases). Each of the ``steps`` steps:

1. a batch of ``batch_size`` real sequences drawn with replacement
   (``torch.randint(0, N, (batch_size,), generator=generator)``);
2. ``z = torch.randn(batch_size, G.latent_dim, generator=generator, ...)`` and
   ``fake = G(z, hard=True, generator=generator)``: one-hot, like the real ones, with the
   straight-through gradient;
3. discriminator step: ``d_loss = BCEWithLogits(D(real_batch), 1) + BCEWithLogits(D(fake.detach()), 0)``
   (each the mean over the batch), zero D's gradients, backward, step D's optimizer only;
4. generator step: ``g_loss = BCEWithLogits(D(fake), 1)`` (the non-saturating loss), zero G's
   gradients, backward, step G's optimizer only.

All randomness comes from ``generator`` when one is given (the global state untouched).

Task 5: ``sample(G, n, generator=None)``
---------------------------------------
Without gradients: ``z = torch.randn(n, G.latent_dim, generator=generator, ...)`` on the
device (and in the dtype) of G's parameters, ``y = G(z, hard=True, generator=generator)``;
return EXACT one-hot float32 ``[n, 4, seq_len]`` (0 and 1 only, one 1 per position: the one-hot
of ``y.argmax(1)``, e.g. ``F.one_hot(y.argmax(1), 4).transpose(1, 2).float()``).

Training, as the graders do it (and you may, to see it work)::

    real = pwm_sequences(256, seed=0)
    G = SequenceGenerator()                     # under torch.manual_seed(0)
    D = SequenceDiscriminator()                 # under torch.manual_seed(1)
    g_losses, d_losses = train_sequence_gan(G, D, real, generator=torch.Generator().manual_seed(1))
    freq = sample(G, 2000, generator=torch.Generator().manual_seed(2)).mean(0)   # [4, 19]
    print((freq - CTCF_PWM).abs().mean())       # about 0.03

What the graders check
----------------------
Comparisons use rtol 1e-4 and atol 1e-6 (values in [0, 1]) unless said otherwise. "The
graders' redraw" is ``g`` computed as in task 1 from ``torch.rand(shape,
generator=torch.Generator().manual_seed(seed))`` in float32, the seed the graders passed
you, and the trusted soft sample ``softmax((logits + g) / tau, dim)`` in float64.

- ``soft_sample`` (2 points): on a hand-picked ``[2, 4, 3]`` case (tau 1.0, 0.5, 3.0) and 30
  generated ones (B 1-4, K = 2-6 categories, L 1-8, logits 3 * N(0, 1), tau in 0.25, 0.5, 1,
  2, 5; each as ``[B, K, L]`` with ``dim=1`` and as ``[B, L, K]``, categories last, with
  ``dim=-1``), ``gumbel_softmax(logits, tau, hard=False, generator=..., dim)`` returns
  float32 of the logits' shape, summing to 1 over ``dim`` (atol 1e-5), equal to the trusted
  soft sample for the graders' redraw of ``g``;
  called with only ``(logits, generator=...)`` it uses the defaults tau 1.0, soft, dim 1. With
  a generator the result is the same under global seeds 1 and 2 and the global random state
  is untouched; without one it differs under global seeds 1 and 2 and repeats under the same
  seed;
- ``hard_straight_through`` (2 points): ``gumbel_softmax(logits, tau, hard=True, generator=...,
  dim)`` on a ``[3, 4, 7]`` case (tau 0.5, then the defaults tau 1.0 and dim 1) and 20
  generated ones as above: the value is within 1e-6 of the one-hot of the trusted soft
  sample's argmax over ``dim``; it requires grad, and for a random ``w`` the gradient of
  ``(w * y).sum()`` on the logits is nonzero and equals that of ``(w * y_soft).sum()`` (the
  graders' soft sample). Then ``SequenceGenerator()`` and ``SequenceGenerator(8, 6, 16, 0.5)``
  (seeded initialisation) called as ``G(z, generator=...)`` (default ``hard=True``) on z
  ``[5, latent_dim]`` return float32 ``[5, 4, seq_len]`` within 1e-6 of the one-hot of the
  trusted soft sample of ``net(z).view(-1, 4, seq_len)`` (your ``net``, the graders'
  computation) with ``tau`` 1.0 and 0.5, and the gradient of ``(w * G(z)).sum()`` on every
  parameter equals that of the soft sample (atol 1e-5);
- ``argmax_frequencies``: logits ``[4000, 4, 6]``, the same at every row: ``log`` of six
  hand-picked columns of probabilities (among them (0.7, 0.1, 0.1, 0.1), uniform, (0.97,
  0.01, 0.01, 0.01) and (0.05, 0.05, 0.45, 0.45)) plus a random shift per position;
  ``gumbel_softmax(logits, tau, hard=True, generator=...)`` for tau 1.0, 0.3 and 3.0: at each
  of the 6 positions the frequency of each base as the argmax over the 4000 draws is within
  5 binomial standard errors (``5 * sqrt(p (1 - p) / 4000) + 0.001``) of its probability
  ``p = softmax(logits)`` (Gumbel-max; noise that is not Gumbel, e.g. ``-log(U)``, fails);
- ``param_count``: ``SequenceGenerator()`` has exactly 28,492 parameters and
  ``SequenceDiscriminator()`` 9,985; ``SequenceGenerator(8, 6, 16)``, ``(3, 11, 5)`` and
  ``(32, 40, 64)`` and ``SequenceDiscriminator(6, 16)``, ``(11, 5)`` and ``(40, 64)`` the counts
  of the formulas (824, 314 and 16,672; 417, 231 and 10,369), all registered;
  ``SequenceGenerator()`` keeps ``latent_dim`` 16, ``seq_len`` 19, ``tau`` 1.0 and its ``net``
  holds ``nn.Linear(16, 128)``, ``nn.Linear(128, 128)``, ``nn.Linear(128, 76)``;
  ``SequenceDiscriminator(6, 16)``'s ``net`` holds ``nn.Linear(24, 16)`` then
  ``nn.Linear(16, 1)``, and with its weights scaled by 4 its output for one-hot x ``[5, 4, 6]``
  is float32 ``[5, 1]``, equal to ``Linear(LeakyReLU_0.2(Linear(x.flatten(1))))`` computed by
  the graders with your weights (atol 1e-5): a raw logit, no sigmoid;
- ``generates_the_motif`` (2 points): first ``train_sequence_gan`` on
  ``SequenceGenerator(4, 5, 8)``, ``SequenceDiscriminator(5, 8)``, 16 real sequences,
  ``steps=3, batch_size=8, generator=torch.Generator().manual_seed(5)`` gives the same losses
  under global seeds 1 and 2, the global state untouched. Then the graders train as in the
  example above: ``SequenceGenerator()`` and ``SequenceDiscriminator()`` (initialised under
  seeds 0 and 1) on ``pwm_sequences(256, seed=0)`` with ``train_sequence_gan(G, D, real,
  generator=torch.Generator().manual_seed(1))`` and NO other argument (your defaults: 150
  steps, batch 64, lr_g 5e-4, lr_d 3e-3): two lists of 150 finite floats.
  ``sample(G, 2000, generator=torch.Generator().manual_seed(2))`` must be exactly one-hot
  float32 ``[2000, 4, 19]``, the same under global seeds 1 and 2 with the global state
  untouched; its per-position base frequencies ``freq`` (``[4, 19]``, the mean over the
  samples) must have ``mean |freq - CTCF_PWM| <= 0.07`` and the consensus base must be the
  commonest at >= 17 of the 19 positions. The reference over 40 runs (data seeds 0-19 of
  ``pwm_sequences(256, seed)``, two initialisation, training and sampling seeds each): mean
  deviation 0.023 to 0.040, consensus commonest at all 19 positions in every run; bars 0.07
  and 17. For scale: untrained generators score 0.220 to 0.230 (consensus commonest at 2 to
  10 positions), one that always writes the consensus 0.15, one trained with a single
  learning rate (5e-4 for both networks) 0.075 to 0.164, and the sampling noise of 2000
  draws is about 0.008;
- ``follows_device``: every tensor of ``SequenceGenerator(4, 5, 8)`` and
  ``SequenceDiscriminator(5, 8)``, of G's forward, of D on G's output, of
  ``gumbel_softmax(..., hard=True)`` and of ``sample(G, 3)`` follows ``.to(device)`` (checked
  on the ``meta`` device, without a generator): create U and z with ``device=``;
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``SequenceGenerator().net`` and
  ``SequenceDiscriminator()`` give the same outputs on CPU and CUDA, in full float32.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.one_hot, F.binary_cross_entropy_with_logits)
from torch import nn


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    """Gumbel-softmax sample of `logits` over `dim`; hard=True: one-hot with the soft sample's gradient."""
    # TODO (task 1): U in ONE torch.rand call, clamp, g = -log(-log(U)), softmax((logits + g) / tau, dim)
    raise NotImplementedError("gumbel_softmax")


class SequenceGenerator(nn.Module):
    """z [B, latent_dim] -> one-hot-like DNA [B, 4, seq_len] (Gumbel-softmax of an MLP's logits)."""

    def __init__(self, latent_dim=16, seq_len=19, hidden_dim=128, tau=1.0):
        super().__init__()
        # TODO (task 2): latent_dim, seq_len, tau attributes and net (nn.Sequential, name fixed)
        raise NotImplementedError("SequenceGenerator.__init__")

    def forward(self, z, hard=True, generator=None):
        # TODO (task 2): logits = net(z).view(-1, 4, seq_len), then gumbel_softmax over dim 1
        raise NotImplementedError("SequenceGenerator.forward")


class SequenceDiscriminator(nn.Module):
    """DNA [B, 4, seq_len] -> a raw logit [B, 1] (real vs generated)."""

    def __init__(self, seq_len=19, hidden_dim=128):
        super().__init__()
        # TODO (task 3): net (nn.Sequential, name fixed)
        raise NotImplementedError("SequenceDiscriminator.__init__")

    def forward(self, x):
        # TODO (task 3): a raw logit [B, 1], no sigmoid
        raise NotImplementedError("SequenceDiscriminator.forward")


def train_sequence_gan(G, D, real, steps=150, batch_size=64, lr_g=5e-4, lr_d=3e-3, generator=None):
    """Alternate one D step and one G step (BCE-with-logits); returns (g_losses, d_losses)."""
    # TODO (task 4)
    raise NotImplementedError("train_sequence_gan")


def sample(G, n, generator=None):
    """n exact one-hot sequences [n, 4, seq_len] from G (no gradients)."""
    # TODO (task 5)
    raise NotImplementedError("sample")
