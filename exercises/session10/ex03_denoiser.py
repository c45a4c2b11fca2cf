"""Session 10, exercise 3: a denoiser with a sinusoidal time embedding.

Genomics context
----------------
Diffusion models are used to design regulatory DNA (promoters, enhancers) with chosen properties, GC
content here. A diffusion model designs DNA by undoing noise. Exercise 1 wrote the forward process: a clean
sequence ``x0`` (one-hot DNA mapped to +-1) is noised in one jump to any step ``t`` of a chain of
``T`` steps. The model that goes back is a **denoiser**: given a noisy sequence ``xt`` and its step
``t``, it predicts the Gaussian noise that was added (DDPM, Ho et al. 2020). One network serves all
``T`` steps, so it must be told ``t``: at ``t = 0`` the input is almost clean DNA and the noise is a
small residue; at ``t = T - 1`` the input is almost pure noise and the best guess is the input itself.

The course guide feeds ``t / 1000`` to the network as one extra number. One number on a scale that
hardly moves between neighbouring steps is a weak signal. Diffusion models instead feed a
**sinusoidal embedding** of ``t`` (the positional encoding of Transformers): ``dim`` numbers, the sine
and cosine of ``t`` at ``dim / 2`` frequencies spread geometrically from 1 down to about 1/10000, so
that both nearby and distant steps get clearly different codes. The embedding is a fixed function
of ``t``: nothing in it is learned.

The denoiser is trained with the **noise-prediction loss**: draw a step ``t`` per sequence, noise
the sequence to ``xt``, and regress the noise: ``mean (model(xt, t) - noise)^2``.

Conventions (all fixed; the same in every exercise of this session)
-------------------------------------------------------------------
- Time steps are 0-based: a chain of ``T`` steps has ``t = 0, ..., T - 1``. ``betas[t]`` is the noise
  added at step ``t``; ``alphas = 1 - betas``; ``alpha_bar[t] = prod over s <= t of alphas[s]``;
  ``q(x_t | x_0) = N(sqrt(alpha_bar[t]) x_0, (1 - alpha_bar[t]) I)``.
- Schedules (``alpha_bar`` here) are float64 1-D tensors ``[T]``, built on the CPU; ``T`` is
  ``alpha_bar.shape[0]``. Where they meet data, the gathered values ``alpha_bar[t]`` are cast to the
  data's dtype and device and viewed as ``[B, 1, ..., 1]`` so they broadcast over every non-batch
  axis of the data: ONE value per sample. (A ``[B]`` tensor against ``[B, F]`` data broadcasts along
  the LAST axis instead, silently wrong when ``B == F``, an error otherwise.)
- ``t`` for a batch is an int64 tensor ``[B]``, one step per sample, on the data's device.
- Randomness: an optional ``generator=None`` argument (a ``torch.Generator``); with one, ALL random
  numbers come from it and torch's global random state is untouched; with ``None``, the global
  generator. Gaussian noise is drawn exactly as
  ``torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)`` (or
  ``torch.randn_like(x, generator=generator)``, the same numbers), so the graders can redraw it.
- DNA in model space: one-hot ``[n, 4, L]`` (rows A, C, G, T) from
  ``coursekit.data.session10.gc_labelled_dna(n, length, low, high, seed)`` is mapped to
  ``x0 = 2 * onehot - 1`` flattened to ``[n, 4 * L]``: ``seq_len = 4 * L`` (48 for ``L = 12``).
- The graders' chains: ``T = 100`` steps of the linear schedule from ``1e-3`` to ``0.2``
  (``betas = torch.linspace(1e-3, 0.2, 100, dtype=torch.float64)``, ``alpha_bar[99] = 2.0e-5``: it
  ends near pure noise), and generated schedules of 1 to 100 steps.

Data
----
The learning check trains on ``gc_labelled_dna(256, 12, seed=0)`` in model space (float32
``[256, 48]``) and evaluates on 200 other sequences (``seed=1``); other checks use a few sequences of
it, one-hot ``[B, 4, 12]`` as it is, and generated float32 and float64 tensors.

Task 1: ``sinusoidal_embedding(t, dim)``
----------------------------------------
``t``: int64 ``[B]`` (raw step indices ``0 <= t <= 999``, not ``t / T``); ``dim``: an even int >= 2.
Returns float32 ``[B, dim]`` on ``t``'s device::

    half = dim // 2
    freq[k] = exp(-ln(10000) * k / half)              for k = 0, ..., half - 1
    angle[b, k] = t[b] * freq[k]
    emb[b] = [sin(angle[b, 0]), ..., sin(angle[b, half-1]), cos(angle[b, 0]), ..., cos(angle[b, half-1])]

- the divisor is ``half`` (``freq[0] = 1``, ``freq[half-1] = 10000^(-(half-1)/half)``); NOT ``half - 1``
  (another common variant, which this course does not use). Written the Transformer way,
  ``freq[k] = 1 / 10000^(2k / dim)`` is the same number: ``t`` is DIVIDED by ``10000^(2k / dim)``,
  never multiplied by it;
- ALL the sines first, then ALL the cosines (``torch.cat([sin, cos], dim=1)``): not cos first, not
  interleaved ``sin, cos, sin, cos``;
- compute in float32 (``t.float()`` times the frequencies: an ``angle`` up to 999 in float32 is within
  about 6e-5 of the exact one, well within the tolerance), and create the frequencies on ``t``'s
  device (``torch.arange(half, device=t.device)``).
At ``t = 0`` the embedding is ``half`` zeros followed by ``half`` ones.

Task 2: ``DenoisingModel(seq_len=100, time_dim=32, hidden=512)``
----------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) keeping the guide's name and its three Linear
layers, fed the sinusoidal embedding in place of ``t / 1000``. Its one attribute holding
parameters::

    self.net = nn.Sequential(nn.Linear(seq_len + time_dim, hidden), nn.ReLU(),
                             nn.Linear(hidden, hidden), nn.ReLU(),
                             nn.Linear(hidden, seq_len))

``forward(x, t)``: ``x`` float ``[B, seq_len]``, ``t`` int64 ``[B]`` -> the predicted noise, float
``[B, seq_len]``: ``self.net`` applied to ``torch.cat([x, emb], dim=1)`` where ``emb =
sinusoidal_embedding(t, time_dim)`` cast to ``x``'s dtype: ``x`` first, the embedding AFTER it; each
sample gets the embedding of its own ``t``.

- the embedding is computed in ``forward`` (its frequencies may instead be kept as a buffer,
  ``self.register_buffer(...)``); it is never a parameter: no ``nn.Parameter``, no learned
  ``nn.Embedding``. The model's parameters are exactly those of the three Linear layers;
- ``DenoisingModel()`` has **382,052** parameters; in general ``(seq_len + time_dim) * hidden + hidden
  + hidden * hidden + hidden + hidden * seq_len + seq_len = hidden * (2 * seq_len + time_dim + hidden
  + 2) + seq_len`` (328,752 for ``DenoisingModel(48)``).

Task 3: ``noise_prediction_loss(model, x0, alpha_bar, t=None, noise=None, generator=None)``
------------------------------------------------------------------------------------------
``model``: any denoiser called as ``model(xt, t)`` returning a tensor shaped like ``xt`` (a
``DenoisingModel`` for ``[B, seq_len]`` data); ``x0``: float ``[B, ...]`` clean data, float32 or
float64, any number of non-batch axes; ``alpha_bar``: float64 ``[T]`` on the CPU or on ``x0``'s
device; ``t``: int64 ``[B]`` or ``None``; ``noise``: like ``x0`` or ``None``. In this order::

    if t is None:      t = torch.randint(0, T, (B,), generator=generator, device=x0.device)
    if noise is None:  noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype,
                                           device=x0.device)
    ab = alpha_bar[t], moved to x0's device and dtype, viewed as [B, 1, ..., 1]
    xt = sqrt(ab) * x0 + sqrt(1 - ab) * noise
    return F.mse_loss(model(xt, t), noise)

- ``t`` FIRST, then the noise, both from ``generator`` (the graders redraw them in this order from a
  generator of the same seed, or after the same global seed when ``generator`` is ``None``);
  ``t`` uniform over ``0, ..., T - 1`` (``randint``'s upper bound is exclusive): not ``1, ..., T``;
- index ``alpha_bar`` on ``x0``'s device: ``alpha_bar.to(x0.device)[t]`` (indexing a CPU tensor with
  CUDA indices fails; and not ``alpha_bar[t.cpu()]``: the device check runs on PyTorch's ``meta``
  device, whose tensors hold no data to copy to the CPU);
- one ``alpha_bar[t]`` per SAMPLE viewed as ``[B, 1, ..., 1]`` (for ``[B, 4, L]`` data: ``[B, 1, 1]``);
- the model is called ONCE, with ``xt`` (shaped like ``x0``, its dtype) and ``t`` itself;
- the target is the NOISE (not ``x0``); the loss is the mean over every element, a 0-d tensor of
  ``x0``'s dtype that carries gradients to the model's parameters.
Write the noising here (exercise 1 is another module).

Task 4: ``train_denoiser(model, x0, alpha_bar, steps=100, batch_size=128, lr=3e-3, generator=None)``
-------------------------------------------------------------------------------------------------
Trains ``model`` in place on ``x0`` (float ``[N, seq_len]``) and returns the list of the ``steps``
training losses (Python floats, ``loss.item()`` of each step, in order)::

    an Adam optimizer over model.parameters() with learning rate lr
    for each of the `steps` steps:
        draw batch_size row indices of x0 at random (with the generator)
        loss = noise_prediction_loss(model, x0[rows], alpha_bar, generator=generator)
        zero the gradients; loss.backward(); one optimizer step

- the rows may be drawn with replacement (``torch.randint(0, N, (batch_size,), generator=generator,
  device=x0.device)``) or as slices of a ``torch.randperm(N, generator=generator, ...)``: your choice;
  every random number comes from ``generator``, in any order (the graders do not redraw them);
- the defaults are part of the interface: ``steps=100``, ``batch_size=128``, ``lr=3e-3`` (a sweep
  found them; the graders call ``train_denoiser`` without them). On this machine 100 steps of a
  ``DenoisingModel(48, hidden=128)`` take well under a second.

What the graders check
----------------------
"Trusted" values are computed by the graders in float64: the embedding number by number with
Python's ``math``, the model's output through its own Linear layers, the noising and the loss from
the graders' own ``t`` and noise. Comparisons: the embedding within 5e-4 (absolute); float32 within
rtol 1e-4, atol 1e-5; float64 within rtol 1e-9, atol 1e-12. Generated cases come from hypothesis
(deterministic). The graders' recording denoiser stores every ``(xt, t)`` it is called with and
returns ``w * xt + t / 100`` (``w`` a parameter shaped like one sample).

- ``time_embedding``: ``sinusoidal_embedding`` is float32 ``[B, dim]`` equal to the closed form for
  ``t = [0]``, ``dim = 8``; ``t = [0, 1, 2, 7, 50, 98, 99]``, ``dim = 32``; ``t = [0, 3, 99, 500, 999]``
  with ``dim`` 2, 4 and 128; then 40 generated cases (batch 1-8, ``dim`` even 2-64, ``t`` in 0-999).
  ``DenoisingModel(48, time_dim=d, hidden=64)`` for ``d`` 8, 32 and 64 has the layers of task 2 and no
  parameter outside them (no learned embedding, no parameter frequencies). This rejects cos before
  sin, interleaving, ``half - 1`` and other frequency mistakes;
- ``param_count``: ``DenoisingModel()`` has exactly 382,052 parameters; ``DenoisingModel(48)``
  328,752; ``DenoisingModel(48, time_dim=16, hidden=64)`` 11,440;
  ``DenoisingModel(seq_len=20, time_dim=8, hidden=32)`` 2,644;
- ``uses_time``: with ``DenoisingModel(48, time_dim=32, hidden=64)`` (built after
  ``torch.manual_seed(0)``) on 6 DNA sequences ``x`` float32 ``[6, 48]``: the output is float32
  ``[6, 48]`` and changes with ``t`` (``t = 0`` for all vs ``t = 60`` for all: some output moves by more
  than 1e-3); a batch with ``t = [0, 99, 5, 50, 20, 1]`` equals each sample run alone; its ``net`` is
  ``nn.Sequential(Linear(80, 64), ReLU, Linear(64, 64), ReLU, Linear(64, 48))`` (Linear with biases)
  and the output equals those layers applied by the graders to ``[x, closed-form embedding of t]``.
  This rejects a model that ignores ``t`` and the guide's ``t / 1000`` input;
- ``noise_loss``: with the recording denoiser, ``noise_prediction_loss`` returns a 0-d tensor of
  ``x0``'s dtype that requires grad, calls the model once with the graders' ``t`` (int64 ``[B]``) and
  ``xt`` (shaped like ``x0``, its dtype) and equals the graders' loss: on 5 DNA sequences ``[5, 48]``
  with ``t = [0, 99, 50, 1, 7]`` and noise given; on one-hot ``[3, 4, 12]`` (``*2 - 1``) with ``t``
  given and the noise drawn from a generator; on ``[6, 6]`` (a batch as long as a sample) with ``t``
  given; with neither ``t`` nor noise given and a generator (float32 and float64); with only the
  defaults after ``torch.manual_seed(5)`` (the global generator, ``t`` first); then 30 generated cases
  (batch 1-6, a sample ``[F]`` with F 1-8 or ``[C, L]`` with C 1-4, L 1-6, float32 or float64, random
  schedules of 1-100 steps, ``t`` and noise each given or drawn, a generator). With a generator,
  torch's global random state is the same before and after, and the loss is the same under two
  global seeds. This rejects a loss against ``x0``, ``t`` drawn in ``1..T``, noise from the global
  generator and one ``alpha_bar`` broadcast along the last axis;
- ``learns``: on the linear schedule of 100 steps, ``DenoisingModel(48, hidden=128)`` (built after
  ``torch.manual_seed(0)``) is trained by ``train_denoiser(model, x0, alpha_bar,
  generator=torch.Generator().manual_seed(0))`` with its DEFAULT ``steps``, ``batch_size`` and ``lr``
  on the 256 sequences of ``gc_labelled_dna(256, 12, seed=0)`` in model space. It takes exactly 100
  optimizer steps, all of a ``torch.optim.Adam`` with lr 3e-3 (recorded by a global optimizer step
  hook), every call of the model gets a batch ``[128, 48]``, it returns a list of 100 Python floats
  and leaves torch's global random state untouched. The graders' evaluation loss
  (200 held-out sequences of ``seed=1``, each ``t = 0..99`` twice, fixed noise: the mean of
  ``(model(xt, t) - noise)^2`` with the graders' ``xt``) must fall by at least **3.0x** (it starts
  near 1.0). The reference over 20 seeds (data, initialisation, training, evaluation): 3.50x-3.74x
  (3.63x with the graders' seeds); the bar 3.0x. What wrong solutions give (10 seeds): a model that
  ignores ``t`` 2.70x-2.88x, the guide's ``t / 1000`` input 2.67x-2.86x, ``lr=1e-3`` 2.49x-2.63x,
  ``steps=50`` 2.56x-2.70x, a loss against ``x0`` below 1x (0.89x): telling the denoiser ``t`` well
  is what the bar measures;
- ``follows_device``: a ``DenoisingModel(48, hidden=32)``, ``sinusoidal_embedding`` of ``t`` made on the
  input's device, and ``noise_prediction_loss`` (``alpha_bar`` built on the CPU; once with ``t`` and
  noise given, once drawing both from the global generator) all follow ``.to(device)`` (checked on
  the ``meta`` device, train and eval mode): create the frequencies, ``t`` and the noise with
  ``device=...``;
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same model, embedding and loss (``t``
  and noise given, ``alpha_bar`` on the CPU) give the same numbers on CPU and CUDA, in full float32.
"""
import math  # noqa: F401

