"""Session 3, exercise 3: activation functions, built in and from their formulas.

Genomics context
----------------
Regulatory signals combine non-linearly: an enhancer may matter only when a second
factor is bound. Without activations, stacked Linear layers collapse into one linear
map. Here you compare the classic activations on a non-linear expression response
(``coursekit.data.session03.nonlinear_regression``: 3 inputs,
``y = sin(3*x0) + cos(2*x1) + noise``) and write three modern ones yourself.

Task 1: ``MLPWithActivation(activation='relu')``
------------------------------------------------
An ``nn.Module`` with exactly these layers: ``fc1 = nn.Linear(3, 20)``,
``fc2 = nn.Linear(20, 10)``, ``fc3 = nn.Linear(10, 1)`` (301 parameters).
``forward(x)`` takes float32 ``[N, 3]`` and returns
``fc3(act(fc2(act(fc1(x)))))``, float32 ``[N, 1]``: the activation after fc1 and after
fc2, none after fc3. ``activation`` selects it:

- ``'relu'``: ``F.relu``;  ``'sigmoid'``: ``torch.sigmoid``;  ``'tanh'``: ``torch.tanh``;
- ``'leaky_relu'``: ``F.leaky_relu`` with PyTorch's default negative slope 0.01.

Any other name raises ``ValueError`` in ``__init__`` (e.g. ``MLPWithActivation('banana')``).

Task 2: ``Swish`` and ``Mish`` (``nn.Module`` subclasses, no parameters)
------------------------------------------------------------------------
Write them from their formulas, element-wise, keeping the input's shape and dtype:

- ``Swish()(x) = x * sigmoid(x)`` (also called SiLU);
- ``Mish()(x) = x * tanh(softplus(x))`` with ``softplus(x) = log(1 + exp(x))``. Large
  inputs (say ``x = 50``) must give finite values: ``F.softplus`` is the stable way.

Task 3: ``gelu(x) -> Tensor``
-----------------------------
The exact GELU, ``x * Phi(x)``, with ``Phi`` the standard normal CDF:
``Phi(x) = 0.5 * (1 + erf(x / sqrt(2)))`` (``torch.erf``). Not the tanh
approximation, which is off by up to ~5e-4.

What the graders check
----------------------
- the layers fc1, fc2, fc3 and the output shape ``[N, 1]`` for all four names;
  301 parameters;
- for each name, the output equals fc3(act(fc2(act(fc1(x))))) computed from your own
  layers with PyTorch's functions; ``ValueError`` for unknown names;
- ``Swish``, ``Mish``, ``gelu`` equal ``F.silu``, ``F.mish``, ``F.gelu`` (values and
  gradients, for several shapes and dtypes, finite for large inputs);
- learning (hidden check): trained 100 full-batch Adam epochs at ``lr=0.01`` (MSE on
  the squeezed output) on the kit's data, the loss falls at least 4x with relu, tanh
  and leaky_relu and at least 2x with sigmoid; so gradients must flow through forward;
- every tensor follows ``.to(device)`` (the ``meta`` device); CPU/GPU parity where a
  GPU exists.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401


class MLPWithActivation(nn.Module):
    """3 -> 20 -> 10 -> 1 with the chosen activation after fc1 and fc2."""

    def __init__(self, activation: str = "relu"):
        super().__init__()
        # TODO (task 1): the three layers, and the activation (ValueError if unknown)
        raise NotImplementedError("MLPWithActivation.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1)
        raise NotImplementedError("MLPWithActivation.forward")


class Swish(nn.Module):
    """x * sigmoid(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2)
        raise NotImplementedError("Swish.forward")


class Mish(nn.Module):
    """x * tanh(softplus(x))."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2)
        raise NotImplementedError("Mish.forward")


def gelu(x: torch.Tensor) -> torch.Tensor:
    """Exact GELU: x * Phi(x), Phi the standard normal CDF."""
    # TODO (task 3)
    raise NotImplementedError("gelu")
