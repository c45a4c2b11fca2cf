"""Session 8, exercise 6: a sequence VAE with a per-position categorical decoder.

Genomics context
----------------
Related DNA sequences (copies of a repeat, paralogous promoters, the members of a gene
family) share an ancestor and differ by scattered mutations. A variational autoencoder
trained on such sequences learns a small latent space in which each family is a region:
the encoder places a sequence there, the decoder turns a latent point back into a sequence,
and points drawn from the prior N(0, I) decode into *new* sequences that look like members
of the families (the idea behind DeepSequence for protein families and behind generative
models of regulatory DNA).

The likelihood is what makes it a model of DNA. At every position the decoder gives a
**categorical distribution over the 4 bases**: 4 logits per position, a softmax over the
bases (never over the positions: the positions are independent given z, each with its own
4 probabilities that sum to 1), and the log-probability of the true base. The course guide's
sigmoid and binary cross-entropy would treat "is it A?", "is it C?", ... as 4 independent
questions, which allows a position with no base or with two; a categorical cannot.

Data
----
DNA is one-hot, float32 ``[B, 4, L]``: channels A, C, G, T (in that order) by positions;
exactly one 1 per position. ``coursekit.data.session08.sequence_families(n=256, length=40,
n_families=4, mutation_rate=0.1, gc=0.6, seed=0)`` returns ``(x, families)``: ``x`` one-hot
float32 ``[n, 4, length]`` and int64 family codes ``[n]``. Each family's ancestor draws its
bases independently with G and C each ``gc / 2`` (0.3) and A and T each ``(1 - gc) / 2``
(0.2); a member copies its ancestor and redraws each base with probability
``mutation_rate`` from the same composition. The families of one call share their
ancestors, so held-out members of the same families come from the same call (the graders
train on the first 256 of ``sequence_families(384, seed=8)`` and test on the last 128).
sequence_families never touches torch's global random state.

Conventions (the session's)
---------------------------
- ``logvar`` is the log VARIANCE: ``std = exp(logvar / 2)``;
- KL(N(mu, sigma^2) || N(0, 1)) of one sequence, summed over the latent dimensions:
  ``-0.5 * sum(1 + logvar - mu^2 - exp(logvar))`` (a tensor ``[B]``; >= 0);
- losses are the batch MEAN of per-sequence sums;
- randomness: every function with ``generator=None`` draws ALL its random numbers from
  ``generator`` when one is given (a ``torch.Generator``; torch's global random state is then
  untouched) and from torch's global generator when it is ``None``. Never call
  ``torch.manual_seed`` inside your code.

Task 1: ``SequenceVAE(seq_len=40, latent_dim=8, hidden_dim=128)``
-----------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly these parameters:

- ``encoder = nn.Sequential(nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, 2 * latent_dim))``;
- ``decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
  nn.Linear(hidden_dim, 4 * seq_len))``; it may end with ``nn.Unflatten(1, (4, seq_len))``,
  the same reshape as in ``decode`` below;

(attribute names fixed: the graders read the ``nn.Linear`` layers of ``encoder`` and of
``decoder`` in this order, and may set their weights). Keep ``seq_len`` and ``latent_dim``
as attributes if you need them. ``SequenceVAE()`` has **44,464** parameters; in general
``(4L + 1) H + (H + 1) 2Z + (Z + 1) H + (H + 1) 4L`` with ``L = seq_len``,
``Z = latent_dim``, ``H = hidden_dim``. Methods:

- ``encode(x)``: ``x`` float32 ``[B, 4, seq_len]``; returns the tuple ``(mu, logvar)``, each
  float32 ``[B, latent_dim]``: ``mu, logvar = self.encoder(x).chunk(2, dim=-1)`` (first half
  mu, second half logvar);
- ``decode(z)``: ``z`` float32 ``[B, latent_dim]``; returns the logits float32
  ``[B, 4, seq_len]``: ``self.decoder(z).view(-1, 4, seq_len)``. The reshape is
  **channel-major**: logit ``[b, c, l]`` is the decoder's output ``c * seq_len + l`` (not
  ``.view(-1, seq_len, 4)`` followed by a transpose, which reads the outputs another way);
- ``forward(x, generator=None)``: returns ``(logits, mu, logvar)`` (logits ``[B, 4,
  seq_len]``, no softmax). In train mode (``self.training``) it samples
  ``z = mu + eps * exp(logvar / 2)`` with eps drawn in ONE call
  ``eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)``
  (the graders redraw it from the same seed); in eval mode ``z = mu`` and it draws nothing.
  ``logits = decode(z)``;
- ``sample(n, generator=None)``: ``n`` new sequences from the prior, one-hot float32
  ``[n, 4, seq_len]`` on the model's device: ``z = torch.randn((n, latent_dim),
  generator=generator, ...)`` (N(0, I), dtype and device of the model's parameters),
  ``logits = decode(z)``, then at EVERY position of every sequence ONE base drawn from its
  categorical ``softmax(logits, dim=1)`` (a random draw, not the most probable base), e.g.
  ``torch.multinomial(probs.transpose(1, 2).reshape(-1, 4), 1, generator=generator)`` then
  ``F.one_hot(bases, 4)`` (which is ``[n, seq_len, 4]``: ``.transpose(1, 2)``). Draw every
  random number from ``generator``; in which order you draw is yours (the graders test the
  samples statistically and for reproducibility, not draw by draw). No gradient is needed
  (``torch.no_grad()`` is fine); it works in train and in eval mode alike.

Task 2: ``base_probabilities(logits)``
--------------------------------------
``logits`` float32 ``[B, 4, L]``; returns float32 ``[B, 4, L]``: the softmax over the BASES,
``dim=1`` (``torch.softmax(logits, dim=1)``), so that ``result.sum(dim=1)`` is 1 at every
position. Not over the positions (``dim=2`` / ``-1``).

Task 3: ``reconstruction_log_prob(logits, x)``
----------------------------------------------
``logits`` and one-hot ``x`` float32 ``[B, 4, L]``; returns float32 ``[B]``: for each sequence,
the SUM over its L positions of log p(true base), with p = ``softmax(logits, dim=1)``:
``(F.log_softmax(logits, dim=1) * x).sum(dim=(1, 2))``; equivalently
``Categorical(logits=logits.transpose(1, 2)).log_prob(x.argmax(1)).sum(-1)``. A sum, not a
mean over positions; use ``log_softmax`` (stable), not ``log(softmax)``. Careful with
``F.cross_entropy``: it takes ``[B, 4, L]`` logits with ``[B, L]`` targets as they are, but a
plain ``logits.reshape(-1, 4)`` mixes positions and bases (transpose first).

Task 4: ``sequence_vae_loss(logits, x, mu, logvar)``
----------------------------------------------------
A 0-d float32 tensor (with gradients, no ``.item()``): the batch mean over the B sequences of
``-reconstruction_log_prob(logits, x) + KL(mu, logvar)``, the KL of the conventions above
(the negative ELBO per sequence, in nats).

Task 5: ``train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None)``
-------------------------------------------------------------------------------------------
Trains ``model`` (a ``SequenceVAE``) on the one-hot sequences ``x`` ``[N, 4, L]`` and
returns a list of ``epochs`` Python floats, the epoch's mean loss (each batch's loss weighted
by its size, i.e. the mean loss per sequence over the epoch). ``torch.optim.Adam(
model.parameters(), lr=lr)``; ``model.train()``; each epoch a fresh order
``torch.randperm(N, generator=generator)``, cut into batches of ``batch_size`` (the last one
smaller), and for each batch ``logits, mu, logvar = model(batch, generator=generator)``,
``loss = sequence_vae_loss(logits, batch, mu, logvar)``, ``zero_grad``, ``backward``,
``step``. Leave the model in eval mode at the end (``model.eval()``). With a generator, the
same generator gives the same losses whatever torch's global state, and leaves that state
untouched.

What the graders check
----------------------
Comparisons use rtol 1e-4 and atol 1e-4 unless said otherwise; inputs are float32.

- ``param_count``: ``SequenceVAE()`` (no argument: seq_len 40, latent_dim 8, hidden_dim 128)
  has exactly 44,464 parameters, all registered; ``SequenceVAE(12, 3, 16)``,
  ``SequenceVAE(7, 2, 5)`` and ``SequenceVAE(100, 16, 64)`` have the count of the formula above
  (1,766; 352; 54,832);
- ``base_probabilities``: on a hand-picked ``[1, 4, 3]`` case, then on 30 generated ones
  (B 1-5, L 1-12, logits 5 * N(0, 1)): float32 of the logits' shape, summing to 1 over dim 1
  at every position (atol 1e-5), equal to ``torch.softmax(logits, dim=1)`` (rtol 1e-4,
  atol 1e-6);
- ``reconstruction_log_prob`` (2 points): all-zero logits give ``-L log 4`` per sequence;
  a hand-picked ``[1, 4, 3]`` case and 30 generated ones (B 1-5, L 1-12, logits 3 * N(0, 1),
  random one-hot x) give float32 ``[B]`` equal to
  ``Categorical(logits=logits.transpose(1, 2)).log_prob(x.argmax(1)).sum(-1)`` computed by
  the graders in float64;
- ``sequence_vae_loss``: on a hand-picked case and 25 generated ones (B 1-5, L 1-10,
  latent 1-6), a 0-d float32 tensor equal to the graders' batch mean of ``-Categorical``
  log-probabilities summed over positions plus
  ``kl_divergence(Normal(mu, exp(logvar / 2)), Normal(0, 1))`` summed over the latent
  dimensions (float64); it must carry a ``grad_fn`` when the logits require gradients;
- ``forward_modes`` (2 points): ``SequenceVAE(10, 3, 16)``: ``encoder`` holds ``nn.Linear(40,
  16)`` then ``nn.Linear(16, 6)`` and ``decoder`` ``nn.Linear(3, 16)`` then ``nn.Linear(16,
  40)`` (with biases); ``encode(x)`` for x ``[5, 4, 10]`` returns ``(mu, logvar)`` equal to the
  two halves of the encoder computed by the graders with your weights; ``decode(z)`` equals
  their ``decoder(z).view(-1, 4, 10)``. In eval mode ``forward(x)`` returns ``(decode(mu),
  mu, logvar)``, the same under two global seeds, leaving the global random state untouched.
  In train mode ``forward(x, generator=torch.Generator().manual_seed(7))`` gives logits equal
  to ``decode(mu + eps * exp(logvar / 2))`` with the graders' ``eps = torch.randn(mu.shape,
  generator=torch.Generator().manual_seed(7))``, the same under two global seeds, the global
  state untouched; ``forward(x)`` without a generator in train mode differs under global
  seeds 1 and 2 and repeats under the same seed;
- ``reconstructs_bases``: ``train_sequence_vae(SequenceVAE(8, 2, 8), x [40, 4, 8], epochs=2,
  generator=torch.Generator().manual_seed(3))`` returns 2 floats, the same under two global
  seeds, the global state untouched. Then the graders train ``SequenceVAE()`` (seeded
  initialisation) with ``train_sequence_vae(model, x)`` and NO other argument (your defaults:
  10 epochs, lr 3e-3, batch 32) on the first 256 sequences of ``sequence_families(384,
  seed=8)``: it must return 10 finite floats; the per-base accuracy of
  ``decode(mu).argmax(1)`` (mu from ``encode``) against the 128 held-out members must be at
  least 0.85, and the last epoch's loss at most the first's / 1.8. The reference over 40 runs
  (data seeds 0-19, two initialisation and training seeds each): accuracy 0.921 to 0.934
  (about the ceiling: ~7% of a member's bases are mutations no model can guess), loss falling
  2.60x to 2.97x; bars 0.85 and 1.8x.
  For scale: chance is 0.25, and predicting the commonest training base at each position (a
  decoder that ignores z: the "posterior collapse" that a log-probability averaged over the
  positions causes) gets 0.46 to 0.55 over the same data seeds (0.51 on seed 8);
- ``prior_composition`` (2 points): first on ``SequenceVAE(12, 3, 8)`` with its decoder set by
  the graders so that ``logits[c, l] = B[c, l] + W[c, l] * z[0]`` (``W`` zero at positions
  0-5, so those positions test the categorical alone, the others also that z ~ N(0, I)):
  ``sample(4000, generator=torch.Generator().manual_seed(5))`` is one-hot float32 ``[4000, 4,
  12]`` (at every position one 1, the rest 0), the same under two global seeds with the
  global state untouched, different with seed 6; the frequency of each base at each position
  is within 0.05 of the graders' probability ``E_z[softmax(logits, dim=1)]`` (integrated over
  z[0] ~ N(0, 1) by Gauss-Hermite quadrature). The reference over 60 runs (3 planted
  decoders, generator seeds 0-19 each): largest deviation 0.025 (the standard error of a
  frequency over 4000 draws is at most 0.008); bar 0.05. ``sample(50)`` without a generator
  repeats under the same global seed and differs under another. Then ``SequenceVAE()``
  trained as in ``reconstructs_bases``: ``sample(500, generator=torch.Generator()
  .manual_seed(11))``'s frequency of each base (over all samples and positions) is within
  0.05 of the training data's (about A 0.18, C 0.32, G 0.33, T 0.18). The reference over the
  40 runs above (a sample seed per run): largest deviation 0.021; bar 0.05;
- ``follows_device``: every tensor of ``SequenceVAE(10, 3, 16)``, of its forward pass (train
  and eval mode) and of ``sample(3)`` follows ``.to(device)`` (checked on the ``meta``
  device): create eps and z with ``device=``;
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``SequenceVAE()`` in eval mode
  gives the same ``(logits, mu, logvar)`` on CPU and CUDA, in full float32.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.log_softmax, F.one_hot)
from torch import nn


class SequenceVAE(nn.Module):
    """One-hot DNA [B, 4, L] -> (mu, logvar) [B, Z]; z -> logits [B, 4, L] (a categorical per position)."""

    def __init__(self, seq_len=40, latent_dim=8, hidden_dim=128):
        super().__init__()
        # TODO (task 1): encoder and decoder (nn.Sequential, names fixed)
        raise NotImplementedError("SequenceVAE.__init__")

    def encode(self, x):
        # TODO (task 1): (mu, logvar), the two halves of encoder(x)
        raise NotImplementedError("SequenceVAE.encode")

    def decode(self, z):
        # TODO (task 1): logits [B, 4, seq_len], channel-major reshape
        raise NotImplementedError("SequenceVAE.decode")

    def forward(self, x, generator=None):
        # TODO (task 1): (logits, mu, logvar); train mode samples z with the generator, eval mode z = mu
        raise NotImplementedError("SequenceVAE.forward")

    def sample(self, n, generator=None):
        # TODO (task 1): z ~ N(0, I), decode, one base drawn per position, one-hot [n, 4, seq_len]
        raise NotImplementedError("SequenceVAE.sample")


def base_probabilities(logits):
    """[B, 4, L] logits -> [B, 4, L] probabilities, a softmax over the bases (dim 1)."""
    # TODO (task 2)
    raise NotImplementedError("base_probabilities")


def reconstruction_log_prob(logits, x):
    """[B]: the sum over positions of log p(true base)."""
    # TODO (task 3)
    raise NotImplementedError("reconstruction_log_prob")


def sequence_vae_loss(logits, x, mu, logvar):
    """0-d: the batch mean of -reconstruction_log_prob + KL."""
    # TODO (task 4)
    raise NotImplementedError("sequence_vae_loss")


def train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None):
    """Adam on shuffled batches; returns the mean loss of each epoch (a list of floats)."""
    # TODO (task 5)
    raise NotImplementedError("train_sequence_vae")
