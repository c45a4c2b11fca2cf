"""Session 10, exercise 6: designing DNA of a chosen GC content with guidance.

Genomics context
----------------
The share of G and C among a sequence's bases, its **GC content**, is one of the first
properties a designer of synthetic DNA has to control: G-C pairs hold three hydrogen bonds
(A-T pairs two), so GC content sets a duplex's melting temperature and stability; PCR
amplifies GC-rich and AT-rich fragments unevenly; synthesis vendors refuse fragments outside
a GC window; promoters, CpG islands and coding regions differ in it. Here a diffusion model
**designs** short DNA of a chosen GC content: it is trained on sequences labelled low GC (0)
or high GC (1), and sampling is steered towards a label with **classifier-free guidance**.
With a guidance weight ``w > 1`` the designs are pushed PAST the training class: sequences
guided to "high" come out richer in G and C than the high-GC training sequences themselves.
The graders measure GC content on your designs, with their own count.

This module stands alone: it restates every piece it uses from exercises 3-5 (the time
embedding, the conditional denoiser, condition dropout, guided ancestral sampling), in the
sizes this exercise fixes. You may paste your earlier code and adapt it.

Conventions (session 10, all fixed)
-----------------------------------
- Time steps are 0-based: a chain of ``T`` steps has ``t = 0, ..., T-1``. ``betas[t]`` is the
  noise added at step ``t``; ``alphas = 1 - betas``; ``alpha_bar[t] = prod_{s <= t} alphas[s]``
  (``torch.cumprod``); ``q(x_t | x_0) = N(sqrt(alpha_bar[t]) x_0, (1 - alpha_bar[t]) I)``.
  ``alpha_bar_prev[t] = alpha_bar[t-1]`` with ``alpha_bar_prev[0] = 1``, and the posterior
  variance ``beta_tilde[t] = betas[t] * (1 - alpha_bar_prev[t]) / (1 - alpha_bar[t])`` (0 at
  ``t = 0``). Going back, the step at ``t`` turns ``x_t`` into ``x_{t-1}``, and the step at
  ``t = 0`` returns the final sample.
- Schedules are float64 1-D tensors ``[T]``; where they meet data, use their values cast to the
  data's dtype and device (or as Python floats, ``betas[t].item()``). The schedule here: **100
  steps, linear from 1e-3 to 0.2** (the DDPM's 1e-4 and 0.02 scaled by 1000 / T, so the short
  chain still ends near pure noise: ``alpha_bar[99] = 2.0e-5``; the guide's 1e-4..0.02 over 100
  steps would leave ``alpha_bar[99] = 0.36``).
- ``t`` for a batch is an int64 tensor ``[B]``, one step per row; labels are int64 ``[B]``.
- Randomness: ``generator=None`` arguments take a ``torch.Generator``; with one, ALL random
  numbers come from it and torch's global random state is untouched; with ``None``, the global
  generator. Gaussian noise like ``x`` is drawn exactly as ``torch.randn(x.shape,
  generator=generator, dtype=x.dtype, device=x.device)`` (``torch.randn_like(x,
  generator=generator)`` draws the same numbers), so the graders can redraw it.
- DNA in model space: one-hot ``[n, 4, L]`` (rows A, C, G, T: channels first, then positions)
  becomes ``x0 = 2 * onehot - 1`` flattened to ``[n, 4 * L]``: entry ``c * L + j`` of a row is
  channel ``c`` at position ``j`` (+1 where the base is, -1 elsewhere). ``seq_len = 4 * L``
  (48 for ``L = 12``).

Data
----
``coursekit.data.session10.gc_labelled_dna(n=512, length=12, low=0.3, high=0.7, seed=0)``
returns ``(onehot, labels)``: ``onehot`` float32 ``[n, 4, length]``, ``labels`` int64 ``[n]``,
0 or 1 in equal shares, shuffled. A base of a label-0 sequence is G or C with probability 0.3
(low GC), of a label-1 sequence with probability 0.7 (high GC), each base independently (G and
C equally likely, A and T equally likely). It draws from its own seeded generator. The graders
train on ``n=512, length=12, seed=0`` in model space.

Task 1: ``to_model_space(onehot)`` and ``decode_dna(x, length)``
------------------------------------------------------------------
- ``to_model_space(onehot)``: float32 ``[n, 4, L]`` -> float32 ``[n, 4 * L]``, ``2 * onehot -
  1`` with each sequence's 4 channel rows laid end to end (``reshape(n, 4 * L)`` of the
  ``[n, 4, L]`` tensor).
- ``decode_dna(x, length)``: ``x`` float ``[n, 4 * length]`` in model space (any values: a
  sample, not only +-1) -> a Python list of ``n`` strings of ``length`` letters from
  ``"ACGT"``. View ``x`` as ``[n, 4, length]`` (the inverse of the layout above), take the
  argmax over the 4 CHANNELS (``dim=1``) at each position, and write the channel's letter (0 A,
  1 C, 2 G, 3 T). On a tie the first channel wins, as ``torch.argmax`` does. Not
  ``view(n, length, 4)``: that is a channels-last layout this row does not have.

Task 2: ``gc_content(seqs)``
----------------------------
``seqs``: a list of ``n >= 1`` non-empty strings over ``"ACGT"`` (upper case only), of any
lengths. Returns a float64 tensor ``[n]``: for each string, ``(number of G + number of C) /
len(string)``.

Task 3: the schedule, the time embedding and ``ConditionalDenoiser``
-----------------------------------------------------------------------
- ``linear_betas(num_steps=100, start=1e-3, end=0.2)``: float64 ``[num_steps]``, evenly spaced
  from ``start`` to ``end`` (both included): ``torch.linspace(start, end, num_steps,
  dtype=torch.float64)``.
- ``time_embedding(t, dim)``: ``t`` int64 ``[B]`` (raw step indices, not ``t / T``), ``dim``
  even -> float32 ``[B, dim]``: with ``half = dim // 2`` and ``freq_k = exp(-ln(10000) * k /
  half)`` for ``k = 0, ..., half - 1``, the row of ``t`` is ``[sin(t freq_0), ..., sin(t
  freq_{half-1}), cos(t freq_0), ..., cos(t freq_{half-1})]`` (sines first). Computed in
  ``forward`` on ``t``'s device: no parameter (the graders do not check it on its own).
- ``ConditionalDenoiser(seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128)``, an
  ``nn.Module`` (call ``super().__init__()`` first) predicting the noise in ``x_t``, with
  exactly these parameters and attributes:

  - ``self.seq_len = seq_len`` and ``self.null_label = n_classes`` (plain ints): the NULL label
    ("no label") is the extra index ``n_classes`` (2 here), never a class's own index;
  - ``self.label_emb = nn.Embedding(n_classes + 1, label_dim)``: one row per class and one for
    the null label;
  - ``self.net = nn.Sequential(nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(),
    nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, seq_len))``.

  ``forward(x, t, labels)``: ``x`` float32 ``[B, seq_len]``, ``t`` int64 ``[B]``, ``labels``
  int64 ``[B]`` (values ``0..n_classes``, the null label included) -> float32 ``[B,
  seq_len]``, ``self.net(torch.cat([x, time_embedding(t, time_dim), self.label_emb(labels)],
  dim=1))``. Parameter count: ``(n_classes + 1) * label_dim + (seq_len + time_dim + label_dim
  + 1) * hidden + (hidden + 1) * hidden + (hidden + 1) * seq_len``; ``ConditionalDenoiser()``
  has **32,072**.

Task 4: ``train_gc_model(x, labels, steps=300, batch_size=128, lr=3e-3, p_uncond=0.1, seed=0)``
-------------------------------------------------------------------------------------------------
``x`` float32 ``[n, seq_len]`` in model space, ``labels`` int64 ``[n]`` (0 or 1). Trains and
returns a ``ConditionalDenoiser`` (in eval mode) that predicts the noise both with a label and
with the null label (**condition dropout**: a share ``p_uncond`` of the training rows has its
label replaced by the null label, so the same network also learns the unconditional model)::

    torch.manual_seed(seed)                             # first: the initialisation depends on it
    model = ConditionalDenoiser(seq_len=x.shape[1])     # the other sizes: the defaults
    alpha_bar = torch.cumprod(1 - linear_betas(), dim=0)        # float64 [100]
    opt = torch.optim.Adam(model.parameters(), lr=lr)          # all the parameters
    steps times:
        idx = torch.randint(0, n, (batch_size,))          # or the next batch of a shuffled order
        x0, y = x[idx], labels[idx]
        y = torch.where(torch.rand(batch_size) < p_uncond, model.null_label, y)  # one coin per row
        t = torch.randint(0, 100, (batch_size,))          # uniform over the 100 steps
        noise = torch.randn(x0.shape)
        ab = alpha_bar[t] as float32, viewed [batch_size, 1]
        x_t = sqrt(ab) * x0 + sqrt(1 - ab) * noise
        loss = F.mse_loss(model(x_t, t, y), noise)
        opt.zero_grad(); loss.backward(); opt.step()
    return model.eval()

Exactly ``steps`` optimizer steps, one call of the model per step, on ``batch_size`` rows. The
random numbers after ``torch.manual_seed(seed)`` come from torch's global generator (or from a
``torch.Generator`` you seed with ``seed``); their order is yours. The defaults are part of the
interface: the graders train with them (about 0.7 s on one CPU thread) and they are enough
(the sweep below).

Task 5: ``sample_guided(model, n, label, w, betas=None, generator=None)`` and ``design``
--------------------------------------------------------------------------------------------
**Guided ancestral sampling**: ``n`` samples float32 ``[n, model.seq_len]``. ``label``: an int
(0 or 1) or ``None`` (unconditional); ``w``: a float, the guidance weight; ``betas``: a float64
``[T]`` schedule, ``linear_betas()`` when ``None``. ``model``: any module called as
``model(x, t, labels)`` with attributes ``seq_len`` and ``null_label`` (the graders also pass
stand-ins of their own). Everything under ``torch.no_grad()``::

    alphas, alpha_bar, beta_tilde from betas            # the conventions above, float64 [T]
    device = next(model.parameters()).device
    x = torch.randn((n, model.seq_len), generator=generator, device=device)     # x_T, float32
    for t = T-1, T-2, ..., 0:
        t_b = torch.full((n,), t, dtype=torch.long, device=device)
        eps_u = model(x, t_b, [model.null_label] * n as int64)    # unconditional
        eps_c = model(x, t_b, [label] * n as int64)               # conditional
        eps = eps_u + w * (eps_c - eps_u)                         # label None: eps = eps_u
        mean = (x - betas[t] / sqrt(1 - alpha_bar[t]) * eps) / sqrt(alphas[t])
        if t > 0:
            z = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
            x = mean + sqrt(beta_tilde[t]) * z
        else:
            x = mean                                              # no noise at the last step
    return x

- **Guidance**: ``eps_u + w (eps_c - eps_u)``: ``w = 0`` is unconditional, ``w = 1`` the
  conditional model, ``w > 1`` pushes past it, away from the unconditional prediction. ``eps_u``
  comes from the NULL label, ``eps_c`` from ``label``, both on the same ``x`` and ``t``; the two
  predictions may also come from ONE call on ``2n`` rows (``torch.cat([x, x])`` with ``t`` and
  the labels concatenated likewise). With ``label=None`` only the null label is used and ``w``
  does not matter. The labels are used as given: no condition dropout when sampling.
- **Variance** ``beta_tilde[t]``, the true posterior variance (not ``betas[t]``), as a variance:
  the noise is scaled by its square root.
- **Random numbers**: exactly ``T`` draws: ``x_T`` first, then one ``z`` for each ``t = T-1, ...,
  1``, in that order, shaped like ``x``; none at ``t = 0``, nothing else (the graders redraw them
  from the same seed).

``design(model, n, label, w, generator=None)``: a list of ``n`` DNA strings of length
``model.seq_len // 4``: ``decode_dna(sample_guided(model, n, label, w, generator=generator),
model.seq_len // 4)`` (the default schedule).

Task 6: ``plot_gc(gc_unconditional, gc_high, gc_low) -> matplotlib.figure.Figure``
-------------------------------------------------------------------------------------
Three float64 tensors ``[n_u]``, ``[n_h]``, ``[n_l]`` (any sizes >= 1, values in [0, 1]: e.g.
``gc_content`` of unconditional designs, of designs guided to high GC and to low GC). One Axes
(``fig, ax = plt.subplots()``) with the three **empirical cumulative distributions** as step
lines, one line each, labelled exactly ``"unconditional"``, ``"guided to high GC"`` and
``"guided to low GC"`` (in that order of the arguments): for values sorted ascending ``v_(1) <=
... <= v_(m)``, ``ax.step(sorted values, [1/m, 2/m, ..., 1], where="post", label=...)``
(``ax.ecdf(values, label=...)`` draws the same). Whatever the way, the line's drawstyle is
``"steps-post"``, its x values are sorted, and at every x its height is the fraction of the
values ``<= x``. x label exactly ``"GC content"``, y label exactly ``"cumulative fraction"``,
and a legend (``ax.legend()``). Return the Figure (never call ``plt.show()``).

What the graders check
----------------------
Trusted values are computed by the graders themselves: decoding by a naive loop over
positions and channels, GC by counting letters, sampling chains in float64 with their own
stand-in denoiser and the same random draws. Generated cases come from hypothesis
(deterministic).

- ``decode_dna``: ``to_model_space`` of the one-hot of ``ACGT`` and ``GGCA`` is float32 ``[2,
  16]``, exactly ``2 * onehot - 1`` in the layout above, and ``decode_dna`` of it with length 4
  is ``["ACGT", "GGCA"]``; ``decode_dna(torch.zeros(2, 12), 3)`` is ``["AAA", "AAA"]`` (a tie:
  the first channel); on ``gc_labelled_dna(8, 12, seed=3)`` ``to_model_space`` is exact
  (``[8, 48]``) and decoding gives the sequences back; then 25 generated cases (1-6 rows,
  length 1-15, ``randn`` values or values in -1, 0, 1 with many ties): a list of ``str`` equal
  to the graders' loop.
- ``gc_content``: ``["GGCC", "ATAT", "GATC", "G"]`` gives float64 ``[4]`` ``[1, 0, 0.5, 1]``;
  then 40 generated lists (1-12 strings of 1-40 letters from ACGT), equal to the count (rtol
  1e-6, atol 1e-9).
- ``param_count``: ``ConditionalDenoiser()`` 32,072 parameters; ``ConditionalDenoiser(20, 3, 8,
  4, 32)`` 2,788; ``ConditionalDenoiser(48, 2, 32, 16, 64)`` 13,536; each with ``seq_len``,
  ``null_label == n_classes``, ``label_emb`` an ``nn.Embedding(n_classes + 1, label_dim)`` and
  ``net`` the ``nn.Sequential`` of task 3 (types in order, Linear sizes); its forward on ``x
  [5, seq_len]``, ``t = [0, 1, 50, 98, 99]`` and labels including the null label gives float32
  ``[5, seq_len]``.
- ``guided_sampling``: ``linear_betas()`` is float64 ``[100]`` equal to 100 evenly spaced values
  from 1e-3 to 0.2, ``linear_betas(10, 0.05, 0.5)`` to 0.05, 0.10, ..., 0.5 (rtol 1e-12). The
  graders' stand-in denoiser (``seq_len`` 6 or 8, ``null_label`` 2, one parameter) returns the
  exact expected noise for data ``N(m_label, s^2 I)`` with one mean per label (the null label's
  too): ``sqrt(1 - ab_t) (x_t - sqrt(ab_t) m) / (ab_t s^2 + 1 - ab_t)``. With ``s = 0`` (point
  masses), ``sample_guided(stand-in, 5, 1, 2.0, betas=linear_betas(10, 0.05, 0.5),
  generator)`` ends at ``m_null + 2 (m_1 - m_null)`` in every row (atol 1e-4: the last step
  returns the mean; noise there would show) and does not require grad. Then 5 cases (s 0.4-0.7;
  that short schedule or the default one; label 0, 1 or ``None``; w 0, 1, 3 or 4; one with
  ``generator=None`` after ``torch.manual_seed(5)``) equal the graders' own chain (rtol 1e-4,
  atol 1e-4) with the same draws: it rejects ``betas[t]`` as the variance, a variance used as a
  standard deviation, noise at ``t = 0``, other draws or another order, a wrong default
  schedule, guidance that ignores ``w`` or swaps the label and the null label. The stand-in is
  called only with ``label`` and the null label, ``t`` and labels int64. With a generator,
  torch's global random state is untouched and the result is the same under two global seeds.
  ``design(stand-in with seq_len 8, 6, 1, 4.0, generator)`` equals the graders' decoding (length
  2) of ``sample_guided`` with the same arguments and seed.
- ``guided_design``: ``train_gc_model(x0, labels)`` with its **defaults**, where ``onehot, labels
  = gc_labelled_dna(512, 12, 0.3, 0.7, seed=0)`` and ``x0`` their model space ``[512, 48]``
  (run after ``torch.manual_seed(0)``; the graders record its optimizer steps and its calls of
  the model): it returns a ``ConditionalDenoiser``; exactly 300 ``torch.optim.Adam`` steps with
  lr 3e-3; 300 calls of the denoiser, each on ``x_t [128, 48]``; ``t`` int64 from 0 to 99 (the
  smallest seen below 5, the largest above 94); labels 0, 1 or 2, the null label 2 on a share
  of the 38,400 rows within 5 binomial standard errors of 0.1 (0.0923 to 0.1077). Then
  ``design(model, 200, None, 4.0, generator=torch.Generator().manual_seed(1))`` (unconditional),
  ``design(model, 200, 1, 4.0, ...manual_seed(2))`` (high) and ``design(model, 200, 0, 4.0,
  ...manual_seed(3))`` (low) each return 200 strings of 12 letters from ACGT, and their mean GC
  content (the graders' count) satisfies: high - unconditional >= **0.19**, unconditional - low
  >= **0.19**, high - low >= **0.40**. Sweep: the reference over data, training and sampling
  seeds 0-23 (``gc_labelled_dna(seed=s)``, ``seed=s``, generators ``1000 s + 1, 2, 3``): mean GC
  unconditional 0.42-0.54, high 0.75-0.90, low 0.11-0.27; high - unconditional 0.246 at worst,
  unconditional - low 0.258, high - low 0.523. The same models sampled with ``w = 1`` (what a
  sampler that ignores ``w`` gives): at best 0.134, 0.144 and 0.246; an untrained model or
  decoding the wrong axis: about 0 for each.
- ``plot_gc``: on ``([0.5, 0.25, 0.5, 0.75], [0.75, 1.0], [0.0, 0.25, 0.25])`` and 8 generated
  cases (1-25 values each, multiples of ``1 / L`` for L 1-16, so with ties): a Figure with one
  Axes, axis labels ``("GC content", "cumulative fraction")``, a legend with the three labels,
  exactly one line per label, drawstyle ``"steps-post"`` with sorted x values, whose height at
  every distinct value, between consecutive values, and below and above them all is the
  fraction of that distribution's values ``<= x`` (rtol 1e-6); ``plt.show()`` not called.
- ``follows_device``: ``ConditionalDenoiser(8, 2, 4, 4, 16)`` and ``sample_guided(model, 3, 1,
  4.0, betas=torch.linspace(0.05, 0.5, 4, dtype=torch.float64))`` with it (``betas`` stays a CPU
  tensor) follow ``.to(device)`` (checked on the ``meta`` device, train and eval mode): the
  denoiser's output and the samples on the model's device.
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``ConditionalDenoiser()`` gives the
  same noise on CPU and CUDA for 9 rows (labels 0, 1, 2), in full float32.
"""
import math  # noqa: F401

