"""Session 10, exercise 2: noise schedules, linear and cosine, and what follows from them.

Genomics context
----------------
A diffusion model for DNA design learns to undo a chain of small Gaussian corruptions. A
sequence of ``L`` bases is put in model space as ``x0 = 2 * onehot - 1`` (``[4, L]``, rows
A, C, G, T, values -1 and +1, flattened to ``4 * L`` numbers), and the forward process
blurs it step by step until nothing of the sequence is left; the denoiser is then trained
to reverse every step. The **noise schedule** ``betas`` (how much noise each step adds)
decides at which steps the bases are lost, and so where the denoiser spends its capacity.

With the linear schedule of DDPM (Ho et al. 2020) rescaled to a short chain of ``T = 100``
steps (``1e-3`` to ``0.2``), the signal left in ``x_t``, ``sqrt(alpha_bar[t])``, falls fast:
``alpha_bar`` drops below 0.5 at ``t = 26`` and below 0.01 at ``t = 66``, so a third of the
chain sees sequences that are already noise. The **cosine schedule** of Improved DDPM (Nichol
& Dhariwal 2021) is built so that ``alpha_bar`` follows a cosine curve: it falls below 0.5 only
at ``t = 49`` and below 0.01 at ``t = 93``. On 2,000 sequences of
``coursekit.data.session10.gc_labelled_dna(2000, 12)``, decoding ``x_t`` by the argmax over
the 4 channels still reads 82 % (linear) against 99.8 % (cosine) of the bases correctly at
``t = 25``, and 41 % against 80 % at ``t = 50`` (chance is 25 %). Both schedules end near pure
noise (``alpha_bar[99]`` is 2.0e-5 and 2.4e-7), which sampling needs: it starts from
``N(0, I)``. (The guide's ``torch.linspace(1e-4, 0.02, T)`` is meant for ``T = 1000``; over 100
steps it leaves ``alpha_bar[99] = 0.36``: a chain that never reaches noise.)

This exercise writes the two schedules and the quantities every later step of the session
takes from them: ``alphas``, ``alpha_bar``, ``alpha_bar_prev`` and the posterior variance
``beta_tilde`` that ancestral sampling (exercise 4) adds at each reverse step.

Conventions (all fixed)
-----------------------
- Time steps are 0-based: a chain of ``T`` steps has ``t = 0, ..., T - 1``. ``betas[t]`` is the
  variance of the noise added at step ``t``; ``alphas = 1 - betas``;
  ``alpha_bar[t] = prod over u <= t of alphas[u]`` (so ``alpha_bar[0] = alphas[0]``, not 1);
  ``q(x_t | x_0) = N(sqrt(alpha_bar[t]) x_0, (1 - alpha_bar[t]) I)``. Going back, the step at
  ``t`` turns ``x_t`` into ``x_{t-1}``, and the step at ``t = 0`` gives the final sample.
  ``alpha_bar_prev[t] = alpha_bar[t - 1]`` for ``t >= 1``, and ``alpha_bar_prev[0] = 1`` (before
  any noise).
- Every schedule and every quantity is a **float64** 1-D tensor ``[T]`` on the CPU, computed
  in float64 all the way (``torch.float32`` anywhere on the way is off by about 1e-8 relative,
  far more than the graders allow). No Python list, no NumPy array, no float32 result.
- ``T = num_timesteps >= 2`` for the schedules (the graders use 2 to 1000); ``betas`` given to
  ``schedule_quantities`` has ``T >= 1`` entries, each in ``(0, 1)``.
- Nothing here is random.

Task 1: ``linear_beta_schedule(num_timesteps=1000, beta_start=1e-4, beta_end=0.02)``
-----------------------------------------------------------------------------------
The betas of DDPM: ``T`` values evenly spaced from ``beta_start`` to ``beta_end``, both ends
included, float64 ``[T]``; exactly what
``torch.linspace(beta_start, beta_end, num_timesteps, dtype=torch.float64)`` gives. (Not
``torch.linspace(...)`` in float32 then ``.double()``: 1e-4 in float32 is 9.99999975e-05.)
The defaults are DDPM's 1,000 steps; for 100 steps the session passes ``1e-3, 0.2`` (the
DDPM ends scaled by 1000 / T).

Task 2: ``cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999)``
----------------------------------------------------------------------------
The cosine schedule, float64 ``[T]``. With ``T = num_timesteps``, define for ``i = 0, ..., T``
(``T + 1`` values)::

    f(i) = cos( ((i / T + s) / (1 + s)) * pi / 2 ) ** 2

and for ``i = 0, ..., T - 1``::

    betas[i] = min(1 - f(i + 1) / f(i), max_beta)

- ``f(i) / f(0)`` is the ``alpha_bar`` the schedule is designed to follow: ``betas[i]`` is the
  step from ``f(i)`` to ``f(i + 1)``, so that, before clipping, ``alpha_bar[t] = f(t + 1) / f(0)``
  in the 0-based convention (``alpha_bar[0] = f(1) / f(0) < 1``). Take ``i / T`` (not
  ``i / (T - 1)``), ``T + 1`` values of ``f`` (``f(0)`` to ``f(T)``), and ``s`` as given: the
  small offset keeps the first betas from being too small near ``t = 0``;
- ``f(T) = cos(pi / 2) ** 2`` is about 3.7e-33, so in float64 ``1 - f(T) / f(T - 1)`` is exactly
  1.0 for every ``T``: the last step would destroy the signal completely, and sampling, which
  divides by ``sqrt(alphas[t])``, would divide by 0. Hence the **clip**: each beta is at most
  ``max_beta`` (``min``, an upper bound; ``torch.clamp(betas, max=max_beta)``; beware that
  ``torch.clamp(betas, max_beta)`` is a LOWER bound). With the default ``0.999`` only the last
  beta is clipped, for any ``T`` and ``s`` the graders use; with a smaller ``max_beta`` the
  last several are. Before the clip every beta is positive and the betas increase with ``t``;
- compute in float64 (``torch.arange(T + 1, dtype=torch.float64)`` and ``torch.cos``, or
  ``math.cos`` in a loop, or NumPy, then ``torch.tensor(..., dtype=torch.float64)``; any of
  these, and ``cos ** 2`` written as ``0.5 * (1 + cos(2 x))``, agree within the tolerances
  below).

Task 3: ``schedule_quantities(betas)``
--------------------------------------
``betas``: a 1-D float tensor ``[T]`` (float64 from the functions above; a float32 tensor is
first converted with ``betas.to(torch.float64)``, its values unchanged). Returns a dict with
these keys (more keys are allowed), each a float64 tensor ``[T]``::

    "betas"               betas as float64
    "alphas"              1 - betas
    "alpha_bar"           torch.cumprod(alphas, 0): alpha_bar[t] = alphas[0] * ... * alphas[t]
    "alpha_bar_prev"      alpha_bar shifted right by one with a 1 in front:
                          [1, alpha_bar[0], ..., alpha_bar[T - 2]]
    "posterior_variance"  beta_tilde[t] = betas[t] * (1 - alpha_bar_prev[t]) / (1 - alpha_bar[t])

- ``alpha_bar_prev`` is not ``torch.roll(alpha_bar, 1)``: that puts ``alpha_bar[T - 1]`` in front
  where the 1 belongs;
- ``beta_tilde[t]`` is the variance of ``q(x_{t-1} | x_t, x_0)``, the true reverse step when
  ``x_0`` is known; it uses ``alpha_bar_prev`` (``alpha_bar[t - 1]``) above and ``alpha_bar`` below,
  both cumulative products (not ``alphas``). It is exactly 0 at ``t = 0`` (``1 -
  alpha_bar_prev[0] = 0``: the last reverse step adds no noise), and ``0 < beta_tilde[t] <=
  betas[t]`` for ``t >= 1``;
- for ``T = 1``: ``alpha_bar_prev = [1]`` and ``posterior_variance = [0]``.

Task 4: ``cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999)``
------------------------------------------------------------------------
The ``alpha_bar`` the cosine schedule really gives, float64 ``[T]``: the cumulative product of
``1 - betas`` of the CLIPPED betas of ``cosine_beta_schedule(num_timesteps, s, max_beta)``. It
is NOT the closed form ``f(t + 1) / f(0)``: the two agree wherever no beta was clipped, but at
the last step the clipped product gives ``alpha_bar[T - 2] * (1 - max_beta)`` (2.4e-7 for
``T = 100``, 2.4e-9 for ``T = 1000``), while ``f(T) / f(0)`` is 3.7e-33; and with a smaller
``max_beta`` they differ over every clipped step. The rest of the session uses the product,
because the forward process adds noise with the (clipped) betas, one step at a time.

Data
----
No data set: the graders call your functions on their own arguments and on generated
``betas`` (hypothesis, deterministic).

What the graders check
----------------------
"Trusted" values are computed by the graders in float64: ``torch.linspace`` (a built-in) for
the linear schedule, and plain Python loops with ``math.cos`` and running products for
everything else (``f`` for ``i = 0..T``, ``min`` of each beta with ``max_beta``, a product
accumulated step by step, ``alpha_bar_prev`` and ``beta_tilde`` element by element).
Comparisons use **rtol 1e-10, atol 1e-14** (``|found - trusted| <= 1e-14 + 1e-10 |trusted|``),
except where "exactly" is said. The bars come from a sweep of 300 random cases per function
(``T`` 2-1000, ``s`` 1e-4-0.2, ``max_beta`` 0.01-0.999, linear ends 1e-5-0.999, generated ``betas``
as below) over three correct float64 implementations: ``torch.cos`` on ``torch.arange``; a
``math.cos`` loop with ``start + i * step``; NumPy with ``cos ** 2`` written as ``0.5 * (1 + cos(2
x))``, the betas from ``f(i) / f(0)`` and ``alpha_bar`` in log space (``exp(cumsum(log1p(-betas)))``,
``beta_tilde`` through ``expm1``). The largest difference any of them showed used 3.5 % of the
allowed one (the double-angle cosine; every other implementation 0.5 % or less): at least 29 times
inside the bars. The mistakes below are off by far more: a float32 computation by about 2.5e-8
relative (250 times outside), the others by 5e-3 relative or more at some step.
Generated ``betas``: ``T`` 1-300 values drawn uniformly in ``[low, high]`` with ``low`` 1e-4-0.05
and ``high`` up to 0.999, sorted increasing or not.

- ``linear``: ``linear_beta_schedule()`` (the defaults) is a float64 tensor ``[1000]`` equal to
  ``torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64)``; ``linear_beta_schedule(100, 1e-3,
  0.2)`` and ``linear_beta_schedule(num_timesteps=50, beta_start=5e-4, beta_end=0.05)`` likewise;
  then 25 generated cases (``T`` 2-1000, ends in ``[1e-5, 0.999]`` in either order). A float32
  linspace cast to float64 fails here;
- ``cosine``: ``cosine_beta_schedule(100)`` (default ``s`` and ``max_beta``) is a float64 tensor
  ``[100]`` equal to the loop; ``cosine_beta_schedule()`` a float64 ``[1000]`` likewise;
  ``cosine_beta_schedule(50, s=0.02)`` likewise; then 30 generated cases (``T`` 2-1000, ``s``
  1e-4-0.2, the default ``max_beta``). Every result is positive and increasing. This rejects
  ``i / (T - 1)``, a schedule shifted by one step (e.g. ``betas[0] = 0`` from a shifted
  ``alpha_bar``), no clip, a clip that is a lower bound and float32;
- ``clipping``: ``cosine_beta_schedule(100)``'s last beta is exactly ``0.999`` (the clipped value,
  ``max_beta`` itself) and every other one is below 0.999 and equal to the unclipped formula;
  ``cosine_beta_schedule(20, 0.008, 0.1)`` (positional) and ``cosine_beta_schedule(40,
  max_beta=0.3)`` equal the loop: every beta that would exceed ``max_beta`` is exactly
  ``max_beta`` and every other one is the formula's; then 25 generated cases (``T`` 2-300, ``s``
  1e-4-0.2, ``max_beta`` 0.01-0.999). This rejects no clip, a ``max_beta`` that is ignored (a
  fixed 0.999) and ``max`` for ``min``;
- ``alpha_bar``: ``schedule_quantities`` returns a dict with the five keys, each a float64
  ``[T]``; ``"betas"`` equals the input, ``"alphas"`` ``1 - betas``, ``"alpha_bar"`` the running
  product: on the graders' linear ``1e-3..0.2`` betas of 100 steps, on the cosine betas of 100
  steps, on float32 betas ``[30]`` (values converted to float64 first), and on 30 generated
  ``betas``. ``cosine_alpha_bar(100)`` (the defaults) is a float64 ``[100]`` equal to the running
  product of the loop's clipped betas (its last value 2.43e-7, not ``f(100) / f(0)``);
  ``cosine_alpha_bar()`` a float64 ``[1000]``, ``cosine_alpha_bar(60, 0.02, 0.3)`` (many betas
  clipped) and ``cosine_alpha_bar(num_timesteps=25, s=0.05, max_beta=0.9)`` likewise;
- ``posterior_variance``: on the same betas (the linear and cosine schedules of 100 steps,
  30 generated ``betas`` of 1-300 steps, and one step ``[0.3]``), ``"alpha_bar_prev"`` equals
  ``[1, alpha_bar[0], ..., alpha_bar[T - 2]]`` from the graders' product, its first value
  exactly 1; ``"posterior_variance"`` equals ``beta_tilde`` from the graders' loop, its first
  value exactly 0, and ``0 < beta_tilde[t] <= betas[t]`` for ``t >= 1`` (up to 1e-12 relative
  rounding). This rejects a rolled ``alpha_bar_prev``, ``alpha_bar`` where ``alpha_bar_prev``
  belongs (``beta_tilde = betas``) and ``alphas`` where the cumulative products belong.

No threshold here comes from training: every check compares with an exact computation.
"""
import math  # noqa: F401

import torch  # noqa: F401


def linear_beta_schedule(num_timesteps=1000, beta_start=1e-4, beta_end=0.02):
    # TODO (task 1): T evenly spaced betas from beta_start to beta_end, float64 [T]
    raise NotImplementedError("linear_beta_schedule")


def cosine_beta_schedule(num_timesteps=1000, s=0.008, max_beta=0.999):
    # TODO (task 2): f(i) for i = 0..T, betas[i] = 1 - f(i + 1) / f(i), clipped above at max_beta
    raise NotImplementedError("cosine_beta_schedule")


def schedule_quantities(betas):
    # TODO (task 3): betas, alphas, alpha_bar, alpha_bar_prev, posterior_variance: float64 [T] each
    raise NotImplementedError("schedule_quantities")


def cosine_alpha_bar(num_timesteps=1000, s=0.008, max_beta=0.999):
    # TODO (task 4): the cumulative product of 1 - (the clipped cosine betas)
    raise NotImplementedError("cosine_alpha_bar")
