"""Session 10, exercise 4: ancestral sampling, checked with an oracle denoiser.

Genomics context
----------------
A diffusion model designs DNA by running a noising process backwards. The forward process
(exercise 1) blurs a one-hot sequence, step by step, into Gaussian noise; a denoiser (exercise 3)
learns to predict the noise that was added. **Ancestral sampling** (Ho et al. 2020, DDPM) starts
from pure noise and applies the reverse step ``T`` times, from the noisiest step down to the
clean one, each step removing the predicted noise and adding back a little fresh noise. The
design is only as good as that loop: a wrong coefficient or a wrong variance gives sequences of
the wrong composition even with a perfect denoiser, and nothing in a training loss shows it.

This exercise writes the process and the sampler, and the graders check them with an **oracle**:
if the "data" is always one point ``c`` (one sequence), the noise in ``x_t`` is known exactly,
``eps = (x_t - sqrt(alpha_bar[t]) c) / sqrt(1 - alpha_bar[t])``, so a denoiser that returns it is
perfect, and a correct reverse step must then turn draws of ``q(x_t | c)`` into draws of
``q(x_(t-1) | c)`` exactly, and the chain must end at ``c``.

Conventions (the whole session)
-------------------------------
- Time steps are 0-based: a chain of ``T`` steps has ``t = 0, ..., T-1``. ``betas[t]`` is the
  noise added at step ``t``; ``alphas = 1 - betas``; ``alpha_bar[t] = prod over s <= t of
  alphas[s]``; ``q(x_t | x_0) = N(sqrt(alpha_bar[t]) x_0, (1 - alpha_bar[t]) I)``. Going back, the
  step at ``t`` turns ``x_t`` into ``x_(t-1)``, and the step at ``t = 0`` returns the final sample.
  ``alpha_bar_prev[t] = alpha_bar[t-1]``, with ``alpha_bar_prev[0] = 1``.
- Schedules are float64 1-D tensors ``[T]``, kept on the CPU where they were built. Where they meet
  data, the values used are moved to the data's device and cast to its dtype; for a batch with one
  step per sample (``t`` an int64 tensor ``[B]``) the gathered values are viewed as ``[B, 1, ...,
  1]`` so that they broadcast over every non-batch axis (a ``[B]`` tensor would broadcast along the
  LAST axis instead). Move the schedule before indexing: ``self.alpha_bar.to(x0.device)[t]``, not
  ``self.alpha_bar[t.cpu()]`` (the device check runs on the ``meta`` device, where nothing can be
  copied back to the CPU).
- Randomness: an optional ``generator=None`` argument (a ``torch.Generator``); with one, ALL random
  numbers come from it and torch's global random state is untouched; with ``None``, the global
  generator. Gaussian noise for data ``x`` is drawn in ONE call, exactly::

      torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)

  (``torch.randn_like(x, generator=generator)`` draws the same numbers): the graders redraw it
  from a generator of the same seed, so the dtype matters (float64 draws differ from float32 ones).
- DNA in model space: one-hot ``[n, 4, L]`` (rows A, C, G, T) mapped to ``x0 = 2 * onehot - 1``
  and flattened to ``[n, 4 * L]`` (48 values for ``L = 12``), every value -1 or 1.
- A denoiser ("model") is an ``nn.Module`` called as ``model(x_t, t_batch)`` with ``x_t`` ``[B, ...]``
  and ``t_batch`` an int64 tensor ``[B]`` on ``x_t``'s device; it returns its noise prediction,
  shaped and typed like ``x_t``.

Task 1: ``DiffusionProcess(num_timesteps=1000, betas=None)``
------------------------------------------------------------
A plain class (not an ``nn.Module``). ``betas=None``: the DDPM linear schedule with its ends
rescaled to ``T = num_timesteps`` steps, so that a short chain still ends near pure noise::

    betas = torch.linspace(1e-4 * 1000 / T, 0.02 * 1000 / T, T, dtype=torch.float64)

(``T = 1000``: 1e-4 to 0.02, the paper's values; ``T = 100``: 1e-3 to 0.2, and ``alpha_bar[99] =
2.0e-5``. The unscaled 1e-4..0.02 over 100 steps leaves ``alpha_bar[99] = 0.36``: the chain would
start from noise that the forward process never reaches. The rescaled default suits ``T >= 50``;
below ``T = 20`` its last beta reaches 1: pass your own betas there.) ``betas`` given: a float64
tensor ``[T]``, used as it is (the graders always pass ``num_timesteps=len(betas)`` with it).
Attributes, all float64 ``[T]`` computed in float64 (the graders compare at rtol 1e-9)::

    self.num_timesteps        T (an int)
    self.betas                [T]
    self.alphas               1 - betas
    self.alpha_bar            the cumulative product of alphas (torch.cumprod)
    self.alpha_bar_prev       1 followed by alpha_bar[:-1]
    self.posterior_variance   betas * (1 - alpha_bar_prev) / (1 - alpha_bar)   ("beta tilde")

``posterior_variance[t]`` is the variance of the true posterior ``q(x_(t-1) | x_t, x_0)``; it is
exactly 0 at ``t = 0`` (``alpha_bar_prev[0] = 1``) and close to ``betas[t]`` at large ``t``.

Task 2: ``q_sample(self, x0, t, noise=None, generator=None)``
-------------------------------------------------------------
``x0``: float ``[B, ...]`` (``[B, D]`` or ``[B, 4, L]``); ``t``: int64 ``[B]``, one step per sample.
Returns ``x_t = sqrt(alpha_bar[t]) * x0 + sqrt(1 - alpha_bar[t]) * noise``, shaped and typed like
``x0`` on its device, with the values of each sample's own step viewed as ``[B, 1, ..., 1]``.
``noise=None``: drawn as the conventions say (from ``generator``).

Task 3: ``p_sample(self, model, x_t, t, generator=None)``: ONE reverse step
----------------------------------------------------------------------------
``t``: a Python int, the same step for the whole batch; ``x_t`` float ``[B, ...]``. Under
``torch.no_grad()`` (a decorator or a ``with`` block)::

    t_batch = torch.full((B,), t, dtype=torch.long, device=x_t.device)   # the 0-based t itself
    eps = model(x_t, t_batch)
    mean = (x_t - betas[t] / sqrt(1 - alpha_bar[t]) * eps) / sqrt(alphas[t])
    t > 0:  return mean + sqrt(posterior_variance[t]) * z      # z: ONE draw like x_t (conventions)
    t == 0: return mean                                        # no noise, nothing drawn

with the schedule values cast to ``x_t``'s dtype and device; returns ``x_(t-1)`` shaped and typed
like ``x_t``. Mind which is which: ``alpha_bar[t]`` (cumulative) under the square root next to
``eps``, ``alphas[t]`` (this step's) in the division. The mean may equally be computed through the
predicted clean data, ``x0_hat = (x_t - sqrt(1 - alpha_bar[t]) eps) / sqrt(alpha_bar[t])`` and
``mean = coef1 x0_hat + coef2 x_t`` with ``coef1 = betas[t] sqrt(alpha_bar_prev[t]) / (1 -
alpha_bar[t])``, ``coef2 = (1 - alpha_bar_prev[t]) sqrt(alphas[t]) / (1 - alpha_bar[t])`` (the same
in exact arithmetic; do not clip ``x0_hat``).

Why the posterior variance (``beta tilde``) and not ``betas[t]`` (DDPM's other choice): with the
oracle for ``c``, ``mean = coef1 c + coef2 x_t``. If ``x_t ~ N(sqrt(alpha_bar[t]) c, (1 -
alpha_bar[t]) I)``, the mean has expectation ``sqrt(alpha_bar_prev[t]) c`` and variance ``coef2^2
(1 - alpha_bar[t]) = alphas[t] (1 - alpha_bar_prev[t])^2 / (1 - alpha_bar[t])``; adding independent
noise of variance ``v`` gives exactly ``q(x_(t-1) | c) = N(sqrt(alpha_bar_prev[t]) c, (1 -
alpha_bar_prev[t]) I)`` if and only if ``v = betas[t] (1 - alpha_bar_prev[t]) / (1 - alpha_bar[t])``.
With ``v = betas[t]`` the step adds too much noise, most at small ``t`` (linear schedule, ``T =
100``, ``t = 1``: ``betas[1] = 3.0e-3`` against ``beta tilde[1] = 7.5e-4``, for a target variance
of 1.0e-3). The noise is ``sqrt(v) * z``: the standard deviation is the square root of the variance.

Task 4: ``sample(self, model, shape, generator=None, device=None)``
-------------------------------------------------------------------
Under ``torch.no_grad()``: puts ``model`` in eval mode, draws ``x = torch.randn(shape,
generator=generator, device=device)`` (float32; ``device=None``: torch's default device, the CPU),
then ``x = self.p_sample(model, x, t, generator)`` for ``t = T-1, T-2, ..., 0`` (each once, in that
order), puts the model back in the mode it was in (``model.train(was_training)``) and returns
``x`` (shape ``shape``). The random numbers of a call, in order: ``x_T`` first, then one ``z`` per
step ``t = T-1, ..., 1`` (none at ``t = 0``), all from ``generator`` when one is given.

Data
----
The points ``c`` are DNA from ``coursekit.data.session10.gc_labelled_dna(n, length, seed=...)``
mapped to ``2 * onehot - 1`` and flattened (``[48]`` for 12 bases, ``[8]`` for 2), and one vector of
10 values drawn from ``N(0, 4)``. Nothing is trained.

What the graders check
----------------------
"Trusted" values are the graders' own, in float64: the schedules built one Python float at a time
(a loop for the cumulative product), the reverse step's mean from the formula above, noise redrawn
from a generator of the same seed. Comparisons use rtol 1e-4, atol 1e-5 for float32 data and rtol
1e-9, atol 1e-12 for float64 (schedules are always float64). Schedules used: the default, ``T =
100`` (1e-3..0.2), the cosine schedule of Nichol and Dhariwal with ``T = 50`` (``s = 0.008``, betas
clipped at 0.999), a linear schedule 1e-3..0.3 with ``T = 25`` (and ``T = 6``), and random betas.
The graders' denoisers (all but the recording one) have no parameters: the **oracle** for ``c``
returns ``(x_t - sqrt(alpha_bar[t]) c) / sqrt(1 - alpha_bar[t])``; a second one returns the same
with ``tanh(1.5 x_t)`` in place of ``c``. Both check that they get ``t_batch`` as an int64 ``[B]``
tensor on ``x_t``'s device with every value in ``0..T-1`` (a model fed ``t + 1`` fails there).

- ``process_schedule``: ``DiffusionProcess()`` (``T = 1000``, betas 1e-4..0.02),
  ``DiffusionProcess(100)`` (1e-3..0.2) and ``DiffusionProcess(num_timesteps=50, betas=<cosine>)``,
  then 15 generated cases (``T`` from 1 to 40, betas ``1e-4 + 0.5 u`` with ``u`` uniform in [0, 1)):
  ``num_timesteps == T``, every attribute a float64 tensor ``[T]`` equal to the trusted one (rtol
  1e-9), ``alpha_bar_prev[0]`` exactly 1 and ``posterior_variance[0]`` exactly 0. ``DiffusionProcess(100)
  .q_sample(x0, t, noise)`` with given noise on float32 ``[5, 4, 12]`` DNA (``t = [0, 99, 7, 42,
  63]``) and on float64 ``[6, 6]`` (``t = [5, 0, 99, 50, 20, 77]``: a ``[B]`` broadcast along the
  last axis gives wrong values there) equals ``sqrt(alpha_bar[t_i]) x0_i + sqrt(1 - alpha_bar[t_i])
  noise_i`` for each sample ``i``, shaped and typed like ``x0``.
- ``p_sample_marginals``: ``c`` of 8 values (2 bases of DNA, each -1 or 1); for the linear schedule
  ``T = 100`` at ``t = 1, 10, 50, 99`` and the cosine schedule ``T = 50`` at ``t = 1, 25, 49``: the
  graders draw 20,000 ``x_t ~ q(x_t | c)`` (float32 ``[20000, 8]``) and call ``p_sample(oracle, x_t,
  t, generator=...)``; the output (float32 ``[20000, 8]``, finite) must have, in every coordinate, a
  mean within 5 standard errors of ``sqrt(alpha_bar_prev[t]) c`` (standard error ``sqrt((1 -
  alpha_bar_prev[t]) / 20000)``) and a variance within 5 standard errors of ``1 -
  alpha_bar_prev[t]`` (standard error ``(1 - alpha_bar_prev[t]) sqrt(2 / 19999)``). The reference
  over 20 seeds (of ``c`` and the draws): at most 3.4 standard errors off; the variance ``betas[t]``:
  227-233, the variance used as the standard deviation: 75, ``alphas`` for ``alpha_bar`` in the
  noise coefficient: 42-44; bar 5.
- ``chain_ends_at_c``: ``DiffusionProcess(100).sample(oracle for c, (8, 48), generator=...)`` for 3
  DNA points ``c`` (12 bases) and the cosine process (``T = 50``) for ``c`` of 10 values from ``N(0,
  4)`` with ``(8, 10)``: float32 of the given shape, every value within 1e-4 of ``c`` (the exact
  denoiser makes the last mean ``c`` itself). The reference over 20 seeds: at most 5e-7 from ``c``;
  noise added at ``t = 0`` too (with ``beta tilde[1]``): 0.08-0.13; bar 1e-4. Then ``p_sample(a
  denoiser, x_t, 0, generator)`` on float32 ``[6, 48]`` (``T = 100``) and float64 ``[4, 10]``
  (cosine): the same output with two different generators (no noise at ``t = 0``), equal to the
  trusted mean.
- ``reverse_order_no_grad``: with ``T = 25`` and a recording denoiser (one parameter) in train mode,
  ``sample(model, (3, 8), generator=...)`` called with gradients enabled calls the model 25 times,
  with ``t_batch`` int64 ``[3]`` on the CPU holding ``t = 24, 23, ..., 0`` in that order, always with
  ``torch.is_grad_enabled()`` False and the model in eval mode; returns float32 ``[3, 8]`` that
  requires no gradient; the model is back in train mode afterwards (and a model in eval mode stays
  in eval mode). ``p_sample(model, x_t [3, 8], 4, generator)`` called with gradients enabled: one
  call with ``t = 4`` and gradients off, an output that requires no gradient.
- ``seeded_sampling``: ``DiffusionProcess(100).p_sample(denoiser, x_t float32 [5, 8], 7,
  generator=torch.Generator().manual_seed(11))`` equals the trusted mean plus ``sqrt(beta tilde[7])
  z`` with ``z = torch.randn(5, 8, generator=torch.Generator().manual_seed(11))``, and leaves torch's
  global random state untouched (the same result under two global seeds); on float64 ``[3, 4, 6]``
  (cosine, ``t = 30``) with ``z`` drawn in float64 (rtol 1e-9); with no generator after
  ``torch.manual_seed(3)``, ``z = torch.randn(x.shape)`` from the global generator.
  ``q_sample(x0 float32 [4, 48], t=[3, 60, 0, 99], generator=...)`` with no noise given: the noise
  redrawn as ``torch.randn(x0.shape, generator=...)``, global state untouched. ``sample(denoiser,
  (4, 8), generator=torch.Generator().manual_seed(16))`` with ``T = 25``: equal (rtol 1e-4, atol
  1e-4) to the graders' float64 chain from the same draws (``x_T``, then one ``z`` per step ``t =
  24, ..., 1``), global state untouched; the reference over 20 seeds: at most 2e-6 apart.
- ``follows_device``: a wrapper module holding ``DiffusionProcess(num_timesteps=6, betas=...)`` (its
  schedules on the CPU) and the oracle, moved to the ``meta`` device with data ``[4, 48]`` there:
  ``q_sample`` (given noise and drawn noise, ``t`` on the data's device), ``p_sample`` at ``t = 5``
  and ``t = 0`` and ``sample(oracle, shape, device=x.device)`` (no generator) all run, and every
  output is on that device.
- ``cuda_parity`` (0 points; runs only where a GPU exists): ``q_sample`` with given noise,
  ``p_sample`` at ``t = 0`` and ``sample`` with the oracle (which ends at ``c`` whatever the noise)
  give the same numbers on CPU and CUDA (rtol 1e-4, atol 1e-5).

No bar here comes from training: the statistical bar (5 standard errors) and the two tolerances
come from the sweeps above.
"""
import torch  # noqa: F401


class DiffusionProcess:
    """The forward schedule and the reverse (ancestral) sampler of a DDPM; not an nn.Module."""

    def __init__(self, num_timesteps=1000, betas=None):
        # TODO (task 1): betas (the rescaled linear default), alphas, alpha_bar, alpha_bar_prev,
        # posterior_variance: float64 [T]; num_timesteps
        raise NotImplementedError("DiffusionProcess.__init__")

    def q_sample(self, x0, t, noise=None, generator=None):
        # TODO (task 2): sqrt(alpha_bar[t]) x0 + sqrt(1 - alpha_bar[t]) noise, values viewed [B, 1, ..., 1]
        raise NotImplementedError("DiffusionProcess.q_sample")

    def p_sample(self, model, x_t, t, generator=None):
        # TODO (task 3): one reverse step under torch.no_grad(); noise sqrt(posterior_variance[t]) z if t > 0
        raise NotImplementedError("DiffusionProcess.p_sample")

    def sample(self, model, shape, generator=None, device=None):
        # TODO (task 4): x_T ~ N(0, I), p_sample for t = T-1 down to 0; no_grad, eval mode, mode restored
        raise NotImplementedError("DiffusionProcess.sample")