import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
from matplotlib import pyplot as plt  # noqa: F401
from torch import nn


def to_model_space(onehot):
    # TODO (task 1): 2 * onehot - 1, each sequence's 4 channel rows end to end: [n, 4 * L]
    raise NotImplementedError("to_model_space")


def decode_dna(x, length):
    # TODO (task 1): view as [n, 4, length], argmax over the channels, letters from "ACGT"
    raise NotImplementedError("decode_dna")


def gc_content(seqs):
    # TODO (task 2): float64 [n], (G + C) / length of each string
    raise NotImplementedError("gc_content")


def linear_betas(num_steps=100, start=1e-3, end=0.2):
    # TODO (task 3): float64 [num_steps], evenly spaced from start to end
    raise NotImplementedError("linear_betas")


def time_embedding(t, dim):
    # TODO (task 3): float32 [B, dim], the sines then the cosines of t * freq_k
    raise NotImplementedError("time_embedding")


class ConditionalDenoiser(nn.Module):
    """Predicts the noise in x_t from x_t [B, seq_len], t [B] and labels [B] (null label = n_classes)."""

    def __init__(self, seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128):
        super().__init__()
        # TODO (task 3): seq_len, null_label, label_emb (n_classes + 1 rows), net (Linear, ReLU, Linear, ReLU,
        # Linear)
        raise NotImplementedError("ConditionalDenoiser.__init__")

    def forward(self, x, t, labels):
        # TODO (task 3): net(cat([x, time embedding, label embedding], dim=1))
        raise NotImplementedError("ConditionalDenoiser.forward")


def train_gc_model(x, labels, steps=300, batch_size=128, lr=3e-3, p_uncond=0.1, seed=0):
    # TODO (task 4): seed, build, Adam; each step: a batch, condition dropout, t, noise, x_t, MSE on the noise
    raise NotImplementedError("train_gc_model")


def sample_guided(model, n, label, w, betas=None, generator=None):
    # TODO (task 5): x_T, then t = T-1..0: eps_u + w (eps_c - eps_u), the mean, beta_tilde noise for t > 0
    raise NotImplementedError("sample_guided")


def design(model, n, label, w, generator=None):
    # TODO (task 5): decode_dna of sample_guided, length seq_len // 4
    raise NotImplementedError("design")


def plot_gc(gc_unconditional, gc_high, gc_low):
    # TODO (task 6): three labelled cumulative step lines, axis labels, a legend; return the Figure
    raise NotImplementedError("plot_gc")
