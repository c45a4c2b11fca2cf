"""Session 10, exercise 1: forward diffusion: noising in one step, one t per sample.

Genomics context
----------------
Diffusion models design DNA (promoters, enhancers of a chosen activity or GC content) by learning to
UNDO noise. Training needs the opposite direction first, the **forward process**: a clean sequence
``x0`` is destroyed step by step by Gaussian noise, ``T`` small steps that end in (almost) pure noise.
The model is then trained to predict the noise that was added, at every noise level.

Step ``t`` adds noise of variance ``betas[t]`` and shrinks the signal by ``sqrt(1 - betas[t])``.
Chaining the steps, the noise adds up to a closed form: with ``alphas = 1 - betas`` and
``alpha_bar[t] = alphas[0] * alphas[1] * ... * alphas[t]`` (the running product)::

    q(x_t | x_0) = N( sqrt(alpha_bar[t]) * x_0,  (1 - alpha_bar[t]) * I )
    x_t = sqrt(alpha_bar[t]) * x_0 + sqrt(1 - alpha_bar[t]) * eps,    eps ~ N(0, I)

so a training step jumps to ANY noise level in ONE step, without running the chain. A training
batch holds sequences at DIFFERENT noise levels: every sample ``i`` gets its own step ``t[i]``, and
must be noised with ``alpha_bar[t[i]]``, its own level, not its neighbour's. That is the point of
this exercise, and where the course guide's code goes wrong (see Task 2).

Conventions (all fixed)
-----------------------
- Time steps are 0-based: a chain of ``T`` steps has ``t = 0, ..., T - 1``; ``betas[t]`` is the
  noise added at step ``t``; ``alpha_bar[0] = 1 - betas[0]`` (one step of noise already).
- Schedules (``betas``, ``alphas``, ``alpha_bar``) are float64 1-D tensors ``[T]``. Where they meet
  data, the gathered values are cast to the data's dtype and device and viewed as ``[B, 1, ..., 1]``
  so they broadcast over every non-batch axis of the sample they belong to.
- ``t`` for a batch is an int64 tensor ``[B]``, one step per sample.
- Randomness: an optional ``generator=None`` argument (a ``torch.Generator``). With one, ALL random
  numbers come from it and torch's global random state is untouched; with ``None``, torch's global
  generator is used. A generator lives on one device: pass one made for the data's device (the
  graders use CPU tensors).
- Gaussian noise is drawn in ONE call, exactly as
  ``torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)`` (the graders
  redraw it from the same seed: ``dtype`` matters, float64 draws differ from float32 ones).
  ``torch.randn_like(x0, generator=generator)`` draws the same numbers and is fine too.
- Everything runs on any device, including PyTorch's ``meta`` device (tensors with shapes but no
  values) on which the graders run your function: no ``.item()``, ``.tolist()``, ``float()``,
  ``.cpu()`` or ``.numpy()`` on tensors, and gather the steps of the whole batch at once
  (``schedule[t]``): indexing with one element ``t[i]`` calls ``.item()``.

Data
----
DNA in model space: ``coursekit.data.session10.gc_labelled_dna(n, length, low, high, seed)`` returns
``(onehot, labels)``, one-hot sequences float32 ``[n, 4, L]`` (rows A, C, G, T) and their GC class
(int64 ``[n]``, not used here); a diffusion model works on
``x0 = 2 * onehot - 1`` (values -1 and 1), either in that layout ``[n, 4, L]`` or flattened to
``[n, 4 * L]`` (48 numbers for ``L = 12``). The graders use such sequences (``L`` = 3 or 12), and
generated Gaussian tensors, float32 and float64, of shapes ``[B, F]``, ``[B, 4, L]`` and
``[B, C1, C2, C3]``.

Task 1: ``linear_alpha_bar(num_timesteps=1000, beta_start=1e-4, beta_end=0.02)``
------------------------------------------------------------------------------
Returns ``alpha_bar``, a float64 tensor ``[num_timesteps]`` (``num_timesteps >= 2``), for betas on a
straight line from ``beta_start`` to ``beta_end`` (both included): the schedule of the course guide::

    betas     = torch.linspace(beta_start, beta_end, num_timesteps, dtype=torch.float64)
    alpha_bar = the running product of alphas = 1 - betas   (torch.cumprod over dim 0)

- computed in float64 FROM THE START: the guide's float32 ``linspace`` and ``cumprod`` cast to
  float64 afterwards are off by 2e-7 (relative) already, more for longer chains;
- the running product, not the ``alphas`` themselves: ``alpha_bar[t]`` is how much of the signal
  survives ALL steps ``0..t``, ``alphas[t]`` only one of them;
- the defaults are the DDPM paper's 1000 steps (``alpha_bar[999] = 4.04e-5``). Short chains scale
  the ends by ``1000 / T``: for 100 steps the graders pass ``linear_alpha_bar(100, 1e-3, 0.2)``
  (``alpha_bar[99] = 2.0e-5``: pure noise at the end, which is where sampling starts). The guide's
  ends over 100 steps, ``linear_alpha_bar(100)``, leave ``alpha_bar[99] = 0.36``: the last step
  still keeps 60% of the signal (``sqrt(0.36)``), and a sampler that starts from pure noise starts
  from something the model never saw.

Task 2: ``forward_diffusion(x0, t, noise_schedule, noise=None, generator=None)`` -> ``(xt, noise)``
-------------------------------------------------------------------------------------------------
- ``x0``: float tensor ``[B, ...]`` (float32 or float64) with one or more axes after the batch:
  ``[B, F]``, ``[B, 4, L]``, ...;
- ``t``: int64 ``[B]`` on ``x0``'s device, ``0 <= t[i] < T``: sample ``i``'s step;
- ``noise_schedule``: ``alpha_bar``, a float tensor ``[T]`` (float64 from ``linear_alpha_bar``; a
  float32 one must work too), on ``x0``'s device OR on the CPU;
- ``noise``: ``None`` or a tensor of ``x0``'s shape, dtype and device;
- returns the tuple ``(xt, noise)``: ``xt`` of ``x0``'s shape and dtype, for every sample ``i``::

      xt[i] = sqrt(alpha_bar[t[i]]) * x0[i] + sqrt(1 - alpha_bar[t[i]]) * noise[i]

  and the noise used: the one given (as it is: its values unchanged, not redrawn), or, when ``noise`` is
  ``None``, noise drawn as ``torch.randn(x0.shape, generator=generator, dtype=x0.dtype,
  device=x0.device)`` (one call, before anything else is drawn; nothing else is random).

How to get each sample's ``alpha_bar``:

1. move the schedule to ``x0``'s device (``noise_schedule.to(x0.device)``, nothing happens when it
   is there already): a schedule made on the CPU indexed by ``t`` on a GPU fails;
2. gather with the whole ``t``: ``[B]`` values, one per sample; cast them to ``x0.dtype`` (a float64
   schedule times float32 data would give float64 ``xt``);
3. view them as ``[B, 1, ..., 1]``, ``B`` followed by ``x0.dim() - 1`` ones (``[B, 1]`` for
   ``[B, F]``, ``[B, 1, 1]`` for ``[B, 4, L]``), then take the square roots of ``alpha_bar`` and of
   ``1 - alpha_bar``.

The course guide's version::

    def forward_diffusion(x0, t, noise_schedule):
        noise = torch.randn_like(x0)
        alpha_bar = noise_schedule[t]
        xt = torch.sqrt(alpha_bar) * x0 + torch.sqrt(1 - alpha_bar) * noise
        return xt, noise

is right for ONE step ``t`` (a number), and wrong for a batch: ``noise_schedule[t]`` of shape ``[B]``
lines up with ``x0``'s LAST axis, not the batch (broadcasting matches axes from the right). With
``x0 [B, F]`` it fails when ``B != F``, and when ``B == F`` (or ``x0 [3, 4, 3]``) it runs without
an error and noises coordinate ``j`` of every sample with ``alpha_bar[t[j]]``. Its noise also
ignores any generator (torch's global one), and its ``xt`` is float64 for float32 data with a
float64 schedule. Other mistakes the graders reject: ``(1 - alpha_bar) * noise`` (the variance
used as a standard deviation), ``alpha_bar * x0`` (no square root), one ``alpha_bar[t[0]]`` for the
whole batch, fresh noise when ``noise`` is given, noise made without ``device=``.

What the graders check
----------------------
Trusted values are computed by the graders in float64: the schedule as a loop over Python floats
(``beta_s = beta_start + (beta_end - beta_start) * s / (T - 1)``, the product carried along), and
``xt`` one sample at a time from ``a = alpha_bar[t[i]]`` as a Python float:
``sqrt(a) * x0[i] + sqrt(1 - a) * noise[i]``. ``xt`` is compared at rtol 1e-9, atol 1e-12 when the
data and the schedule are both float64, else at rtol 1e-5, atol 1e-6. "The short chain" is
``linear_alpha_bar(100, 1e-3, 0.2)`` (computed by the graders; no check calls your
``linear_alpha_bar`` but the first); "the cosine schedule" of ``T`` steps is
``alpha_bar[t] = f(t + 1) / f(0)`` with ``f(u) = cos((u / T + 0.008) / 1.008 * pi / 2) ** 2``.
Generated cases come from hypothesis (deterministic).

- ``linear_alpha_bar``: ``linear_alpha_bar()`` (the defaults) is float64 ``[1000]`` equal to the
  graders' product at rtol 1e-9, atol 1e-15; so are ``linear_alpha_bar(100, 1e-3, 0.2)``,
  ``linear_alpha_bar(num_timesteps=50, beta_start=0.01, beta_end=0.05)`` and 20 generated cases
  (``T`` 2-300, ``beta_start`` 1e-5-0.05, ``beta_end`` 0.05-0.5). Exact computations (``cumprod``,
  ``exp(cumsum(log1p(-betas)))``, a Python loop) agree within 1e-13 (relative); the float32
  computation cast to float64 is off by 2e-7 to 2e-2, the alphas ``1 - betas`` by 1e-4 at ``t = 1``;
- ``matches_formula``: ``forward_diffusion(x0, t, schedule, noise)`` on 4 DNA sequences float32
  ``[4, 48]`` with ``t = [0, 99, 10, 50]`` and the short chain; on float64 ``[3, 4, 12]`` with
  ``t = [5, 0, 99]`` and the cosine schedule of 100 steps; then 40 generated cases (batch 1-6, one
  sample ``[F]`` with F 1-8, ``[4, L]`` with L 1-6 or ``[C1, C2, C3]`` with each 1-3; ``T`` 1-100;
  a linear (``0.1 / T`` to ``min(20 / T, 0.999)``) or cosine schedule, float64 or float32; data
  float32 or float64; mixed steps drawn in ``0..T-1``; ``x0`` and ``noise`` standard normal): a
  pair ``(xt, noise)`` of tensors of ``x0``'s shape and dtype, ``noise`` equal to the one given,
  ``x0`` unchanged, ``xt`` equal to the graders' per-sample computation;
- ``one_t_per_sample``: with given noise and the short chain, ``xt`` equals the graders' per-sample
  computation (rtol 1e-5, atol 1e-6) on DNA ``[3, 4, 3]`` (B equal to the last axis) with
  ``t = [0, 40, 99]``; on ``[4, 4]`` with ``t = [99, 0, 30, 70]``; on DNA ``[6, 48]`` with
  ``t = [0, 99, 20, 5, 60, 30]``, and on the same six samples in another order with their steps;
  on one sample ``[1, 48]`` with ``t = [57]``. A ``[B]`` alpha_bar left unreshaped, or one step for
  the whole batch, is named in the message;
- ``seeded_noise``: ``forward_diffusion(x0, t, short chain, generator=torch.Generator().
  manual_seed(s))`` without ``noise``, on DNA float32 ``[5, 48]`` (``t = [0, 10, 30, 60, 99]``,
  s = 13) and float64 ``[3, 4, 12]`` (``t = [99, 1, 50]``, s = 15): the returned noise is exactly
  ``torch.randn(x0.shape, generator=torch.Generator().manual_seed(s), dtype=x0.dtype)``, ``xt`` is
  made with it, and, run after two different global seeds (1 and 2), the call leaves torch's
  global random state (``torch.get_rng_state()``) as it was and gives the same ``xt`` and noise
  both times. Without a generator, after ``torch.manual_seed(7)``, on ``[4, 48]``: the noise is
  ``torch.randn(4, 48)`` drawn after the same seed;
- ``marginal_moments``: one sequence ``x`` of ``gc_labelled_dna(1, 12, seed=17)`` flattened
  (``[48]``, values -1 and 1) noised N = 2000 times at each of ``t = 0, 10, 30, 99`` (one call: x0
  ``[8000, 48]``, ``t [8000]``, the short chain, ``generator=torch.Generator().manual_seed(18)``).
  For every step and each of the 48 coordinates, the mean of ``xt`` is within 5 standard errors
  of ``sqrt(alpha_bar[t]) * x`` (SE ``sqrt((1 - alpha_bar[t]) / N)``) and its variance (unbiased,
  ``var(0)``) within 5 standard errors of ``1 - alpha_bar[t]`` (SE ``sqrt(2 / (N - 1)) *
  (1 - alpha_bar[t])``, Gaussian data): 384 comparisons. The reference over 220 seeds (sequence
  and generator): the largest of the 384 deviations was 2.4-4.5 standard errors (median 3.1;
  3.2 at the graders' seeds); bar 5. Wrong solutions: noise scaled by ``1 - alpha_bar`` (variance
  1e-6 instead of 1e-3 at ``t = 0``): 31.6 standard errors; ``alpha_bar * x0``: 15 or more (the
  mean at ``t = 30``); one step for the whole batch: 44;
- ``follows_device``: in a module that holds the short chain as a buffer, on the ``meta`` device
  (train and eval mode), with ``x`` DNA ``[5, 4, 12]`` and ``t`` made on ``x``'s device:
  ``forward_diffusion(x, t, buffer)`` (noise drawn, no generator) and ``forward_diffusion(x, t,
  cosine schedule made on the CPU, noise given)`` return tensors on ``meta`` (noise made without
  ``device=``, a schedule not moved to ``x0``'s device, or anything copied to the CPU fails); the
  same module runs on the CPU first;
- ``cuda_parity`` (0 points; runs only where a GPU exists): with given noise, ``xt`` from a schedule
  buffer moved to the GPU and from a schedule left on the CPU is the same on CPU and CUDA for DNA
  ``[8, 4, 12]`` (rtol 1e-4, atol 1e-5).

Nothing here is trained; the only statistical bar is ``marginal_moments``'s (with its sweep above).
"""
import torch  # noqa: F401


def linear_alpha_bar(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    # TODO (task 1): float64 betas on a straight line, then the running product of 1 - betas
    raise NotImplementedError("linear_alpha_bar")


def forward_diffusion(x0, t, noise_schedule, noise=None, generator=None):
    # TODO (task 2): noise (given or drawn), each sample's alpha_bar viewed as [B, 1, ..., 1], xt
    raise NotImplementedError("forward_diffusion")