import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
from torch import nn


def sinusoidal_embedding(t, dim):
    # TODO (task 1): float32 [B, dim]: sin of t * freq for the half frequencies, then cos; on t's device
    raise NotImplementedError("sinusoidal_embedding")


class DenoisingModel(nn.Module):
    """Predicts the noise in xt: [B, seq_len] and t int64 [B] -> [B, seq_len]."""

    def __init__(self, seq_len=100, time_dim=32, hidden=512):
        super().__init__()
        # TODO (task 2): self.net = nn.Sequential(Linear(seq_len + time_dim, hidden), ReLU, ..., Linear)
        raise NotImplementedError("DenoisingModel.__init__")

    def forward(self, x, t):
        # TODO (task 2): self.net on [x, sinusoidal_embedding(t, time_dim)] concatenated along dim 1
        raise NotImplementedError("DenoisingModel.forward")


def noise_prediction_loss(model, x0, alpha_bar, t=None, noise=None, generator=None):
    # TODO (task 3): draw t, then noise (where None); xt = sqrt(ab) x0 + sqrt(1 - ab) noise; MSE to the noise
    raise NotImplementedError("noise_prediction_loss")


def train_denoiser(model, x0, alpha_bar, steps=100, batch_size=128, lr=3e-3, generator=None):
    # TODO (task 4): Adam; each step a random batch, noise_prediction_loss, backward, step; the list of losses
    raise NotImplementedError("train_denoiser")
