"""Session 3, exercise 6: weight initialisation schemes.

Genomics context
----------------
Deep genomics models train only if signals neither vanish nor explode as they pass
through the layers, and that starts with the initial weights. You implement the
classic schemes and see why all-zero weights never learn. The kit's data
(``coursekit.data.session03.small_regression(n=200, n_features=10, noise=1.0)``):
``y = sum(x) + noise``.

Task: ``InitializedMLP(init_method='default')``
-----------------------------------------------
An ``nn.Module`` with ``fc1 = nn.Linear(10, 50)``, ``fc2 = nn.Linear(50, 30)``,
``fc3 = nn.Linear(30, 1)`` (2,111 parameters); ``forward(x)`` takes float32
``[N, 10]`` and returns ``fc3(relu(fc2(relu(fc1(x)))))``, float32 ``[N, 1]``.
After creating the layers, initialise all three according to ``init_method``:

- ``'zeros'``: every weight and every bias 0 (``nn.init.zeros_``);
- ``'xavier'``: weights ``nn.init.xavier_uniform_``, i.e. uniform in ``[-b, b]`` with
  ``b = sqrt(6 / (fan_in + fan_out))``; biases 0;
- ``'kaiming'``: weights ``nn.init.kaiming_uniform_(w, nonlinearity='relu')``, i.e.
  uniform with ``b = sqrt(6 / fan_in)`` (the default ``mode='fan_in'``); biases 0;
- ``'default'``: leave PyTorch's own initialisation alone (weights and biases uniform
  with ``b = 1 / sqrt(fan_in)``).

Any other name (``'he'``, ``'Xavier'``, ``''``, ...) raises ``ValueError`` in
``__init__``: a typo must not silently give you PyTorch's default initialisation.

For ``nn.Linear(fan_in, fan_out)`` the weight has shape ``[fan_out, fan_in]``.
Xavier suits sigmoid/tanh, Kaiming suits ReLU; with all zeros every hidden unit
computes the same thing (and with ReLU, nothing at all), so the hidden layers never
learn.

What the graders check
----------------------
- the layers and the output shape ``[N, 1]``; 2,111 parameters for every method;
- ``'zeros'``: all parameters exactly 0 (and so the output);
- ``'xavier'``, ``'kaiming'``: every weight within its bound, the spread of a uniform
  draw (standard deviation within 10% of ``b / sqrt(3)`` on fc1 and fc2), biases
  exactly 0;
- ``'default'``, and ``InitializedMLP()`` built with no argument: weights and biases
  within ``1 / sqrt(fan_in)``, the same spread, biases not zero;
- ``unknown_method``: ``InitializedMLP(name)`` raises ``ValueError`` for names such as
  ``'he'``, ``'normal'``, ``'Xavier'`` and ``''``;
- learning (hidden check): 100 full-batch Adam epochs at ``lr=0.01`` (MSE on the
  squeezed output) make the loss fall at least 10x for ``'default'``, ``'xavier'`` and
  ``'kaiming'``; with ``'zeros'`` the fc1 and fc2 weights are still all 0 afterwards;
- every tensor follows ``.to(device)`` (the ``meta`` device); CPU/GPU parity where a
  GPU exists.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401


class InitializedMLP(nn.Module):
    """10 -> 50 -> 30 -> 1 with ReLU, initialised by ``init_method``."""

    def __init__(self, init_method: str = "default"):
        super().__init__()
        # TODO: ValueError for an unknown init_method; fc1, fc2, fc3, then initialise them
        raise NotImplementedError("InitializedMLP.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: fc3(relu(fc2(relu(fc1(x)))))
        raise NotImplementedError("InitializedMLP.forward")
