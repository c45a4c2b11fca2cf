"""Session 3, exercise 3: activation functions, built in and written from their formulas.

Genomics context
----------------
Gene regulation is not additive: an enhancer may only matter once a second factor is
bound, and expression saturates as binding grows. Stacked ``nn.Linear`` layers with
nothing between them collapse into one linear map and can't express any of this; the
activation function is what makes a network non-linear. Here you build one MLP that
takes its activation by name, so the classic choices can be compared on a non-linear
expression response (the kit's data, ``coursekit.data.session03.nonlinear_regression``:
300 samples, 3 inputs in [0, 1), ``y = sin(3*x0) + cos(2*x1) + noise 0.1``), and you
write three modern activations (Swish, Mish, GELU) yourself.

Task 1: ``MLPWithActivation(activation='relu')``
------------------------------------------------
A subclass of ``torch.nn.Module`` (call ``super().__init__()`` first) with exactly these
layers as attributes:

- ``self.fc1 = nn.Linear(3, 20)``
- ``self.fc2 = nn.Linear(20, 10)``
- ``self.fc3 = nn.Linear(10, 1)``

That is 3*20 + 20 + 20*10 + 10 + 10*1 + 1 = 301 parameters; the activation adds none.
``activation`` is one of four names:

=================  ==========================================================
``'relu'``         ``F.relu`` (or ``nn.ReLU()``)
``'sigmoid'``      ``torch.sigmoid`` (or ``nn.Sigmoid()``)
``'tanh'``         ``torch.tanh`` (or ``nn.Tanh()``)
``'leaky_relu'``   ``F.leaky_relu`` (or ``nn.LeakyReLU()``) with PyTorch's default
                   negative slope **0.01**: ``x`` for ``x >= 0``, ``0.01 * x`` below
=================  ==========================================================

Any other name (``'banana'``, ``''``, ...) raises ``ValueError`` **in** ``__init__``,
i.e. when the model is built, not later in ``forward``.

``forward(x)`` takes ``x`` float32 ``[N, 3]`` and returns float32 ``[N, 1]``:
``fc3(act(fc2(act(fc1(x)))))``: the activation after fc1 and after fc2, and **none**
after fc3 (the output is a regression value that may be any real number).

Task 2: ``Swish()`` and ``Mish()``
----------------------------------
Two ``nn.Module`` subclasses without parameters whose ``forward(x)`` applies the
function element-wise to a tensor of any shape, returning the same shape and dtype
(float32 in, float32 out; float64 in, float64 out). Write them with differentiable
torch operations (no numpy, no ``.detach()``), so gradients flow through them:

- ``Swish()(x) = x * sigmoid(x)`` (also known as SiLU);
- ``Mish()(x) = x * tanh(softplus(x))``, ``softplus(x) = log(1 + exp(x))``. Use
  ``F.softplus``: written literally, ``exp(x)`` overflows to ``inf`` in float32 for
  ``x`` above about 88, and then the gradient of ``log(1 + exp(x))`` is NaN. Mish must
  give finite values **and gradients** for inputs as large as +-100 in float32.

Task 3: ``gelu(x) -> Tensor``
-----------------------------
The exact GELU, element-wise, same shape and dtype as ``x``, differentiable:
``gelu(x) = x * Phi(x)`` with ``Phi`` the standard normal CDF,
``Phi(x) = 0.5 * (1 + erf(x / sqrt(2)))`` (``torch.erf``). Do **not** use the tanh
approximation ``0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))`` nor
``x * sigmoid(1.702 * x)``: they differ from the exact GELU by up to about 5e-4 and
2e-2, far more than the graders' tolerance.

What the graders check
----------------------
Values are compared with ``|found - trusted| <= 1e-5 + 1e-4 * |trusted|``.

- ``architecture``: ``fc1``, ``fc2``, ``fc3`` are ``nn.Linear`` of the sizes above with
  biases, and the output is float32 ``[N, 1]``, for each of the four names;
- ``param_count``: 301 parameters for each of the four names;
- ``activations``: for each name, on inputs ``3 * randn(64, 3)``, your output equals
  ``fc3(act(fc2(act(fc1(x)))))`` computed from your own fc1/fc2/fc3 with PyTorch's
  ``F.relu`` / ``torch.sigmoid`` / ``torch.tanh`` / ``F.leaky_relu`` (slope 0.01); and
  ``MLPWithActivation()``, built with no argument, uses ReLU (the default);
- ``unknown_activation``: ``MLPWithActivation(name)`` raises ``ValueError`` for made-up
  names such as ``'banana'`` and ``''``;
- ``swish``, ``mish``, ``gelu``: ``Swish()`` and ``Mish()`` are ``nn.Module`` objects with
  no parameters; on ``linspace(-12, 12)`` (float32 and float64) and on a
  ``[4, 5, 6]`` float32 tensor, shape, dtype, values and gradients equal those of
  ``F.silu``, ``F.mish`` and ``F.gelu`` (exact form); at ``x = -100, -50, 50, 100``
  (float32) the values are finite and equal too, and for Mish the gradients there are
  finite as well;
- ``learns`` (hidden check): ``MLPWithActivation(name)`` trained 100 full-batch Adam
  epochs at ``lr=0.01`` (MSE between the squeezed output and ``y``) on the kit's
  300-sample data: the loss falls at least 4x for ``'relu'``, ``'tanh'`` and
  ``'leaky_relu'`` and at least 2x for ``'sigmoid'``; so gradients must flow through
  ``forward`` (no ``torch.no_grad()`` or ``.detach()`` there);
- ``follows_device``: every tensor of the model follows ``.to(device)`` (checked on the
  ``meta`` device, for each name); ``cuda_parity`` (0 points, only where a GPU exists):
  the same weights give the same outputs on CPU and GPU.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401  (F.relu, F.leaky_relu, F.softplus, ...)


class MLPWithActivation(nn.Module):
    """3 -> 20 -> 10 -> 1 with the chosen activation after fc1 and fc2."""

    def __init__(self, activation: str = "relu"):
        super().__init__()
        # TODO (task 1): raise ValueError for an unknown name; define fc1, fc2, fc3 and
        # remember the activation to use in forward
        raise NotImplementedError("MLPWithActivation.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1): fc3(act(fc2(act(fc1(x)))))
        raise NotImplementedError("MLPWithActivation.forward")


class Swish(nn.Module):
    """Swish (SiLU): x * sigmoid(x), element-wise."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): x * sigmoid(x)
        raise NotImplementedError("Swish.forward")


class Mish(nn.Module):
    """Mish: x * tanh(softplus(x)), element-wise."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 2): x * tanh(softplus(x)), with F.softplus
        raise NotImplementedError("Mish.forward")


def gelu(x: torch.Tensor) -> torch.Tensor:
    """Exact GELU: x * Phi(x), Phi the standard normal CDF (via torch.erf)."""
    # TODO (task 3): x * 0.5 * (1 + erf(x / sqrt(2)))
    raise NotImplementedError("gelu")
