"""Session 3, exercise 4: batch normalisation on features of very different scales.

Genomics context
----------------
Raw genomic features (read counts, signal tracks, expression levels) span orders of
magnitude, and the scale of a hidden unit's input drifts as the layers before it
learn. Batch normalisation re-centres and re-scales every hidden unit over the
mini-batch, then applies a learnable scale and shift; this steadies and speeds up
training. The kit's data (``coursekit.data.session03.wide_scale_regression``) has 500
samples of 10 features with standard deviation 5 and ``y = sum(x) + noise 2``.

Task 1: ``MLPWithBatchNorm(use_bn=True)``
-----------------------------------------
A subclass of ``torch.nn.Module`` (call ``super().__init__()`` first) with exactly these
attributes:

- ``self.fc1 = nn.Linear(10, 50)``, ``self.bn1 = nn.BatchNorm1d(50)``,
- ``self.fc2 = nn.Linear(50, 30)``, ``self.bn2 = nn.BatchNorm1d(30)``,
- ``self.fc3 = nn.Linear(30, 1)``.

Keep PyTorch's defaults for ``nn.BatchNorm1d``: ``eps=1e-5``, ``momentum=0.1``,
``affine=True`` (a learnable scale ``weight`` and shift ``bias`` per unit) and
``track_running_stats=True`` (running mean and variance kept as buffers).

With ``use_bn=False``, ``bn1`` and ``bn2`` are ``nn.Identity()`` instead (they return
their input unchanged), so ``forward`` is the same code in both settings and the
model has no batch norm anywhere.

``forward(x)`` takes ``x`` float32 ``[N, 10]`` and returns float32 ``[N, 1]``::

    x = bn1(relu(fc1(x)))
    x = bn2(relu(fc2(x)))
    return fc3(x)

Batch norm comes *after* the ReLU here, as in the session guide (putting it before the
ReLU is also common, but it is not this exercise's spec). Parameters: 2,271 with batch
norm (each ``BatchNorm1d(n)`` adds its 2n scales and shifts; the running statistics
are buffers, not parameters) and 2,111 without.

Remember what the modes do (``nn.BatchNorm1d`` does all of this for you):

- ``model.train()``: each unit is normalised with the mean and (biased) variance of the
  current batch, and the running statistics are updated once per forward pass:
  ``running_mean = 0.9 * running_mean + 0.1 * batch_mean``, the same for
  ``running_var`` with the unbiased batch variance;
- ``model.eval()``: each unit is normalised with the running statistics, which stay
  unchanged; a sample's output no longer depends on the other samples of the batch.

What the graders check
----------------------
Values are compared with ``|found - trusted| <= 1e-5 + 1e-4 * |trusted|``.

- ``architecture``: ``fc1``, ``fc2``, ``fc3`` are ``nn.Linear`` of the sizes above with
  biases; with ``use_bn=True``, ``bn1`` and ``bn2`` are ``nn.BatchNorm1d(50)`` and
  ``nn.BatchNorm1d(30)`` with the defaults above; the output is float32 ``[N, 1]`` in
  train and in eval mode, for both settings;
- ``param_count``: 2,271 parameters with ``use_bn=True`` and for ``MLPWithBatchNorm()``
  built with no argument (the default is ``use_bn=True``), 2,111 with ``use_bn=False``;
- ``forward_order``: with running statistics, scales and shifts set by the grader to
  values other than their initial ones, your output equals
  ``fc3(bn2(relu(fc2(bn1(relu(fc1(x)))))))`` computed with ``F.batch_norm`` from your own
  layers, in eval mode (running statistics) and in train mode (batch statistics);
- ``running_stats``: starting from running statistics set by the grader, after one
  train-mode forward pass of 64 samples the running mean and variance of ``bn1`` and
  ``bn2`` equal those ``F.batch_norm`` computes with momentum 0.1; in eval mode a forward pass leaves them unchanged and each sample's output is the
  same alone as in a batch;
- ``no_bn_identity``: with ``use_bn=False``, ``bn1`` and ``bn2`` are ``nn.Identity``, the
  model holds no batch norm layer, and in train mode each sample's output is the same
  alone as in a batch and equals ``fc3(relu(fc2(relu(fc1(x)))))``;
- ``learns`` (hidden check): 100 full-batch Adam epochs at ``lr=0.01`` in train mode
  (MSE between the squeezed output and ``y``) on the kit's 500 samples make the loss
  fall at least 20x, with and without batch norm; so gradients must flow through
  ``forward`` (no ``torch.no_grad()`` or ``.detach()`` there);
- ``follows_device``: every tensor of the model, buffers included, follows
  ``.to(device)`` (checked on the ``meta`` device, both settings); ``cuda_parity``
  (0 points, only where a GPU exists): the same weights give the same outputs on CPU
  and GPU.
"""
import torch
from torch import nn
import torch.nn.functional as F  # noqa: F401  (F.relu is one way to write forward)


class MLPWithBatchNorm(nn.Module):
    """10 -> 50 -> 30 -> 1, ReLU then batch norm after each hidden layer."""

    def __init__(self, use_bn: bool = True):
        super().__init__()
        # TODO (task 1): fc1, bn1, fc2, bn2, fc3 (bn1 and bn2 are nn.Identity() when
        # use_bn is False)
        raise NotImplementedError("MLPWithBatchNorm.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO (task 1): bn1(relu(fc1(x))), then bn2(relu(fc2(.))), then fc3
        raise NotImplementedError("MLPWithBatchNorm.forward")
