"""Session 10, exercise 5: classifier-free guidance, condition dropout and guided noise.

Genomics context
----------------
A diffusion model trained on DNA learns to turn noise into sequences that look like its training
data. To DESIGN sequences we want more: sequences of a chosen class (high GC content, a tissue's
enhancers, strong binders), and sometimes sequences that are even more typical of that class than
the training examples. **Classifier-free guidance** (Ho & Salimans 2021) does both with ONE network
and no separate classifier:

- the denoiser takes the class label as a third input, ``eps(x_t, t, y)``;
- during training each label is replaced, independently with probability ``p_uncond`` (0.1), by
  an extra **null label** that means "no class" (**condition dropout**). The same network thus
  learns the conditional noise ``eps_c = eps(x_t, t, y)`` and the unconditional noise
  ``eps_u = eps(x_t, t, null)``;
- when sampling, each step uses the **guided noise**::

      eps_guided = eps_u + w * (eps_c - eps_u)

  ``w = 0`` is the unconditional model, ``w = 1`` the conditional model, ``w > 1`` pushes past the
  conditional model, away from the unconditional one (sharper, more class-typical designs, less
  diversity). The paper writes ``(1 + w) eps_c - w eps_u``: the same family with ``w`` shifted by
  one. THIS exercise fixes the form above (``w = 1`` is plain conditional sampling): the other
  form is graded as wrong here.

Dropout belongs to training only: when sampling, the labels are used as given (a dropped label
would silently turn a guided sample into an unconditional one), and nothing random happens in
``guided_noise``.

Conventions (session 10)
------------------------
- Time steps are 0-based: a chain of ``T`` steps has ``t = 0, ..., T-1``. ``alpha_bar[t]`` is the
  product of ``1 - betas[s]`` for ``s <= t``, and ``q(x_t | x_0) = N(sqrt(alpha_bar[t]) x_0,
  (1 - alpha_bar[t]) I)``. Schedules are float64 1-D tensors ``[T]``; where they meet data, the
  gathered values are cast to the data's dtype and device and viewed as ``[B, 1]`` (one value per
  sample, broadcast over the sample's features; not ``[B]``, which would broadcast along the
  features instead). The graders use ``T = 100`` and the linear schedule ``betas`` from ``1e-3``
  to ``0.2`` (``alpha_bar[0] = 0.999``, ``alpha_bar[99] = 2.0e-5``: the chain ends near pure noise).
- ``t`` for a batch is an int64 tensor ``[B]``, one step per sample. Labels are int64 ``[B]``.
- Randomness: an optional ``generator=None`` argument (a ``torch.Generator``); with one, ALL random
  numbers come from it and torch's global random state is untouched; with ``None``, the global
  generator. A generator lives on one device: the graders use CPU tensors. Gaussian noise is drawn
  exactly as ``torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)``.
- DNA in model space: one-hot ``[n, 4, L]`` (rows A, C, G, T) is mapped to ``x0 = 2 * onehot - 1``
  and flattened to ``[n, 4 * L]`` (``seq_len = 48`` for ``L = 12``).

Data
----
``coursekit.data.session10.gc_labelled_dna(n, length=12, low=0.3, high=0.7, seed)`` returns
``(onehot, labels)``: float32 one-hot ``[n, 4, 12]`` and int64 labels ``[n]``, 0 (each base G or C
with probability 0.3) or 1 (probability 0.7), half each, drawn from its own seeded generator. The
graders train on ``gc_labelled_dna(512, 12, seed=0)`` in model space (``x0`` float32 ``[512, 48]``),
with 2 classes: the null label is 2.

Task 1: ``sinusoidal_embedding(t, dim)`` and ``ConditionalDenoiser``
--------------------------------------------------------------------
``sinusoidal_embedding(t, dim)``: ``t`` int64 ``[B]`` (raw step indices, not ``t / T``), ``dim``
even -> float32 ``[B, dim]`` on ``t``'s device::

    half = dim // 2
    freqs[k] = exp(-ln(10000) * k / half)           for k = 0, ..., half - 1
    angles = t[:, None] (as float) * freqs[None, :]   # [B, half]
    embedding = torch.cat([sin(angles), cos(angles)], dim=1)   # the sin half first

(the same embedding as exercise 3; write it here, this module stands alone). It has no
parameters: compute it in ``forward`` (its frequencies may be a registered buffer, never an
``nn.Parameter``).

``ConditionalDenoiser(seq_len, n_classes, time_dim=32, label_dim=16, hidden=256)``: an
``nn.Module`` (call ``super().__init__()`` first) with exactly these attributes:

- ``self.null_label = n_classes`` (a Python int): the classes are ``0, ..., n_classes - 1`` and
  the null label is one MORE index, with its own embedding row (never a class's index: with the
  null label at 0, "no class" and class 0 would be the same input);
- ``self.label_embedding = nn.Embedding(n_classes + 1, label_dim)`` (default initialisation);
- ``self.net = nn.Sequential(nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(),
  nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, seq_len))``;
- ``self.time_dim = time_dim`` (any other plain Python attributes are yours).

``forward(x, t, labels)``: ``x`` float32 ``[B, seq_len]``, ``t`` int64 ``[B]``, ``labels`` int64
``[B]`` (classes or the null label) -> the predicted noise, float32 ``[B, seq_len]``::

    h = torch.cat([x, sinusoidal_embedding(t, self.time_dim), self.label_embedding(labels)], dim=1)
    return self.net(h)

in that order (x, time, label). No other parameters. ``ConditionalDenoiser(48, 2)`` has
**103,008** parameters; in general ``(n_classes + 1) * label_dim + (seq_len + time_dim + label_dim
+ 1) * hidden + (hidden + 1) * hidden + (hidden + 1) * seq_len``.

Task 2: ``drop_labels(labels, null_label, p, generator=None)``
--------------------------------------------------------------
``labels`` int64 ``[B]``, ``null_label`` an int, ``p`` a float in ``[0, 1]`` -> a NEW int64 tensor
``[B]`` (the input is left untouched): each label replaced by ``null_label`` independently with
probability ``p``, with exactly ONE coin per sample drawn in ONE call::

    coins = torch.rand(B, generator=generator, device=labels.device)
    dropped = torch.where(coins < p, null_label, labels)

(the graders redraw ``coins`` from a generator of the same seed and compare label by label). So
``p = 0`` drops none and ``p = 1`` drops all. ``p`` is the DROP rate (not the keep rate); one coin
per SAMPLE (not one for the whole batch); from ``generator`` (not the global generator when one is
given); ``device=labels.device`` (the mask must live where the labels live).

Task 3: ``cfg_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None)``
----------------------------------------------------------------------------------------------------
``model``: a conditional denoiser ``model(x_t, t, labels)`` with an int attribute ``null_label``
(e.g. a ``ConditionalDenoiser``; the graders also pass their own); ``x0`` float ``[B, D]``;
``labels`` int64 ``[B]``; ``alpha_bar`` float64 ``[T]``; ``t`` int64 ``[B]`` or None; ``noise``
like ``x0`` or None. Returns the 0-d noise-prediction loss, differentiable with respect to the
model's parameters::

    dropped = drop_labels(labels, model.null_label, p_uncond, generator)     # condition dropout
    if t is None:     t = torch.randint(0, T, (B,), generator=generator, device=x0.device)
    if noise is None: noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype,
                                          device=x0.device)
    a = alpha_bar[t] cast to x0's dtype and device, viewed [B, 1]   # alpha_bar.to(x0.device)[t]...
    x_t = sqrt(a) * x0 + sqrt(1 - a) * noise
    return F.mse_loss(model(x_t, t, dropped), noise)      # the mean over every entry

with ``T = alpha_bar.shape[0]`` and ONE call of the model on the ``B`` rows. ``alpha_bar`` may live on
another device than ``x0`` (a schedule is usually kept on the CPU while the data is on a GPU): move
it to ``x0``'s device before indexing it with ``t`` (a CPU tensor cannot be indexed with GPU
indices). When ``t`` and ``noise`` are given, the coins are the only random numbers drawn (the
graders redraw them); when either is drawn here, the order of the draws is yours (all from
``generator``).

Task 4: ``guided_noise(model, x_t, t, labels, w)``
--------------------------------------------------
``model`` as in task 3; ``x_t`` float ``[B, D]``; ``t`` int64 ``[B]``; ``labels`` int64 ``[B]``
(used AS GIVEN: no dropout, nothing random; a label may already be the null label); ``w`` a Python
float. Returns ``[B, D]`` of ``x_t``'s dtype::

    eps_c = model(x_t, t, labels)                                  # conditional
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))   # unconditional, every row
    return eps_u + w * (eps_c - eps_u)

Two calls of ``B`` rows, or ONE call of ``2B`` rows (``x_t`` and ``t`` twice, the labels then the
null labels) split in two: both are fine, with or without ``torch.no_grad()`` (sampling needs no
gradients; the graders detach the result). Each row reaches the model exactly twice: once with its
label, once with the null label. Any exact rewriting of the formula is fine
(``(1 - w) * eps_u + w * eps_c``, ``torch.lerp(eps_u, eps_c, w)``); ``w = 0`` must give ``eps_u``
and ``w = 1`` ``eps_c`` (exactly, for the graders' small-integer outputs). Not the paper's
``(1 + w) eps_c - w eps_u``, and not ``eps_c + w (eps_u - eps_c)`` (guidance AWAY from the class).

Task 5: ``train_cfg``
---------------------
``train_cfg(model, x0, labels, alpha_bar, steps=200, batch_size=64, lr=1e-3, p_uncond=0.1,
generator=None)`` trains ``model`` in place and returns the list of ``steps`` Python floats (each
step's ``loss.item()``, in order)::

    opt = Adam(model.parameters(), lr=lr)                 # torch.optim.Adam
    for each of `steps` steps:
        idx = torch.randint(0, N, (batch_size,), generator=generator, device=x0.device)
        loss = cfg_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator)
        opt.zero_grad(); loss.backward(); opt.step()

``x0`` float32 ``[N, D]``, ``labels`` int64 ``[N]``. Batches may also be the next ``batch_size``
rows of a shuffled order (``torch.randperm(N, generator=generator)``, reshuffled when used up):
every step trains on ``batch_size`` rows with ONE call of the model, labels dropped at rate
``p_uncond`` in every step. Every random number comes from ``generator``. The defaults are part of
the interface (the graders train with them; one training takes about 0.6 s on one CPU thread).

What the graders check
----------------------
Trusted values are computed by the graders in float64 from closed forms, from their own coins
(``torch.rand(B)`` from a generator of the same seed), or from the model's own weights. The
graders' stand-in denoiser has a ``null_label`` attribute and gives, for row ``i``, ``scale * x_i
+ table[label_i] + t_i`` (a table of small integers, one row per label, the null label's too): its
outputs are known exactly, and it records every call (the ``x_t``, ``t`` and labels it receives).
Shares of null labels must lie within **5 binomial standard errors** (``5 sqrt(p (1 - p) / n)``)
of the rate.

- ``condition_dropout``: ``drop_labels`` on 20,000 labels (classes 0-2, null label 3) with ``p``
  0.1, 0.25, 0.5 and 0.9 and a generator: int64 ``[20000]``, the input untouched, only null labels
  introduced, the null share within 5 SE of ``p``, and the null label exactly where the graders'
  coins ``torch.rand(20000, generator=same seed) < p``; ``p = 0`` changes nothing and ``p = 1``
  every label; with no generator, after ``torch.manual_seed(5)``, the coins of the global
  generator after the same seed; with a generator, torch's global random state untouched.
  ``cfg_loss`` with the stand-in (4,000 rows, 6 features, classes 0-2, null 3), the graders'
  ``alpha_bar`` and given ``t`` and ``noise``: one model call; the labels it receives are dropped
  exactly as the graders' coins say, at ``p_uncond=0.3`` and at the default (0.1); it receives the
  given ``t`` and ``x_t = sqrt(alpha_bar[t]) x0 + sqrt(1 - alpha_bar[t]) noise`` (rtol 1e-5, atol
  1e-6); the loss is a 0-d tensor equal to the mean squared error of its output to the noise.
  Drawing ``t`` and ``noise`` itself (``p_uncond=0.2``, a generator): ``t`` int64 in ``[0, 100)``,
  the null share within 5 SE of 0.2, the same loss twice from the same seed, the global state
  untouched;
- ``guidance_formula``: with the stand-in (classes 0-2, null 3) on small-integer ``x_t`` ``[4, 4]``,
  ``t = [0, 5, 50, 99]``, ``labels = [0, 1, 2, 1]``: ``w = 0`` gives exactly ``eps_u`` and ``w = 1``
  exactly ``eps_c`` (``torch.equal``); ``w`` = 3, 0.5, 7.5 and -1 give ``eps_u + w (eps_c -
  eps_u)`` (rtol 1e-4, atol 1e-5), and float64 input with ``w = 2`` gives ``2 eps_c - eps_u`` in
  float64; then 30 generated cases (batch 1-8, 1-6 features, 1-4 classes, labels that may be the
  null label, ``w`` from -2 to 10, float32 or float64): ``[B, D]`` of ``x_t``'s dtype equal to the
  formula (rtol 1e-5 in float32, 1e-9 in float64, and an atol of 1e-6 (float32) or 1e-13 (float64)
  times ``(1 + |w|)`` times the largest ``|eps|``: the rounding of any exact rewriting);
- ``no_dropout_when_sampling``: the recording stand-in, 120 rows (row ``i`` of ``x_t`` filled with
  ``i``), labels 0-2 and some already null (3), ``w = 3``, under two global seeds: the model sees
  240 rows in all, every row exactly twice, once with its own ``t`` and label and once with its
  own ``t`` and the null label (no other substitution); the labels are left untouched and torch's
  global random state is the same before and after (``guided_noise`` draws nothing);
- ``param_count``: ``ConditionalDenoiser(48, 2)`` has exactly 103,008 parameters;
  ``ConditionalDenoiser(20, 3, time_dim=8, label_dim=4, hidden=32)`` 2,788,
  ``ConditionalDenoiser(48, 2, hidden=64)`` 13,536 and ``ConditionalDenoiser(10, 5, time_dim=6,
  label_dim=3, hidden=16)`` 780; each has ``null_label == n_classes`` (an int), ``label_embedding``
  an ``nn.Embedding(n_classes + 1, label_dim)`` and ``net`` the ``nn.Sequential`` of task 1 (layer
  types in order, Linear sizes with biases). ``sinusoidal_embedding`` for ``t`` = [0, 1, 99] and
  ``dim`` 2, ``t`` = [0, 1, 7, 50, 99] and ``dim`` 8, ``t`` = [0, 3, 42, 99] and ``dim`` 32 is float32
  ``[B, dim]`` equal to the formula (rtol 1e-4, atol 2e-5); ``ConditionalDenoiser(48, 2)`` on
  ``x`` ``[6, 48]``, ``t = [0, 1, 17, 50, 98, 99]``, ``labels = [0, 1, 2, 1, 0, 2]`` returns float32
  ``[6, 48]`` equal to ``net(cat([x, embedding(t), label_embedding(labels)]))`` computed by the
  graders through its own weights;
- ``learns``: ``ConditionalDenoiser(48, 2)`` built after ``torch.manual_seed(0)``, trained by
  ``train_cfg(model, x0, labels, alpha_bar, generator=torch.Generator().manual_seed(0))`` with its
  defaults on ``gc_labelled_dna(512, 12, seed=0)`` in model space, ``T = 100``, linear
  ``1e-3``..``0.2``. In training: 200 Python floats returned; 200 steps of ``torch.optim.Adam``
  with lr 1e-3 over exactly the model's parameters; the model called 200 times on 64 rows; the
  null label's share of the 12,800 labels it sees within 5 SE of 0.1; torch's global random state
  untouched (every random number from the generator). The evaluation set is the
  graders' own: ``gc_labelled_dna(1024, 12, seed=999)`` in model space, ``t`` and ``noise`` drawn
  from ``torch.Generator().manual_seed(7)`` (``t`` uniform in ``[0, 100)``), ``x_t`` computed by the
  graders; its loss is the mean squared error of the model's output to the noise (no gradients),
  with the true labels, with the null label for every sequence, and with swapped labels
  (``1 - label``). Bars (the reference over 20 seeds 0-19 for data, initialisation and training:
  worst case in parentheses):

  - the loss with the true labels, and the loss with the null label, each fall by at least
    **2.5x** from the untrained model's (reference: 3.58x and 3.54x at worst; untrained: 1x);
  - after training, the null-label loss is at most **1.06x** the true-label loss: the
    unconditional mode is learned too (reference: 1.030 at worst; trained without condition
    dropout the null label is never seen: 1.11 to 1.54 over 10 seeds);
  - after training, the loss with swapped labels is at least **1.01x** the loss with the true
    labels: the model uses its label (reference: 1.021 at worst; a model that ignores its label:
    exactly 1.000);
- ``follows_device``: ``ConditionalDenoiser(48, 2)`` and, on a batch moved with it, its forward,
  ``guided_noise``, ``cfg_loss`` (no generator: coins, ``t`` and noise drawn with
  ``device=x0.device``; ``alpha_bar`` stays on the CPU, so what is gathered must be moved to
  ``x0``'s device) and ``drop_labels`` follow ``.to(device)`` (checked on the ``meta`` device, train
  and eval mode);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the forward, ``guided_noise`` and
  ``cfg_loss`` (``p_uncond=0``, given ``t`` and noise) are the same on CPU and CUDA (full float32).
"""
import math  # noqa: F401

