"""Session 3, exercise 7 (challenge): one network, two tasks, expression and tissue.

Genomics context
----------------
A gene's regulatory features say both how strongly it is expressed and in which
tissue. A multi-task network shares a trunk that learns features useful for both,
with one small head per task: a regression head for expression and a classification
head for the tissue. The kit's data (``coursekit.data.session03.multitask_expression``):
500 samples with 20 features; the tissue (one of 3) is a fixed function of the
features, so it can be predicted, and expression = sum of the features plus a tissue
effect plus noise.

Task 1: ``MultiTaskModel(input_size, hidden_size, n_tissues)``
--------------------------------------------------------------
An ``nn.Module`` with these three attributes (``h = hidden_size``):

- ``shared``: Linear(input_size, h), ReLU, Dropout(0.3), Linear(h, h // 2), ReLU;
- ``expression_head``: Linear(h // 2, 20), ReLU, Linear(20, 1);
- ``tissue_head``: Linear(h // 2, 20), ReLU, Linear(20, n_tissues).

(``nn.Sequential`` is the natural container for each.) ``forward(x)`` takes float32
``[N, input_size]``, computes the trunk's features **once**, ``features = shared(x)``
(both heads must read the same features, with the same dropout mask), and returns a
tuple ``(expression, tissue_logits)``:

- ``expression = expression_head(features)`` squeezed from ``[N, 1]`` to float32 ``[N]``;
- ``tissue_logits = tissue_head(features)``, float32 ``[N, n_tissues]``: raw logits, no
  softmax (``CrossEntropyLoss`` applies log-softmax itself).

``MultiTaskModel(20, 64, 3)`` has 4,828 parameters: the trunk 20*64 + 64 + 64*32 + 32,
each head 32*20 + 20 plus 20*1 + 1 (expression) or 20*3 + 3 (tissue).

Task 2: ``train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.001) -> dict``
--------------------------------------------------------------------------------------
Full-batch training of both tasks at once, for any model whose forward returns
``(expression [N], logits [N, n_tissues])``. ``X`` float32 ``[N, F]``, ``y_expr``
float32 ``[N]``, ``y_tissue`` int64 ``[N]`` (class indices). Create
``torch.optim.Adam(model.parameters(), lr=lr)`` once; every epoch: the model in train
mode (``model.train()``), one forward pass, ``expr_loss = MSE(expression, y_expr)``
(``nn.MSELoss``), ``tissue_loss = CrossEntropy(logits, y_tissue)``
(``nn.CrossEntropyLoss``), ``total = expr_loss + tissue_loss`` (unweighted), then
``optimizer.zero_grad()``, ``total.backward()``, ``optimizer.step()``. Return a dict
with four lists of ``epochs`` Python floats (use ``.item()``), entry ``i`` from the
forward pass of epoch ``i``, made before its step (so entry 0 describes the untrained
model):

- ``'expr_loss'``, ``'tissue_loss'``, ``'total_loss'`` (= expr_loss + tissue_loss);
- ``'accuracy'``: the fraction of samples whose ``argmax`` over the tissue logits is
  the true tissue, a float in [0, 1].

Train ``model`` in place; don't seed inside the function.

What the graders check
----------------------
- ``architecture``: ``shared``, ``expression_head`` and ``tissue_head`` are
  ``nn.Module`` attributes; the outputs are a tuple of float32 ``[N]`` and
  ``[N, n_tissues]`` for ``MultiTaskModel(20, 64, 3)`` and ``(8, 16, 5)``;
- ``param_count``: 4,828 parameters for (20, 64, 3) and 766 for (8, 16, 5);
- ``heads``: the Linear layers of each part have the sizes above; in eval mode each
  output equals its head (Linear, ReLU, Linear) applied to the trunk's features
  (Linear, ReLU, Linear, ReLU), computed from your own layers; the gradient of the
  expression output reaches the trunk and no ``tissue_head`` weight, and the gradient
  of the logits reaches the trunk and no ``expression_head`` weight;
- ``dropout_in_shared``: watching the input of the trunk's second Linear, one pass
  through the trunk per forward; in train mode every value is 0 or the eval-mode value
  / 0.7, and between 25% and 35% of the positive values are zeroed (400 samples); eval
  mode gives the same output twice;
- ``history``: on a small two-headed model of the grader's own (5 epochs,
  ``lr=0.01``), a dict with the four keys, each a list of 5 floats; total_loss =
  expr_loss + tissue_loss every epoch; accuracy in [0, 1]; a train-mode forward with
  gradients every epoch; the first entries equal the untrained model's MSE,
  cross-entropy and accuracy;
- ``learns``: ``MultiTaskModel(20, 64, 3)`` trained with your ``train_multitask`` for
  100 epochs at ``lr=0.01`` on the first 400 samples of the kit's data: the total loss
  falls at least 8x (first to last entry), and on the other 100 samples, in eval mode,
  the tissue accuracy is at least 0.75 and the expression MSE below 5 (the expression
  variance is about 19);
- ``train_trajectory`` (hidden): on a two-headed model of the grader's own, the four
  lists epoch by epoch and the final weights equal those of a trusted loop written as
  above, from the same initial weights, also when called with the stated defaults of
  100 epochs and ``lr=0.001``;
- ``follows_device``: every tensor of the model follows ``.to(device)``, in train and
  eval mode (checked on the ``meta`` device); ``cuda_parity`` (0 points, only where a
  GPU exists): the same outputs on CPU and GPU.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401


class MultiTaskModel(nn.Module):
    """Shared trunk, an expression head and a tissue head."""

    def __init__(self, input_size: int, hidden_size: int, n_tissues: int):
        super().__init__()
        # TODO (task 1): self.shared, self.expression_head, self.tissue_head
        raise NotImplementedError("MultiTaskModel.__init__")

    def forward(self, x: torch.Tensor):
        # TODO (task 1): features = shared(x), once; return (expression [N], logits [N, T])
        raise NotImplementedError("MultiTaskModel.forward")


def train_multitask(model: nn.Module, X: torch.Tensor, y_expr: torch.Tensor,
                    y_tissue: torch.Tensor, epochs: int = 100, lr: float = 0.001) -> dict:
    """Train both tasks; return {'expr_loss', 'tissue_loss', 'total_loss', 'accuracy'} lists."""
    # TODO (task 2): Adam once; each epoch: train mode, forward, MSE + cross-entropy,
    # zero_grad / backward / step; append the four values to the history
    raise NotImplementedError("train_multitask")
