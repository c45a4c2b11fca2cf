"""Session 2, exercise 1: gradient descent with gradients you derive yourself.

Genomics context
----------------
A transcription factor (TF) that binds a gene's promoter more strongly tends to switch
it on more. Here a gene's expression is a straight line of its TF binding score plus
measurement noise: ``expression = 2.5 * binding + 1.0 + noise`` (std 0.2), for 50
binding scores evenly spaced from 0 to 1 (the kit's data:
``coursekit.data.session02.tf_binding_expression()`` returns ``x`` and ``y``, float32
``[50]`` each). You fit the line ``y = weight * x + bias`` by gradient descent, with
the derivatives worked out by hand, to see what autograd will later do for you.

Shapes: ``x`` and ``y`` are float32 ``[N]``; ``weight`` and ``bias`` are float32
tensors with one element, shape ``[1]`` (as ``torch.randn(1)`` makes them).

Task 1: ``linear_model(x, weight, bias) -> Tensor [N]``
-------------------------------------------------------
The prediction ``weight * x + bias`` for every sample (broadcasting does the rest).

Task 2: ``mse_loss(predictions, targets) -> Tensor []``
--------------------------------------------------------
The mean squared error ``mean((predictions - targets) ** 2)``, a 0-d tensor (what
``.mean()`` returns): a mean over the samples, not a sum.

Task 3: ``compute_gradients(x, y, weight, bias) -> (weight_grad, bias_grad)``
------------------------------------------------------------------------------
The derivatives of ``mse_loss(linear_model(x, weight, bias), y)`` with respect to
``weight`` and ``bias``, from the formulas, without autograd. With
``error = weight * x + bias - y``:

- ``dL/dweight = mean(2 * error * x)``
- ``dL/dbias = mean(2 * error)``

Each is a tensor with one element (0-d or shape ``[1]``, either is fine). It must work
when no tensor requires grad and inside ``torch.no_grad()``: no ``backward()`` here.

Task 4: ``train_manual_gradient_descent(x, y, epochs=100, learning_rate=0.1)``
--------------------------------------------------------------------------------
Fit the line by plain gradient descent and return
``(final_weight, final_bias, loss_history)``:

1. start from ``weight = torch.randn(1)`` and then ``bias = torch.randn(1)``: drawn in
   this order from torch's global random generator, so a caller who seeds it first
   (``torch.manual_seed(...)``) gets the same start every time. Don't seed inside
   the function;
2. every epoch: compute the loss of the current weight and bias, append it to
   ``loss_history`` as a Python float (``loss.item()``), get the gradients from
   ``compute_gradients`` and take the step ``weight = weight - learning_rate *
   weight_grad`` (the same for ``bias``);
3. return the weight and bias after the last step (one-element tensors) and the list
   of ``epochs`` losses. Entry 0 is the loss of the starting line, before any step.

Don't print inside the functions.

What the graders check
----------------------
- ``linear_model``: ``weight * x + bias`` on generated ``x`` (1-30 samples), weights and
  biases, shape ``[N]``;
- ``mse_loss``: equal to ``torch.nn.functional.mse_loss`` on generated predictions and
  targets, a 0-d tensor;
- ``gradients``: ``compute_gradients`` equal to the gradients autograd computes, on
  generated data, weights and biases, called inside ``torch.no_grad()`` on tensors that
  don't require grad;
- ``history``: ``train_manual_gradient_descent`` returns three things; ``loss_history``
  holds ``epochs`` Python floats and its entry 0 is the MSE of the line drawn as in
  step 1 from a seeded generator; with the defaults (100 epochs, learning rate 0.1)
  on the kit's data the loss falls at least 10x;
- ``recovers_line``: trained 2,000 epochs at learning rate 0.5 on the kit's data
  (seed 42), the weight and bias are within 0.001 of the least-squares line and within
  0.3 of the true 2.5 and 1.0;
- ``train_trajectory`` (hidden): every loss and the final weight and bias equal a
  trusted gradient-descent loop started from the same seeded draw, with the defaults
  and with other epochs and learning rates.
"""
import torch


def linear_model(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """``weight * x + bias`` for every sample."""
    # TODO (task 1)
    raise NotImplementedError("linear_model")


def mse_loss(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """The mean squared error, a 0-d tensor."""
    # TODO (task 2)
    raise NotImplementedError("mse_loss")


def compute_gradients(x: torch.Tensor, y: torch.Tensor, weight: torch.Tensor,
                      bias: torch.Tensor):
    """``(dL/dweight, dL/dbias)`` of the MSE, from the formulas (no autograd)."""
    # TODO (task 3)
    raise NotImplementedError("compute_gradients")


def train_manual_gradient_descent(x: torch.Tensor, y: torch.Tensor, epochs: int = 100,
                                  learning_rate: float = 0.1):
    """Gradient descent from ``torch.randn(1)`` draws; ``(weight, bias, loss_history)``."""
    # TODO (task 4)
    raise NotImplementedError("train_manual_gradient_descent")
