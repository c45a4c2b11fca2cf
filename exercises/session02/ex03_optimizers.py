"""Session 2, exercise 3: let a PyTorch optimizer take the steps (SGD, momentum, Adam).

Genomics context
----------------
The same fit as in exercise 1: a gene's expression rises with how strongly a
transcription factor (TF) binds its promoter, ``expression = 2.5 * binding + 1.0 +
noise`` (std 0.2), for 50 binding scores evenly spaced from 0 to 1. The kit's data:
``coursekit.data.session02.tf_binding_expression()`` returns ``x`` (binding) and ``y``
(expression), float32 ``[50]`` each. You fit the line ``prediction = weight * x + bias``
by minimising the mean squared error ``mean((prediction - y) ** 2)``.

In exercise 1 you wrote the update ``weight = weight - learning_rate * gradient``
yourself. Real models have millions of parameters and better update rules, so PyTorch
packs the rule into an *optimizer* (``torch.optim``): you hand it the tensors to train
once, and each epoch you clear the old gradients (``optimizer.zero_grad()``), let
autograd fill ``.grad`` (``loss.backward()``) and let the optimizer update the tensors
in place (``optimizer.step()``). Changing the rule is then one argument:

- ``torch.optim.SGD``: plain gradient descent, the update of exercise 1;
- ``torch.optim.SGD(..., momentum=0.9)``: each step also keeps 90% of the previous
  step, so the fit speeds up along directions where the gradient keeps its sign;
- ``torch.optim.Adam``: a step per parameter scaled by running averages of its
  gradient and of its squared gradient, so both parameters move at a similar pace
  whatever the scale of their gradients.

This module stands on its own: write the prediction and the loss inside it (for
example ``weight * x + bias`` and ``((prediction - y) ** 2).mean()`` or
``torch.nn.functional.mse_loss``); don't import exercise 1.

Shapes: ``x`` and ``y`` are float32 ``[N]``; ``weight`` and ``bias`` are float32
tensors of shape ``[1]`` (as ``torch.randn(1)`` makes them).

Task 1: ``train_with_optimizer(x, y, optimizer_class, epochs=100, learning_rate=0.1, **optimizer_kwargs)``
--------------------------------------------------------------------------------------------------------
``optimizer_class`` is an optimizer *class*, not an instance: ``torch.optim.SGD``,
``torch.optim.Adam``, ``torch.optim.RMSprop``, ... or a subclass of one (the graders
pass their own subclass of ``torch.optim.SGD`` that records how it is used). Every
other keyword argument of the call (``momentum=0.9``, ``nesterov=True``,
``betas=(0.8, 0.99)``, ``weight_decay=0.01``, ...) ends up in ``optimizer_kwargs`` and
must reach the optimizer unchanged.

1. Create the parameters with ``weight = torch.randn(1, requires_grad=True)`` and then
   ``bias = torch.randn(1, requires_grad=True)``: drawn in this order from torch's
   global random generator, so a caller who seeds it first (``torch.manual_seed(...)``)
   gets the same start every time. Don't seed inside this function. They are leaf
   tensors that require grad; an optimizer can only train such tensors.
2. Build the optimizer ONCE, before the loop, with
   ``optimizer_class([weight, bias], lr=learning_rate, **optimizer_kwargs)``: its
   parameters are exactly ``[weight, bias]`` in this order. (Momentum and Adam keep
   running averages inside the optimizer; an optimizer built anew every epoch forgets
   them.)
3. Every epoch, in this order: compute the loss of the current line; append it to
   ``loss_history`` as a Python float (``loss.item()``); ``optimizer.zero_grad()``
   (without it ``backward()`` adds the new gradient to the old one);
   ``loss.backward()``; ``optimizer.step()``. Call the optimizer's own ``zero_grad()``
   (the graders count the calls): ``zero_grad()`` may also come right after
   ``step()`` instead, as long as every ``backward()`` starts from cleared gradients.
4. Return ``((weight, bias), loss_history)``: the very tensors you gave the optimizer
   (not ``.detach()``-ed or cloned copies; they hold the trained values) and the list
   of ``epochs`` losses. Entry 0 is the loss of the starting line, before any step.

Task 2: ``compare_optimizers(x, y, epochs=100, learning_rate=0.1, seed=0) -> (histories, fig)``
------------------------------------------------------------------------------------------------
Train the line three times with ``train_with_optimizer`` at the given ``epochs`` and
``learning_rate`` and collect each run's ``loss_history`` in a dict ``histories`` with
exactly these keys, in this order:

- ``"SGD"``: ``torch.optim.SGD``;
- ``"SGD with momentum"``: ``torch.optim.SGD`` with ``momentum=0.9``;
- ``"Adam"``: ``torch.optim.Adam`` (its other settings at torch's defaults).

A fair comparison starts every run from the same line: call ``torch.manual_seed(seed)``
right before each run, so that each one draws the same weight and bias. But seeding
torch's global generator inside a function you hand to others resets THEIR random
numbers too: after the call, the caller's next ``torch.randn`` would be the same on
every run, silently. So run each seeded training inside
``with torch.random.fork_rng():`` (``fork_rng(devices=[])`` is fine too): it saves the
global random state on entry and puts it back on exit, so the caller's generator is
exactly where it was before the call. (Saving ``torch.random.get_rng_state()`` and
restoring it with ``torch.random.set_rng_state`` does the same job; what is graded is
that the state is unchanged.)

``fig``: a ``matplotlib.figure.Figure`` (make it with ``fig, ax = plt.subplots()``,
return it, never call ``plt.show()``) with exactly one Axes that shows one line per
optimizer:

- its y values are that optimizer's history, the losses themselves (not their log; a
  log-scaled axis, ``ax.set_yscale("log")``, is fine);
- its x values are the epoch numbers ``0, 1, ..., epochs - 1`` (what
  ``ax.plot(history, label=name)`` gives);
- its label is the dict key (``"SGD"``, ``"SGD with momentum"``, ``"Adam"``), shown in a
  legend (``ax.legend()``);
- the x-axis label contains the word "epoch" and the y-axis label the word "loss" (any
  case, e.g. ``"Epoch"`` and ``"Loss (MSE)"``). A title, colours and a grid are up to
  you.

Return ``(histories, fig)``. Don't print inside the functions.

What the graders check
----------------------
Losses and parameters are compared with ``rtol=1e-4, atol=1e-5``; counts and settings
exactly. Data: the kit's ``tf_binding_expression()`` (its default seed 42, other seeds
in the hidden checks); starts from ``torch.manual_seed`` of fixed seeds.

- ``history``: ``train_with_optimizer(x, y, torch.optim.SGD)`` (default epochs and
  learning rate) returns ``((weight, bias), loss_history)``: two tensors with one
  element and a list of 100 Python floats whose entry 0 is the MSE of the line drawn as
  in step 1 after a ``torch.manual_seed``;
- ``optimizer_setup``: with the graders' recording subclass of ``torch.optim.SGD`` as
  ``optimizer_class``, called with ``epochs=7, learning_rate=0.05, momentum=0.5,
  nesterov=True, weight_decay=0.01`` and with the defaults: exactly one optimizer is
  built per call; its parameters are exactly the returned weight and bias (the same
  tensor objects, in the order ``[weight, bias]``, leaf tensors of shape ``[1]`` that
  require grad); its learning rate is ``learning_rate`` (0.1 when not given) and the
  extra keyword arguments arrive unchanged, and none are added when none are given
  (the optimizer's own defaults apply, e.g. SGD's momentum 0);
  ``step()`` runs exactly ``epochs`` times and ``zero_grad()`` at least ``epochs``
  times;
- ``learns``: ``torch.optim.SGD`` and ``torch.optim.Adam`` with the defaults (100
  epochs, learning rate 0.1), each from ``torch.manual_seed(0)`` and from
  ``torch.manual_seed(1)``: the loss falls at least 3x from entry 0 to the last entry
  (a correct solution falls 60x to 80x from these four starts);
- ``comparison``: ``compare_optimizers(x, y)`` and ``compare_optimizers(x, y,
  epochs=30, learning_rate=0.05, seed=7)`` return ``(histories, fig)``; ``histories``
  has the keys ``"SGD"``, ``"SGD with momentum"``, ``"Adam"`` in this order, each a
  list of ``epochs`` Python floats; the entry 0 of every history equals the loss of
  the line drawn after ``torch.manual_seed(seed)``; the ``"SGD with momentum"`` and
  the ``"Adam"`` histories each differ from the ``"SGD"`` one (momentum and Adam change
  the steps); torch's global random state (``torch.random.get_rng_state()``) is the
  same after the call as before;
- ``figure``: for the two calls above, the returned figure has one Axes with, for each
  key, a line labelled with that key whose y values are that key's returned history
  and whose x values are ``0 .. epochs - 1``, a legend showing the three keys, an
  x-axis label containing "epoch" and a y-axis label containing "loss";
- ``train_trajectory`` (hidden): every loss and the final weight and bias equal a
  trusted loop (the same two draws, autograd, an optimizer of the same class) started
  from the same seed, for ``torch.optim.SGD``, SGD with Nesterov momentum, Adam with
  other ``betas`` and ``torch.optim.RMSprop``, with the defaults and with other
  epochs and learning rates;
- ``comparison_trajectories`` (hidden): each history that ``compare_optimizers``
  returns equals the trusted run of that optimizer from ``torch.manual_seed(seed)``,
  with the defaults and with other epochs, learning rate and seed.
"""
import torch
from matplotlib import pyplot as plt  # noqa: F401  (for the figure of task 2)


def train_with_optimizer(x: torch.Tensor, y: torch.Tensor, optimizer_class, epochs: int = 100,
                         learning_rate: float = 0.1, **optimizer_kwargs):
    """Fit ``weight * x + bias`` with ``optimizer_class``; ``((weight, bias), loss_history)``."""
    # TODO (task 1)
    raise NotImplementedError("train_with_optimizer")


def compare_optimizers(x: torch.Tensor, y: torch.Tensor, epochs: int = 100,
                       learning_rate: float = 0.1, seed: int = 0):
    """SGD, SGD with momentum and Adam from the same seeded start; ``(histories, fig)``."""
    # TODO (task 2)
    raise NotImplementedError("compare_optimizers")
