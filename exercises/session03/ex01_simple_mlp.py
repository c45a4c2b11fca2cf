"""Session 3, exercise 1: a two-layer MLP that predicts gene expression.

Genomics context
----------------
A gene's expression level depends on how strongly transcription factors (TFs) bind
its promoter. Here each sample has 3 TF binding scores in [0, 1) and the expression
is roughly ``2*a - 1*b + 0.5*c`` plus noise (the kit's data: 200 samples,
``coursekit.data.session03.tf_binding_expression``). You build the network and the
training loop that learns this mapping.

Task 1: ``SimpleMLP(input_size, hidden_size, output_size)``
-----------------------------------------------------------
A subclass of ``torch.nn.Module`` (call ``super().__init__()`` first) with exactly
these attributes:

- ``self.fc1 = nn.Linear(input_size, hidden_size)``
- ``self.fc2 = nn.Linear(hidden_size, output_size)``

``forward(x)`` takes ``x`` float32 ``[N, input_size]`` and returns
``fc2(relu(fc1(x)))``, float32 ``[N, output_size]``: ReLU between the layers and
**no** activation on the output (this is a regression). Use ``F.relu`` or
``nn.ReLU``, either is fine. ``SimpleMLP(3, 10, 1)`` has 51 parameters
(3*10 + 10 weights and biases in fc1, 10*1 + 1 in fc2).

Task 2: ``train(model, X, y, epochs=100, lr=0.01) -> list[float]``
-------------------------------------------------------------------
Full-batch training of any model that maps ``X [N, F]`` to ``[N, 1]``:

- optimizer ``torch.optim.Adam(model.parameters(), lr=lr)``, created once;
- loss ``nn.MSELoss()`` between ``model(X).squeeze()`` (shape ``[N]``) and
  ``y`` (float32 ``[N]``). Without the squeeze, ``[N, 1]`` against ``[N]``
  broadcasts to ``[N, N]`` and the loss is wrong;
- every epoch, in this order: forward pass, loss, ``optimizer.zero_grad()``,
  ``loss.backward()``, ``optimizer.step()``;
- return a list of ``epochs`` Python floats (``loss.item()``): entry ``i`` is the
  loss of epoch ``i`` computed *before* that epoch's step, so entry 0 is the loss
  of the untrained model.

Don't seed inside ``train``, don't print every epoch, and train ``model`` in place.

What the graders check
----------------------
the layers and output shapes; the parameter count (51 for (3, 10, 1)); that
``forward`` equals ``fc2(relu(fc1(x)))``; the returned losses (one float per epoch,
the first one equal to the untrained model's MSE); that ``SimpleMLP(3, 10, 1)``
trained with your ``train`` for 100 epochs at ``lr=0.01`` on the kit's TF-binding
data ends with a loss at least 10x below its first one; that your loop matches a
trusted Adam loop step for step from the same initial weights, also when called as
``train(model, X, y)`` with the stated defaults of 100 epochs and ``lr=0.01`` (hidden
check); and
that every tensor of the model follows ``.to(device)`` (checked on the ``meta``
device; CPU/GPU parity runs where a GPU exists).
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401  (F.relu is one way to write forward)


class SimpleMLP(nn.Module):
    """Linear -> ReLU -> Linear for expression regression (see the module docstring)."""

    def __init__(self, input_size: int, hidden_size: int, output_size: int):
        super().__init__()
        # TODO (task 1): define self.fc1 and self.fc2
        raise NotImplementedError("SimpleMLP.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1): return fc2(relu(fc1(x)))
        raise NotImplementedError("SimpleMLP.forward")


def train(model: nn.Module, X: torch.Tensor, y: torch.Tensor, epochs: int = 100,
          lr: float = 0.01) -> list[float]:
    """Train ``model`` full batch with Adam and MSE; return the loss of every epoch."""
    # TODO (task 2): the training loop of the module docstring
    raise NotImplementedError("train")
