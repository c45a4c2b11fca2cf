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
An ``nn.Module`` with exactly these three attributes (``h = hidden_size``):

- ``shared``: Linear(input_size, h), ReLU, Dropout(0.3), Linear(h, h // 2), ReLU;
- ``expression_head``: Linear(h // 2, 20), ReLU, Linear(20, 1);
- ``tissue_head``: Linear(h // 2, 20), ReLU, Linear(20, n_tissues).

(``nn.Sequential`` is the natural container for each.) ``forward(x)`` takes float32
``[N, input_size]`` and returns a tuple ``(expression, tissue_logits)``:
``expression_head(shared(x))`` squeezed to float32 ``[N]``, and
``tissue_head(shared(x))``, float32 ``[N, n_tissues]``: raw logits, no softmax
(``CrossEntropyLoss`` applies log-softmax itself). ``MultiTaskModel(20, 64, 3)`` has
4,828 parameters.

Task 2: ``train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.001) -> dict``
--------------------------------------------------------------------------------------
Full-batch training of both tasks at once. ``y_expr`` float32 ``[N]``, ``y_tissue``
int64 ``[N]`` (class indices). Create ``torch.optim.Adam(model.parameters(), lr=lr)``
once; every epoch: ``model.train()``, one forward pass, the MSE loss of the expression
and the cross-entropy loss of the tissue logits, ``total = expr_loss + tissue_loss``,
then ``optimizer.zero_grad()``, ``total.backward()``, ``optimizer.step()``. Return a dict
with four lists of ``epochs`` Python floats, each entry from that epoch's forward pass
(made before the step):

- ``'expr_loss'``, ``'tissue_loss'``, ``'total_loss'`` (= expr_loss + tissue_loss);
- ``'accuracy'``: the fraction of samples whose ``argmax`` logit is the true tissue.

What the graders check
----------------------
- the attributes, the output shapes and dtypes for (20, 64, 3) and (8, 16, 5);
  4,828 and 766 parameters;
- the heads: in eval mode each output equals its head's layers (Linear, ReLU, Linear)
  applied to the trunk's (Linear, ReLU, Linear, ReLU) features; the expression output
  depends on no tissue-head weight and vice versa, and both train the trunk;
- dropout 0.3 in the trunk: in train mode the input of the trunk's second Linear is
  0 or the eval-mode value / 0.7, about 30% of positive values dropped; eval mode is
  deterministic;
- the history: the four keys with ``epochs`` floats each, total = expr + tissue, the
  first entries equal those of the untrained model, train mode with gradients during
  training; every epoch matches a trusted loop from the same initial weights (hidden);
- learning: ``MultiTaskModel(20, 64, 3)`` trained with your ``train_multitask`` for 100
  epochs at ``lr=0.01`` on 400 samples: the total loss falls at least 5x, and on the
  100 held-out samples (eval mode) the tissue accuracy is at least 0.75 and the
  expression MSE below 5 (the expression variance is about 19);
- every tensor follows ``.to(device)`` (the ``meta`` device); CPU/GPU parity where a
  GPU exists.
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
        # TODO (task 1): return (expression [N], tissue_logits [N, n_tissues])
        raise NotImplementedError("MultiTaskModel.forward")


def train_multitask(model: nn.Module, X: torch.Tensor, y_expr: torch.Tensor,
                    y_tissue: torch.Tensor, epochs: int = 100, lr: float = 0.001) -> dict:
    """Train both tasks; return {'expr_loss', 'tissue_loss', 'total_loss', 'accuracy'} lists."""
    # TODO (task 2)
    raise NotImplementedError("train_multitask")
