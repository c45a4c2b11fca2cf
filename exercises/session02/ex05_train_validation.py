"""Session 2, exercise 5: hold out a validation set and watch it while you train.

Genomics context
----------------
A variant classifier (exercise 4) that scores 95% on the variants it was trained on
may still be useless on the next patient's variants: a model can learn its training
examples rather than the rule behind them. The only honest estimate of how it does on
new variants is to measure it on variants it never trained on. So before training we
set some variants aside, the *validation set*, train on the rest, and after every epoch
measure loss and accuracy on both. If the training loss keeps falling while the
validation loss rises, the model has started to over-fit (exercise 6 stops it there).

Two rules make the validation numbers honest:

- the split is random (the data may be sorted by gene, by chromosome, by class) but
  reproducible from a seed, and every variant lands in exactly one of the two sets;
- validation only *measures*: it never changes the weights. It runs under
  ``torch.no_grad()``, so no autograd graph is built (nothing to backpropagate, less
  memory), and the trained weights are exactly those that training on the training set
  alone gives, whatever the validation set holds.

The kit's data: ``coursekit.data.session02.variant_dataset(n=1000, seed=0)`` returns
``features``, float32 ``[n, 5]`` (conservation, allele frequency, CADD, PolyPhen,
SIFT, each scaled to [0, 1]) and ``labels``, float32 ``[n]`` (1.0 = pathogenic,
0.0 = benign, half each).

This module stands on its own: write the logistic model and the loss inside it (inline,
or in helpers of your own whose names start with ``_``); don't import exercise 4.

Task 1: ``split_data(features, labels, train_ratio=0.8, seed=42)``
-------------------------------------------------------------------
``features`` is a tensor ``[N, F]``, ``labels`` a tensor ``[N]``; row ``i`` of
``features`` belongs with ``labels[i]``. Return
``(train_features, train_labels, val_features, val_labels)``, in this order:

1. Shuffle with a random generator of your own, never torch's global one:
   ``generator = torch.Generator().manual_seed(seed)`` and
   ``order = torch.randperm(N, generator=generator)``. (``torch.manual_seed(seed)``
   followed by ``torch.randperm(N)`` gives the same order but resets the caller's
   random numbers: after it, every "random" draw in their program is the same on every
   run. A function you hand to others must leave torch's global random state as it
   found it.)
2. ``n_train = int(train_ratio * N)``: the Python float product, truncated towards
   zero (``int``, not ``round`` or ``math.ceil``): 10 rows at 0.75 give 7 training rows.
3. The training rows are ``order[:n_train]`` and the validation rows ``order[n_train:]``,
   ``train_features = features[order[:n_train]]``, ``train_labels =
   labels[order[:n_train]]``, and the same for validation. So every row lands in
   exactly one set, once, with its own label, and dtypes are kept. Which rows go where
   is fixed by ``order``; the order of the rows inside a set is yours to choose (the
   shuffled order above, or the original one, as a boolean mask gives it).

``train_ratio`` may be anything from 0.0 to 1.0; a set with no rows is a tensor with 0
rows (shape ``[0, F]`` and ``[0]``). The same ``seed`` gives the same split on every
call; don't change the input tensors.

A trap worth knowing: ``variant_dataset(seed=s)`` picks its pathogenic variants with
``torch.randperm`` from a generator seeded with ``s`` too, so ``split_data(...,
seed=s)`` on it sends every pathogenic variant to the training set. Never reuse the
seed that made the data to split it; the graders split ``variant_dataset(seed=s)`` with
other seeds.

Task 2: ``train_with_validation(train_features, train_labels, val_features, val_labels, ...)``
-----------------------------------------------------------------------------------------------
The full signature and result::

    train_with_validation(train_features, train_labels, val_features, val_labels,
                          epochs=100, learning_rate=0.1)
    -> (weights, bias, (train_losses, train_accuracies), (val_losses, val_accuracies))

Logistic regression trained on the training set only, measured on both sets every
epoch. The model: ``probability = torch.sigmoid(features @ weights + bias)``, shape
``[N]``, the probability that each variant is pathogenic. The loss: the mean binary
cross-entropy ``-mean(y * log(p) + (1 - y) * log(1 - p))``
(``torch.nn.functional.binary_cross_entropy(p, y)``, or the formula with ``p``
clamped to ``[1e-7, 1 - 1e-7]`` as in exercise 4: on the graded data both give the
same numbers). The accuracy: the fraction of rows whose predicted class
(``p > 0.5`` -> 1.0, else 0.0) equals the label, a float between 0 and 1.

1. With ``F = train_features.shape[1]``:
   ``weights = (0.1 * torch.randn(F)).requires_grad_()`` and
   ``bias = torch.zeros(1, requires_grad=True)``. The one draw comes from torch's global
   generator, so a caller who seeds it first (``torch.manual_seed(...)``) gets the same
   start every time; don't seed inside this function. Both must be leaf tensors (an
   optimizer refuses anything else): ``torch.randn(F, requires_grad=True) * 0.1`` is
   NOT a leaf (it is computed from one) and ``torch.optim.Adam`` raises
   ``ValueError: can't optimize a non-leaf Tensor``.
2. Build ONE optimizer before the loop: ``torch.optim.Adam([weights, bias],
   lr=learning_rate)`` (its other settings at torch's defaults).
3. Every epoch, in this order:

   a. on the training set: the probabilities, the loss and the accuracy of the current
      weights; append ``loss.item()`` and the accuracy (a Python float) to
      ``train_losses`` and ``train_accuracies``. Entry 0 is the starting model's,
      before any step;
   b. ``optimizer.zero_grad()``, ``loss.backward()``, ``optimizer.step()``;
   c. inside ``with torch.no_grad():``, with the weights just updated by this epoch's
      step: the probabilities, loss and accuracy on the validation set; append them (as
      Python floats) to ``val_losses`` and ``val_accuracies``. Nothing computed here
      takes part in training: no ``backward()``, no step.

4. Return ``(weights, bias, (train_losses, train_accuracies), (val_losses,
   val_accuracies))``: the two tensors you created (the trained values; ``weights``
   float32 ``[F]``, ``bias`` float32 ``[1]``), then two pairs of lists of ``epochs``
   Python floats each. So ``val_losses[-1]`` is the validation loss of the returned
   weights.

Don't print inside the function.

Task 3: ``plot_training_curves(train_history, val_history) -> matplotlib Figure``
-----------------------------------------------------------------------------------
``train_history`` and ``val_history`` are the two pairs ``(losses, accuracies)`` that
``train_with_validation`` returns (lists of floats, all four of the same length
``E``; they may come from anywhere). Make the figure with
``fig, (loss_ax, accuracy_ax) = plt.subplots(1, 2)`` and return ``fig`` (never call
``plt.show()``): exactly two Axes, in this order.

- The first Axes (loss): a line of the training losses and a line of the validation
  losses, each against the epoch numbers ``0, 1, ..., E - 1`` (what
  ``ax.plot(losses, label=...)`` gives) and with the values themselves (not their
  log; a log-scaled axis is fine). The x-axis label contains the word "epoch", the
  y-axis label the word "loss" (any case: ``"Epoch"``, ``"Loss (BCE)"``).
- The second Axes (accuracy): the same for the training and validation accuracies; the
  y-axis label contains "accuracy".
- In both Axes the training line's label contains "train" and not "val", the
  validation line's label contains "val" and not "train" (any case: ``"Training"`` and
  ``"Validation"``), and a legend shows both (``ax.legend()``). A title, colours and
  grids are up to you.

What the graders check
----------------------
Floats are compared with ``rtol=1e-4, atol=1e-5``; sizes, rows and counts exactly.
Training runs start from ``torch.manual_seed`` of a fixed seed per check, on the kit's
``variant_dataset`` (n = 1000 or fewer, split by the graders' own copy of the recipe of
task 1, with seeds other than the data's).

- ``split``: on generated tensors (N from 1 to 40 rows, 1 to 4 feature columns, the
  first column a unique row id; labels that are not 0/1 either, so every row can be
  told apart; ``train_ratio`` from 0.0 to 1.0, any seed) and on fixed cases such as 10
  rows at 0.75 and 1000 rows with the default ``train_ratio`` (0.8, omitted in the
  call): four tensors with the input dtypes, ``int(train_ratio * N)`` training rows
  and the rest for validation, no row in both sets or twice, every row in one of them,
  each with its own label;
- ``split_seeded``: the training set holds exactly the rows ``order[:n_train]`` and the
  validation set the rows ``order[n_train:]`` (in any order) of
  ``order = torch.randperm(N, generator=torch.Generator().manual_seed(seed))``, for given
  seeds and for the default seed (42, omitted in the call); two calls with the same
  seed return the same tensors; torch's global random state
  (``torch.random.get_rng_state()``) is the same after a call as before;
- ``validation_no_grad``: ``val_features`` is handed over as a tensor that records every
  operation on it that builds an autograd graph: none may (validation under
  ``torch.no_grad()``); the validation lists still hold ``epochs`` floats;
- ``validation_independent``: from the same seed, with the same training set and two
  different validation sets (of different sizes), the returned weights, bias and both
  training lists are the same;
- ``history``: with the default ``epochs`` (100, omitted), four lists of 100 Python
  floats; ``train_losses[0]`` and ``train_accuracies[0]`` are the loss and accuracy on
  the training set of the start of step 1 drawn after the check's seed;
  ``val_losses[-1]`` and ``val_accuracies[-1]`` are the loss and accuracy of the
  returned weights and bias on the validation set; ``weights`` and ``bias`` are leaf
  float32 tensors of shapes ``[F]`` and ``[1]`` that require grad; and, called with
  ``epochs=1`` and the default ``learning_rate`` (0.1, omitted), the returned weights and
  bias are the start moved by one Adam step: ``start - 0.1 * g / (|g| + 1e-8)`` with
  ``g`` the gradient of the training loss at the start (Adam's first step moves every
  parameter by about the learning rate);
- ``learns``: with the defaults (100 epochs, learning rate 0.1) on three splits of
  ``variant_dataset`` (800 training and 200 validation variants each): the last
  validation accuracy is a fraction between 0.85 and 1, and the validation loss and the training loss
  each fall at least 2x from entry 0 to the last entry (over 20 data, split and start
  seeds a correct solution gave accuracies 0.915 to 0.96 and falls of at least 2.78x
  for validation and 3.22x for training);
- ``figure``: ``plot_training_curves`` on histories made by the graders (12 and 30
  epochs): a Figure with two Axes; in each, the two lines with the right values,
  x values ``0 .. E - 1`` and labels, a legend showing both labels, and the axis labels
  above;
- ``train_trajectory`` (hidden): every entry of the four lists and the final weights and
  bias equal a trusted loop (the same draw, a torch loss, Adam) started from the same
  seed, with the defaults and with other epochs and learning rates, on other data.
"""
import torch
from matplotlib import pyplot as plt  # noqa: F401  (for the figure of task 3)


def split_data(features: torch.Tensor, labels: torch.Tensor, train_ratio: float = 0.8, seed: int = 42):
    """Seeded random split; ``(train_features, train_labels, val_features, val_labels)``."""
    # TODO (task 1)
    raise NotImplementedError("split_data")


def train_with_validation(train_features: torch.Tensor, train_labels: torch.Tensor,
                          val_features: torch.Tensor, val_labels: torch.Tensor, epochs: int = 100,
                          learning_rate: float = 0.1):
    """Logistic regression with Adam, validated every epoch;
    ``(weights, bias, (train_losses, train_accuracies), (val_losses, val_accuracies))``."""
    # TODO (task 2)
    raise NotImplementedError("train_with_validation")


def plot_training_curves(train_history, val_history):
    """Training vs validation loss and accuracy per epoch, two Axes; returns the Figure."""
    # TODO (task 3)
    raise NotImplementedError("plot_training_curves")
