"""Session 6, exercise 3: unfreezing a pretrained model in stages, with a learning rate per group.

Genomics context
----------------
The kit's pretrained ``MotifCNN`` learned four human promoter elements (TATA-box,
CCAAT-box, GC-box, E-box) on promoters of average GC content. CpG-island promoters are
GC-rich (``domain_dataset("human", ...)``, GC 0.65): the same elements on another
background, where the pretrained model loses accuracy. With only a few dozen labelled
sequences, training every weight at once at one learning rate can wreck the motif
detectors the model already has ("catastrophic forgetting"). *Gradual unfreezing*
adapts it from the top down: first only the classifier head trains, then the conv block
nearest to it joins, and only at the end the first conv block (the 9-bp motif scanners,
the most general features); the pretrained trunk moves with a smaller learning rate
than the head throughout.

Freezing has silent failure modes. A parameter with ``requires_grad=False`` gets no
gradient, but it still moves if it sits in an optimizer with weight decay or momentum
and its ``.grad`` is a tensor of zeros rather than ``None``
(``zero_grad(set_to_none=False)``, or a gradient left from earlier): SGD adds
``weight_decay * p`` to a zero gradient and takes a step. And a BatchNorm layer in
train mode updates its running mean and variance in every forward pass, whatever
``requires_grad`` says. So "frozen" here means: not in any parameter group, and, for
BatchNorm, in eval mode.

The model
---------
``coursekit.data.session06.pretrained_model()`` returns a new ``MotifCNN`` with the
pretrained weights, in eval mode, every parameter with ``requires_grad=True``.
``model.features`` is an ``nn.Sequential``:
``[0]`` Conv1d(4, 32, 9, padding=4), ``[1]`` BatchNorm1d(32), ``[2]`` ReLU,
``[3]`` MaxPool1d(4), ``[4]`` Conv1d(32, 512, 5, padding=2), ``[5]`` BatchNorm1d(512),
``[6]`` ReLU, ``[7]`` AdaptiveMaxPool1d(1), ``[8]`` Flatten, giving ``[N, 512]``;
``model.classifier`` is Linear(512, 4). The parts and their parameter names:

- the head: ``model.classifier`` (``classifier.weight``, ``classifier.bias``), 2,052
  parameters;
- the second block: ``features[4]`` and ``features[5]`` (``features.4.*``,
  ``features.5.*``), 83,456 parameters;
- the first block: ``features[0]`` and ``features[1]`` (``features.0.*``,
  ``features.1.*``), 1,248 parameters.

(The BatchNorm layers ``features[1]`` and ``features[5]`` also hold buffers,
``running_mean``, ``running_var`` and ``num_batches_tracked``, in ``state_dict()``.)
Every function below takes such a model and changes it in place.

Task 1: ``set_stage(model, stage)``
-----------------------------------
Prepare ``model`` for training at ``stage``:

- stage 0: only the head is trainable (2,052 trainable parameters);
- stage 1: the head and the second block (85,508);
- stage 2: everything (86,756).

Set ``requires_grad`` on EVERY parameter: ``True`` for the stage's parts, ``False`` for
all others, whatever it was before (the function is called on fresh models, where
everything requires grad, and on models left at any other stage, e.g. 2 then 0). Then
the modes: the model in train mode (``model.train()``), except the BatchNorm layers of
frozen blocks, which go to eval mode (``features[1]`` at stages 0 and 1, ``features[5]``
at stage 0): in eval mode they normalise with their stored statistics and don't update
them. Any other ``stage`` raises ``ValueError``. Change nothing else: no layer is
replaced, no weight or buffer changes. It returns nothing (what it returns is ignored).

Task 2: ``make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4)``
----------------------------------------------------------------------------------------------
Return a ``torch.optim.SGD`` over the parameters that are trainable NOW (those with
``requires_grad`` True at the call; set by ``set_stage`` or by anyone else), in
parameter groups:

- the head group: the classifier's parameters (they are always trainable here), with
  ``lr=head_lr``;
- the trunk group: the parameters of ``model.features`` that require grad, with
  ``lr=trunk_lr``; leave it out when there are none (stage 0); a group without
  parameters is ignored by the graders anyway.

A frozen parameter belongs to no group. Every group has ``momentum=momentum`` and
``weight_decay=weight_decay`` (SGD's coupled L2 decay), ``nesterov=False`` and
``dampening=0`` (SGD's defaults). For example::

    torch.optim.SGD([{"params": head, "lr": head_lr}, {"params": trunk, "lr": trunk_lr}],
                    lr=head_lr, momentum=momentum, weight_decay=weight_decay)

``make_optimizer`` reads ``requires_grad``; it doesn't change it.

Task 3: ``train_gradually``, the schedule
----------------------------------------
``train_gradually(model, x, y, epochs_per_stage=2, batch_size=32, head_lr=1e-3,
trunk_lr=1e-4, seed=0) -> history``

``x``: float32 one-hot DNA ``[N, 4, L]``; ``y``: int64 class labels ``[N]`` (0..3).
Create ONE generator for the whole call, ``g = torch.Generator().manual_seed(seed)``
(it neither reads nor changes torch's global random state). Then for ``stage`` in
0, 1, 2, in this order:

1. ``set_stage(model, stage)``, and don't change any mode after it (no ``model.train()``
   inside the loop: it would put the frozen BatchNorm layers back in train mode);
2. a NEW optimizer: ``make_optimizer(model, head_lr=head_lr, trunk_lr=trunk_lr)``
   (momentum and weight decay at their defaults). Built after ``set_stage``, so that it
   holds the parameters unfrozen at this stage; built anew, so that each stage starts
   with fresh momentum;
3. ``epochs_per_stage`` epochs; each epoch draws ``order = torch.randperm(N,
   generator=g)`` and goes through ``order.split(batch_size)`` (the last batch may be
   smaller); for each batch of indices ``b``: ``optimizer.zero_grad()``, the loss
   ``F.cross_entropy(model(x[b]), y[b])`` (mean over the batch), ``loss.backward()``,
   ``optimizer.step()``, and keep ``loss.item()``. (``zero_grad()`` right after
   ``step()`` instead is fine.) Call the model only on these batches with gradients
   enabled; an extra evaluation under ``torch.no_grad()`` is allowed.
4. append ``{"stage": stage, "trainable": count, "losses": losses}`` to the history:
   ``count`` the number of trainable parameter elements at this stage
   (``sum(p.numel() for p in model.parameters() if p.requires_grad)``), ``losses``
   the list of this stage's batch losses as Python floats, in order.

At the end call ``model.eval()`` and return the history: a list of three dicts.

Data
----
``coursekit.data.session06.domain_dataset("human", n, seed)`` gives ``(x, y)``: ``n``
GC-rich promoters, float32 ``[n, 4, 80]`` and int64 ``[n]`` labels in the pretrained
model's four classes. Every check starts from a fresh ``pretrained_model()``.

What the graders check
----------------------
Trajectories are compared with ``rtol=1e-4, atol=1e-5``; requires_grad, modes, groups
and learning rates exactly; "unchanged" means bit-identical (``torch.equal``).

- ``stages``: ``set_stage`` called on one fresh pretrained model with stages 0, 1, 2,
  0, 2, 1 in turn: after each call ``requires_grad`` is True exactly for the stage's
  parameters (by name, as listed above) and the trainable count is 2,052, 85,508 or
  86,756; the model is in train mode and ``features[1]``/``features[5]`` are in eval
  mode exactly when their block is frozen; the parameters are the same objects and no
  weight or buffer changed; ``set_stage(model, 3)`` and ``set_stage(model, -1)`` raise
  ``ValueError``;
- ``param_groups``: with ``requires_grad`` set by the graders as at stages 0, 1, 2 and
  as head + ``features[0]`` + ``features[5]``,
  ``make_optimizer(model, head_lr=0.05, trunk_lr=0.002, momentum=0.8, weight_decay=0.01)``
  returns a ``torch.optim.SGD`` whose groups with parameters are exactly a head group
  (the two classifier parameters, lr 0.05) and, when some trunk parameter is trainable,
  one trunk group (exactly the trainable ``features`` parameters, lr 0.002); each with
  momentum 0.8, weight decay 0.01, nesterov False and dampening 0; ``requires_grad``
  unchanged by the call;
- ``frozen_stay_put``: every parameter of a fresh model first gets a stale gradient
  (one backward pass with everything trainable); then ``set_stage(model, 0)``,
  ``make_optimizer(model, head_lr=0.05, trunk_lr=0.01, momentum=0.9,
  weight_decay=0.05)`` and 3 steps of the graders' own loop
  (``optimizer.zero_grad(set_to_none=False)``, cross-entropy on 16 sequences,
  ``backward``, ``step``; no mode change), then the same at stage 1: after each stage,
  every frozen parameter and every BatchNorm buffer of a frozen block is bit-identical
  to before the stage's steps, every trainable parameter changed, and the running mean
  of each trainable BatchNorm layer changed;
- ``unfreezing_order``: ``train_gradually(model, x, y, epochs_per_stage=1,
  batch_size=25, head_lr=0.02, trunk_lr=0.005, seed=3)`` on 60 sequences, watched at
  every forward pass with gradients enabled: 3 batches at stage 0, then 3 at stage 1,
  then 3 at stage 2 (the stage read from ``requires_grad``), with the BatchNorm modes
  of ``set_stage``; during each stage nothing frozen changes (weights and BatchNorm
  buffers) and every trainable parameter moves. The returned history is three dicts
  with stages 0, 1, 2, trainable counts 2,052, 85,508, 86,756 and 3 Python-float losses
  each; the model is in eval mode afterwards (every module); the losses and the final
  weights and BatchNorm statistics equal the graders' own run of the schedule (the same
  batches, ``torch.autograd.grad`` on the trainable parameters and the SGD rule with
  momentum and weight decay written out, new momentum at each stage);
- ``defaults``: ``make_optimizer(model)`` at stage 1 has lr 1e-3 (head) and 1e-4
  (trunk), momentum 0.9 and weight decay 1e-4; ``train_gradually(model, x, y)`` on 64
  sequences (so 2 epochs of 2 batches of 32 per stage, seed 0) passes the same history,
  eval-mode and trajectory checks as in ``unfreezing_order``, with the default learning
  rates.
"""
import torch
import torch.nn.functional as F  # noqa: F401  (the loss of task 3)
from torch import nn


def set_stage(model: nn.Module, stage: int) -> None:
    """Make exactly the stage's parameters trainable; frozen BatchNorm layers go to eval mode."""
    # TODO (task 1)
    raise NotImplementedError("set_stage")


def make_optimizer(model: nn.Module, head_lr: float = 1e-3, trunk_lr: float = 1e-4,
                   momentum: float = 0.9, weight_decay: float = 1e-4) -> torch.optim.SGD:
    """SGD with a head group (head_lr) and a group of the trainable trunk parameters (trunk_lr)."""
    # TODO (task 2)
    raise NotImplementedError("make_optimizer")


def train_gradually(model: nn.Module, x: torch.Tensor, y: torch.Tensor, epochs_per_stage: int = 2,
                    batch_size: int = 32, head_lr: float = 1e-3, trunk_lr: float = 1e-4,
                    seed: int = 0) -> list:
    """Stages 0, 1, 2 in turn, a new optimizer each; one dict per stage, model left in eval mode."""
    # TODO (task 3)
    raise NotImplementedError("train_gradually")
