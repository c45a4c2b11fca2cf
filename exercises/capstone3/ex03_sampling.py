"""Capstone 3, module 3: guided sampling of designs, and the outcome of the whole pipeline.

Genomics context
----------------
Sampling turns noise into DNA: the reverse chain of the diffusion model, each step using the guided
noise so that designs lean towards the class asked for (here label 1: high oracle score). Decoding
takes, at each position, the channel with the largest value. This module is where the capstone's
outcome is judged: the graders wire your three modules together and score what comes out.

Conventions
-----------
As in module 1 (read its docstring): model space ``[n, 4 L]`` (the 4 channel rows A, C, G, T one after
another), ``model(x, t, labels)`` predicts the noise, ``model.seq_len`` and ``model.null_label``. The
schedule ``betas`` is a float64 1-D tensor ``[T]`` (the graders pass ``design_betas()``, ``T = 100``,
and shorter ones); ``alphas = 1 - betas``, ``alpha_bar[t] = prod_{s <= t} alphas[s]``, ``alpha_bar_prev[t]
= alpha_bar[t - 1]`` (1 at ``t = 0``), ``beta_tilde[t] = betas[t] (1 - alpha_bar_prev[t]) / (1 -
alpha_bar[t])``. This module stands alone: it does not import modules 1 and 2.

Task 1: ``sample_chain(model, n, label, w, betas, generator=None)``
-------------------------------------------------------------------
Guided ancestral sampling, under ``torch.no_grad()``, on the device of the model's parameters; returns
float ``[n, model.seq_len]`` (not requiring grad)::

    x = torch.randn((n, model.seq_len), generator=generator, device=device)      # x_T
    for t = T-1 down to 0:
        t_batch = torch.full((n,), t) (int64); nulls = n null labels; wanted = n labels `label`
        eps_u = model(x, t_batch, nulls)
        eps = eps_u if label is None, else eps_u + w * (model(x, t_batch, wanted) - eps_u)
        mean = (x - betas[t] / sqrt(1 - alpha_bar[t]) * eps) / sqrt(alphas[t])
        x = mean + sqrt(beta_tilde[t]) * torch.randn(x.shape, generator=generator, dtype=x.dtype,
                                                     device=x.device)   if t > 0, else x = mean

``label=None`` samples unconditionally (``eps_u`` alone; ``w`` unused). The model is called with the
label and the null label only; one call of ``2n`` rows per step (``x`` and ``t_batch`` twice, the
labels then the null labels) split in two is fine. ``x`` stays float32 (``torch.randn``'s default).
Every random number comes from ``generator`` (with one, torch's global random state is untouched),
drawn in the order above.

Task 2: ``decode_designs(x)`` and ``sample_designs(model, n, label, w, betas, generator=None)``
---------------------------------------------------------------------------------------------
``decode_designs(x)``: ``x`` ``[n, 4 L]`` -> a list of ``n`` strings of ``L`` letters: ``x.reshape(n, 4,
L)``, the argmax over the 4 channels at each position (the first channel on a tie, as
``torch.argmax``), ``"ACGT"[index]``. ``sample_designs`` returns ``decode_designs(sample_chain(...))``
with the same arguments.

What the graders check
----------------------
- ``chain_matches`` (1): with the graders' Gaussian oracle (a stand-in whose noise prediction is exact
  for Gaussian data, one mean per label, null label 2), ``sample_chain`` for 10-step and 100-step
  schedules, labels 0, 1 and None, ``w`` 0, 1, 2 and 4, a generator or (``generator=None``) the global
  generator after ``torch.manual_seed(5)``: float ``[n, 8]``, not requiring grad, the model called with
  the label and the null label only, and equal to the graders' float64 chain drawn from the same seed
  (atol 1e-4); with a generator the same result under two global seeds; ``decode_designs`` equal to a
  naive loop (``ACGT`` in model space, a tie of zeros reads ``A``, random ``[6, 64]``); ``sample_designs``
  equal to ``decode_designs`` of the graders' chain from the same seed;
- ``design_outcome`` (3) and its hidden twin ``design_outcome_hidden`` (12: the same check with another
  seed): on ``design_data(1024, seed)`` (seed 0 for the public check), your module 1's
  ``DesignDenoiser()``, built after ``torch.manual_seed(seed)``, at most 150,000 parameters, is trained
  by your module 2's ``train_designer(model, x0, labels, alpha_bar,
  generator=torch.Generator().manual_seed(seed))`` with its defaults (the budget: 800 optimizer steps,
  one call of the model on 128 rows each, counted with hooks; a training still running after 20 s is
  stopped and fails); then, in eval mode, ``sample_designs(model, 300, None, 4.0, design_betas(),
  generator seeded seed + 1)`` (unconditional) and ``sample_designs(model, 300, 1, 4.0, design_betas(),
  generator seeded seed + 2)`` (guided to the high class) must each return 300 strings of 16 letters
  from ACGT. The kit's oracle scores them: the guided designs' mean score at least **0.12** above the
  unconditional designs' and a one-sided Mann-Whitney U test (scipy) p below **0.01**; at least
  **90%** of the guided designs novel (not a training sequence) and at least **90%** distinct. Sweeps
  over seeds 0-11 at this budget: the reference's gain 0.168 at worst (about 1.5 s of training), p
  below 1.4e-8, every design novel, 99.7% distinct at worst; a sampler whose conditional noise uses the
  null label gains -0.074 to 0.092 (p 0.003 at best); guidance with its sign flipped loses 0.13 or more.
"""
import math  # noqa: F401

import torch  # noqa: F401


def sample_chain(model, n, label, w, betas, generator=None):
    # TODO (task 1): x_T from randn; each step the guided noise, the mean, and noise with beta_tilde (t > 0)
    raise NotImplementedError("sample_chain")


def decode_designs(x):
    # TODO (task 2): reshape to [n, 4, L], argmax over the channels, letters of "ACGT"
    raise NotImplementedError("decode_designs")


def sample_designs(model, n, label, w, betas, generator=None):
    # TODO (task 2): decode_designs(sample_chain(...))
    raise NotImplementedError("sample_designs")
