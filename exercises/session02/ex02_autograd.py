"""Session 2, exercise 2: the same line fit, with the gradients from autograd.

Genomics context
----------------
The data are exercise 1's: a gene's expression rises with how strongly a transcription
factor (TF) binds its promoter, ``expression = 2.5 * binding + 1.0 + noise`` (noise std
0.2), for 50 binding scores evenly spaced from 0 to 1. The kit's data:
``coursekit.data.session02.tf_binding_expression()`` returns ``x`` (binding) and ``y``
(expression), float32 ``[50]`` each.

In exercise 1 you derived ``dL/dweight`` and ``dL/dbias`` by hand. That is easy for a
line and hopeless for a network with millions of weights, so PyTorch does it for you:
autograd records every operation on tensors that require grad, and ``loss.backward()``
fills the ``.grad`` of each *leaf* tensor (one you created yourself, not one computed
from other tensors that require grad) with the derivative of the loss. Here you fit
the same line from the same start, with autograd supplying the gradients: epoch by
epoch, your losses equal exercise 1's (up to float32 rounding).

Task: ``train_with_autograd(x, y, epochs=100, learning_rate=0.1)``
------------------------------------------------------------------
Returns ``(weight, bias, loss_history)``.

The model and the loss are exercise 1's: the prediction is ``weight * x + bias`` (shape
``[N]``) and the loss is the mean squared error ``mean((prediction - y) ** 2)`` (a mean
over the samples, not a sum). Write them inline, or in helpers of your own with names
starting with ``_``. Don't import exercise 1 and don't define ``linear_model`` or
``mse_loss`` here: this module is graded on its own, and in the session's notebook all
exercises share one namespace, so a second ``linear_model`` would replace exercise 1's.

1. Start from ``weight = torch.randn(1, requires_grad=True)`` and then
   ``bias = torch.randn(1, requires_grad=True)``, in this order, drawn from torch's
   global random generator. These are the same numbers as exercise 1's two
   ``torch.randn(1)`` draws, so after the same ``torch.manual_seed(...)`` both
   exercises start from the same line. Don't seed inside the function. Keep them
   leaves: ``torch.randn(1).requires_grad_()`` is the same thing, but
   ``torch.randn(1, requires_grad=True) * 0.5`` (or ``+ 0``) is a tensor computed
   from another one, not a leaf, and its ``.grad`` stays ``None``.
2. Every epoch, in this order:

   a. compute the loss of the current line and append ``loss.item()`` (a Python float)
      to ``loss_history``. Entry 0 is the loss of the starting line, before any step;
   b. clear the gradients the previous epoch left: ``backward()`` *adds* into
      ``.grad``, it does not overwrite it. Either ``weight.grad.zero_()`` when
      ``weight.grad is not None`` (it is ``None`` until the first ``backward()``), or
      ``weight.grad = None``; the same for ``bias``;
   c. call ``loss.backward()``: now ``weight.grad`` and ``bias.grad`` hold this
      epoch's ``dL/dweight`` and ``dL/dbias``, tensors of shape ``[1]``;
   d. take the step in place, inside ``with torch.no_grad():``
      ``weight -= learning_rate * weight.grad`` and
      ``bias -= learning_rate * bias.grad``.

3. Return the two tensors you created in step 1 (the same objects, updated in place)
   and the list of ``epochs`` losses. They are still leaf tensors: float32, shape
   ``[1]``, ``requires_grad=True``, ``grad_fn`` ``None``, and their ``.grad`` still
   holds the gradient of the last epoch's loss (the gradient at the line before the
   last step). So clear the gradients at the start of an epoch (step b), not after the
   step; and don't return ``weight.detach()``, ``weight.data``, a clone or a number.

Don't print inside the function.

Why the step must be written this way
-------------------------------------
- ``weight = weight - learning_rate * weight.grad`` (out of place, no ``no_grad``)
  makes a NEW tensor that autograd records as computed from the old weight: it has a
  ``grad_fn`` and is not a leaf. In the next epoch ``backward()`` fills the ``.grad``
  of leaves only, so the new weight's ``.grad`` stays ``None`` and
  ``learning_rate * weight.grad`` fails with a ``TypeError`` (and each epoch's graph
  hangs on to the previous one).
- The same line inside ``torch.no_grad()`` makes a new tensor that does not require
  grad at all: the next ``loss.backward()`` raises ``RuntimeError: element 0 of
  tensors does not require grad``.
- ``weight -= learning_rate * weight.grad`` outside ``torch.no_grad()`` raises
  ``RuntimeError: a leaf Variable that requires grad is being used in an in-place
  operation``: autograd would have to record the update itself as part of the graph,
  and it refuses to overwrite a leaf it differentiates with respect to.
- Inside ``with torch.no_grad():`` nothing is recorded: the in-place update only
  changes the numbers, and ``weight`` stays the same leaf. (``weight.data -= ...``
  also works; it is the older way of saying the same.)
- Without step b, ``.grad`` holds the sum of every gradient so far and the steps
  overshoot: the loss no longer falls.

What the graders check
----------------------
Every run starts from ``torch.manual_seed(seed)`` (a fixed seed per check) on the kit's
data; floats are compared with ``rtol=1e-4, atol=1e-5``.

- ``history``: ``train_with_autograd(x, y, 7, 0.1)`` returns three things;
  ``loss_history`` is a list of 7 Python floats whose entry 0 is the mean squared
  error of the line drawn as in step 1; called with the defaults it holds 100 floats;
- ``leaves``: called with the defaults, the returned ``weight`` and ``bias`` are
  float32 tensors of shape ``[1]`` with ``requires_grad`` True, ``is_leaf`` True and
  ``grad_fn`` None, and each ``.grad`` is a tensor of shape ``[1]``;
- ``grad_is_last_step``: after 1, 2 and 5 epochs, at learning rates 0.1 and 0.3: with
  ``g = weight.grad`` and ``h = bias.grad``, the line before the last step was
  ``(weight + learning_rate * g, bias + learning_rate * h)``; the gradient of the MSE
  that autograd computes there (in float64, by the graders) must equal ``(g, h)``.
  After 1 epoch ``(g, h)`` must also equal the gradient at the seeded starting line.
  Gradients that are not cleared (their sum), cleared between ``backward()`` and the
  step, or of a summed loss fail;
- ``learns``: with the defaults, from the check's seeded start, the loss falls at least
  10x (a correct solution falls 65x there); trained 2,000 epochs at learning rate 0.5
  (seed 0), ``(weight, bias)`` is within 0.001 of the least-squares line;
- ``train_trajectory`` (hidden): every loss and the final weight and bias equal a
  trusted gradient-descent loop started from the same seeded draw, with the defaults
  and with other epochs and learning rates.
"""
import torch


def train_with_autograd(x: torch.Tensor, y: torch.Tensor, epochs: int = 100,
                        learning_rate: float = 0.1):
    """Gradient descent on the line, gradients by ``loss.backward()``;
    ``(weight, bias, loss_history)``."""
    # TODO (task 1)
    raise NotImplementedError("train_with_autograd")
