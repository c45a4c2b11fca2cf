"""Session 3, exercise 5: inverted dropout against over-fitting.

Genomics context
----------------
Genomic data sets are often small next to the number of parameters: a few dozen
samples, many weights. Dropout zeroes random hidden units during training so that no
unit can rely on another, which curbs over-fitting. The kit's data
(``coursekit.data.session03.small_regression``): 50 samples with 5 features,
``y = sum(x) + noise``.

Task: ``DropoutMLP(dropout_rate=0.0)``
--------------------------------------
An ``nn.Module`` with these layers: ``fc1 = nn.Linear(5, 100)``, ``dropout1``,
``fc2 = nn.Linear(100, 50)``, ``dropout2``, ``fc3 = nn.Linear(50, 1)``, where the dropout
layers are ``nn.Dropout(dropout_rate)`` (5,701 parameters; dropout has none).
``forward(x)`` takes float32 ``[N, 5]`` and returns float32 ``[N, 1]``:

    x = dropout1(relu(fc1(x)))
    x = dropout2(relu(fc2(x)))
    return fc3(x)

No dropout after fc3. This is *inverted* dropout, what ``nn.Dropout`` does: in
``train()`` mode each hidden value is zeroed with probability ``p = dropout_rate``
and every kept value is multiplied by ``1 / (1 - p)``, so the expected activation is
unchanged; in ``eval()`` mode nothing is dropped and nothing is scaled, so the
output is deterministic. (If you write dropout yourself, it must behave exactly so.)

What the graders check
----------------------
- the layers fc1, fc2, fc3 and the output shape ``[N, 1]``; 5,701 parameters;
- eval mode: repeatable, and equal to ``fc3(relu(fc2(relu(fc1(x)))))`` of your layers;
- train mode, watching the inputs of fc2 and fc3: each value is 0 or the un-dropped
  value times ``1 / (1 - p)``, about a fraction ``p`` of the positive values are
  zeroed, and the output is ``fc3`` of its input (no dropout after fc3);
- ``dropout_rate=0``, and ``DropoutMLP()`` built with no argument (the default rate is
  0.0): train mode gives the eval-mode output;
- learning (hidden check): 100 full-batch Adam epochs at ``lr=0.01`` (MSE on the
  squeezed output) on the kit's data make the training loss fall at least 20x with
  ``dropout_rate=0`` and at least 2x with 0.5;
- every tensor follows ``.to(device)`` (the ``meta`` device); CPU/GPU parity where a
  GPU exists.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401


class DropoutMLP(nn.Module):
    """5 -> 100 -> 50 -> 1 with dropout after each hidden ReLU."""

    def __init__(self, dropout_rate: float = 0.0):
        super().__init__()
        # TODO: fc1, dropout1, fc2, dropout2, fc3
        raise NotImplementedError("DropoutMLP.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: dropout1(relu(fc1(x))), dropout2(relu(fc2(x))), fc3(x)
        raise NotImplementedError("DropoutMLP.forward")
