"""Session 3, exercise 4: batch normalisation on features of very different scales.

Genomics context
----------------
Raw genomic features (read counts, signal tracks, expression) span orders of
magnitude. Batch normalisation re-centres and re-scales each hidden unit over the
mini-batch, which steadies training. The kit's data
(``coursekit.data.session03.wide_scale_regression``) has 10 features with standard
deviation 5 and ``y = sum(x) + noise``.

Task: ``MLPWithBatchNorm(use_bn=True)``
---------------------------------------
An ``nn.Module`` with exactly these attributes:

- ``fc1 = nn.Linear(10, 50)``, ``bn1 = nn.BatchNorm1d(50)``,
- ``fc2 = nn.Linear(50, 30)``, ``bn2 = nn.BatchNorm1d(30)``,
- ``fc3 = nn.Linear(30, 1)``.

With ``use_bn=False``, ``bn1`` and ``bn2`` are ``nn.Identity()`` instead (so
``forward`` needs no if). Keep PyTorch's defaults for BatchNorm1d (eps 1e-5,
momentum 0.1, learnable scale and shift, running statistics).

``forward(x)`` takes float32 ``[N, 10]`` and returns float32 ``[N, 1]``:

    x = bn1(relu(fc1(x)))
    x = bn2(relu(fc2(x)))
    return fc3(x)

Batch norm comes *after* the ReLU here, as in the session guide. Parameters: 2,271
with batch norm (each BatchNorm1d(n) adds 2n: its scale and shift), 2,111 without.
Remember what the modes mean: in ``train()`` mode BatchNorm normalises with the
batch's own mean and variance and updates its running statistics
(``running = 0.9 * running + 0.1 * batch``, the variance unbiased); in ``eval()`` mode
it uses the running statistics, so each sample's output no longer depends on the
rest of the batch.

What the graders check
----------------------
- the layers and their sizes, for both settings; the output shape ``[N, 1]``;
  2,271 / 2,111 parameters;
- the order: in eval and in train mode, the output equals
  ``fc3(bn2(relu(fc2(bn1(relu(fc1(x)))))))`` computed with ``F.batch_norm`` from your own
  layers and their statistics;
- the running statistics: one train-mode batch updates them with momentum 0.1; eval
  mode leaves them alone and treats samples independently;
- ``use_bn=False``: ``bn1`` and ``bn2`` are ``nn.Identity``, no BatchNorm anywhere;
- learning (hidden check): 100 full-batch Adam epochs at ``lr=0.01`` (MSE on the
  squeezed output) on the kit's data make the loss fall at least 20x, with and
  without batch norm;
- every tensor follows ``.to(device)`` (the ``meta`` device); CPU/GPU parity where a
  GPU exists.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401


class MLPWithBatchNorm(nn.Module):
    """10 -> 50 -> 30 -> 1 with batch norm after each hidden ReLU."""

    def __init__(self, use_bn: bool = True):
        super().__init__()
        # TODO: fc1, bn1, fc2, bn2, fc3 (bn layers are nn.Identity when use_bn is False)
        raise NotImplementedError("MLPWithBatchNorm.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: bn1(relu(fc1(x))), bn2(relu(fc2(x))), fc3(x)
        raise NotImplementedError("MLPWithBatchNorm.forward")
