"""Capstone 3, module 2: training the designer with condition dropout, in a fixed budget.

Genomics context
----------------
A guided designer needs ONE network that knows both the conditional noise (given "high score") and
the unconditional one: training replaces each label, with probability ``p_uncond``, by the null label
(**condition dropout**). The budget is fixed, as a lab's compute is: the outcome of the capstone is
judged after exactly this much training, so a better design comes from better modelling, not from
more steps.

Conventions
-----------
As in module 1 (read its docstring): model space ``x0 = 2 * onehot - 1`` flattened to ``[N, 64]``;
``t`` int64 ``[B]`` in ``0 .. T-1``; labels int64 ``[B]``, the null label ``model.null_label``. The
schedule: ``alpha_bar`` float64 ``[T]``, ``alpha_bar[t] = prod_{s <= t} (1 - betas[s])`` (the graders
pass ``torch.cumprod(1 - design_betas(), 0)``, ``T = 100``). Randomness: an optional ``generator``; with
one, every random number comes from it and torch's global random state is untouched (the graders
pass CPU tensors and CPU generators). This module
stands alone: it does not import module 1 (the graders train their own denoiser with it).

Task 1: ``drop_condition(labels, null_label, p, generator=None)``
----------------------------------------------------------------
A NEW int64 tensor ``[B]`` (the input untouched): each label replaced by ``null_label`` independently
with probability ``p`` (the DROP rate), one coin per sample, drawn in one call::

    coins = torch.rand(B, generator=generator, device=labels.device)
    return torch.where(coins < p, null_label, labels)

Task 2: ``denoising_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None)``
--------------------------------------------------------------------------------------------------------
The 0-d noise-prediction loss, differentiable with respect to the model's parameters::

    dropped = drop_condition(labels, model.null_label, p_uncond, generator)   # the coins first
    if t is None:     t = torch.randint(0, T, (B,), generator=generator, device=x0.device)
    if noise is None: noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    a = alpha_bar (moved to x0's device)[t] in x0's dtype, viewed [B, 1]
    x_t = sqrt(a) * x0 + sqrt(1 - a) * noise
    return F.mse_loss(model(x_t, t, dropped), noise)          # ONE call of the model

Task 3: ``train_designer``
--------------------------
``train_designer(model, x0, labels, alpha_bar, steps=800, batch_size=128, lr=3e-3, p_uncond=0.1,
generator=None)`` trains ``model`` in place (in train mode) and returns the ``steps`` losses as Python
floats, in order::

    opt = Adam(model.parameters(), lr=lr)                 # torch.optim.Adam
    for each of `steps` steps:
        idx = torch.randint(0, N, (batch_size,), generator=generator, device=x0.device)
        loss = denoising_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator)
        opt.zero_grad(); loss.backward(); opt.step()

Batches may also be the next ``batch_size`` rows of a shuffled order (``torch.randperm(N,
generator=generator)``, reshuffled when used up). The defaults are **the budget**: the graders train with
them and count the optimizer's steps and the rows of every call of the model.

What the graders check
----------------------
Trusted values come from the graders' own coins (``torch.rand(B)`` from a generator of the same seed),
closed forms, and their own denoiser: ``eps = scale[t] * x + shift[t] + label_shift[label]`` per feature
(three ``nn.Embedding`` tables, null label 2). A share of null labels must lie within 5 binomial
standard errors (``5 sqrt(p (1 - p) / n)``) of its rate.

- ``condition_dropout`` (1): ``drop_condition`` on 20,000 labels (0-2, null label 3) with ``p`` 0, 0.1,
  0.5 and 1 and a generator: int64 ``[20000]``, the input untouched, the null share within 5 SE of
  ``p``, and the null label exactly where the graders' coins are below ``p``; with a generator the same
  result under two global seeds and torch's global random state untouched;
- ``loss_formula`` (1): with a recording stand-in (4,000 rows, 6 features, classes 0-2, null 3), the
  graders' ``alpha_bar`` and given ``t`` and ``noise``, at ``p_uncond=0.3`` and at the default: one call of
  the model; the labels it receives dropped exactly as the graders' coins say; the given ``t``; ``x_t`` as
  above (rtol 1e-5, atol 1e-6); a 0-d loss equal to the mean squared error of its output to the noise,
  with a gradient;
- ``training_budget`` (1): the graders' denoiser trained by ``train_designer(model, x0, labels,
  alpha_bar, generator=torch.Generator().manual_seed(0))`` (defaults) on ``design_data(1024, seed=0)``:
  800 Python floats returned; 800 steps of ``torch.optim.Adam`` with lr 3e-3 over exactly the model's
  parameters; 800 calls of the model, each on 128 rows; the null label's share of the labels it sees
  within 5 SE of 0.1; torch's global random state untouched;
- ``learns`` (1): that trained model, on the graders' own ``design_data(1024, seed=999)`` with ``t`` and
  noise from ``torch.Generator().manual_seed(7)`` and ``x_t`` computed by the graders, the loss is their
  own mean squared error of the model's output to the noise (no dropout, no gradients): the loss with the
  true labels at least **4x** lower
  than the untrained model's (reference over 12 seeds: 5.30x at worst; a loss that predicts ``x0``
  instead of the noise: 2.98x at best); the loss with the null label for every row at most **1.5x** the
  loss with the true labels (reference: 1.074x at worst; trained without condition dropout, the null
  label's embedding is never trained: 2.16x at best).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401


def drop_condition(labels, null_label, p, generator=None):
    # TODO (task 1): one coin per sample, torch.rand(B, generator=..., device=...) < p -> null_label
    raise NotImplementedError("drop_condition")


def denoising_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    # TODO (task 2): drop labels, draw t and noise if None, x_t, MSE of model(x_t, t, dropped) to the noise
    raise NotImplementedError("denoising_loss")


def train_designer(model, x0, labels, alpha_bar, steps=800, batch_size=128, lr=3e-3, p_uncond=0.1,
                   generator=None):
    # TODO (task 3): Adam; each step a batch, denoising_loss, zero_grad, backward, step; return the losses
    raise NotImplementedError("train_designer")