import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
from torch import nn


def sinusoidal_embedding(t, dim):
    # TODO (task 1): cat([sin(t * freqs), cos(t * freqs)], dim=1), freqs[k] = exp(-ln(10000) k / (dim // 2))
    raise NotImplementedError("sinusoidal_embedding")


class ConditionalDenoiser(nn.Module):
    """eps(x_t, t, label): [B, seq_len], [B], [B] -> [B, seq_len]; the null label is n_classes."""

    def __init__(self, seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
        super().__init__()
        # TODO (task 1): null_label, label_embedding = nn.Embedding(n_classes + 1, label_dim), net, time_dim
        raise NotImplementedError("ConditionalDenoiser.__init__")

    def forward(self, x, t, labels):
        # TODO (task 1): net(cat([x, time embedding, label embedding], dim=1))
        raise NotImplementedError("ConditionalDenoiser.forward")


def drop_labels(labels, null_label, p, generator=None):
    # TODO (task 2): one coin per sample, torch.rand(B, generator=..., device=...) < p -> null_label
    raise NotImplementedError("drop_labels")


def cfg_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    # TODO (task 3): drop labels, draw t and noise if None, x_t, MSE of model(x_t, t, dropped) to the noise
    raise NotImplementedError("cfg_loss")


def guided_noise(model, x_t, t, labels, w):
    # TODO (task 4): eps_u + w * (eps_c - eps_u), labels as given, eps_u with model.null_label
    raise NotImplementedError("guided_noise")


def train_cfg(model, x0, labels, alpha_bar, steps=200, batch_size=64, lr=1e-3, p_uncond=0.1, generator=None):
    # TODO (task 5): Adam; each step a batch, cfg_loss, zero_grad, backward, step; return the losses
    raise NotImplementedError("train_cfg")
