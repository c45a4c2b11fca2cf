"""Session 6, exercise 1: a frozen pretrained trunk and a new head (``AdaptedModel``).

Genomics context
----------------
Labelled data is plentiful for human promoters and scarce for most other species. A
network trained on human sequences has already learned detectors for the promoter
elements that many vertebrates share (TATA-box, CCAAT-box, E-box). The cheapest way to
reuse it is transfer learning with a *frozen feature extractor*: keep the pretrained
convolutional trunk exactly as it is, compute its features for the new species'
sequences, and train only a small new head on top. Only the head learns, so a few
hundred labelled zebrafish sequences are enough, and the trunk cannot forget what it
learned.

"Frozen" has two parts, and the second is easy to miss:

1. the trunk's **weights** must not change: ``requires_grad = False`` on every one of
   its parameters (the BatchNorm ``weight`` and ``bias`` included, not only the
   convolutions), so no gradient is computed for them and no optimizer step (with
   momentum or weight decay) can move them;
2. the trunk's **BatchNorm layers must stay in eval mode**. In train mode a BatchNorm
   layer normalises with the statistics of the current batch and updates its
   ``running_mean``, ``running_var`` and ``num_batches_tracked`` buffers on every
   forward pass. These are buffers, not parameters: ``requires_grad = False`` does not
   protect them, and neither does ``torch.no_grad()``. A model run as
   ``with torch.no_grad(): features = self.features(x)`` after ``model.train()`` gives
   features computed from the batch statistics, different from the ones the trunk was
   trained with, and overwrites the pretrained running statistics step after step.
   The trunk must therefore run in eval mode always, also after ``model.train()``.

The pretrained model
--------------------
``coursekit.data.session06.pretrained_model()`` returns a new ``MotifCNN`` with weights
trained (deterministically, by the kit) on four human promoter classes, in eval mode.
Each call gives an independent copy. Its parts:

- ``features``: ``nn.Sequential(Conv1d(4, 32, 9, padding=4), BatchNorm1d(32), ReLU,
  MaxPool1d(4), Conv1d(32, 512, 5, padding=2), BatchNorm1d(512), ReLU,
  AdaptiveMaxPool1d(1), Flatten)``: one-hot DNA float32 ``[N, 4, L]`` (rows A, C, G, T)
  to float32 ``[N, 512]``; 84,704 parameters;
- ``classifier``: ``Linear(512, 4)``, the human head, which this exercise does not use.

Task: ``AdaptedModel(base_model, num_classes=3, hidden=256, dropout=0.3)``
------------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly two parts:

- ``self.features = base_model.features``: the base model's own ``features`` module,
  the same object (not a copy, not a newly built trunk), so the pretrained weights are
  reused and not duplicated. ``AdaptedModel`` freezes it: every one of its parameters
  gets ``requires_grad = False`` (this also freezes it inside ``base_model``, which
  shares it). Do not register ``base_model`` itself or its ``classifier``.
- ``self.adapter``: a new head, ``nn.Sequential(nn.Linear(512, hidden), nn.ReLU(),
  nn.Dropout(dropout), nn.Linear(hidden, num_classes))``, exactly these four layers in
  this order, all trainable. It ends in logits: no softmax (``F.cross_entropy`` takes
  logits).

The defaults fit the zebrafish task: ``num_classes=3``, ``hidden=256``, ``dropout=0.3``
(the dropout probability of ``nn.Dropout``).

``forward(x)`` takes one-hot DNA, float32 ``[N, 4, L]`` (``L >= 4``; 80 in the data),
and returns ``self.adapter(self.features(x))``: logits, float32 ``[N, num_classes]``.
Call the two modules (``self.features(...)`` and ``self.adapter(...)``), one after the
other. Running the trunk under ``torch.no_grad()`` is allowed, not required.

``train(mode=True)`` behaves like ``nn.Module.train`` (it sets the mode of the model
and of every submodule, and returns the model itself, ``self``), except that
``self.features`` stays in eval mode whatever ``mode`` is; ``model.eval()`` calls
``model.train(False)``. So after ``model.train()`` the adapter is in train mode (its
dropout acts) and the trunk is in eval mode (its BatchNorm layers use and keep their
running statistics). The trunk is in eval mode from the start, too: right after
``AdaptedModel(base_model)``, before any call of ``train`` or ``eval``, even when
``base_model`` was handed over in train mode. Overriding ``train`` (and calling
``self.features.eval()`` in ``__init__``) is one solution; putting
``self.features`` in eval mode at the start of every ``forward`` is another, also
accepted (then delete the stub's ``train`` method, so that the inherited one applies,
returning ``self``). Either way, ``AdaptedModel`` must not change the mode of anything
but the trunk (the trunk is shared, so ``base_model.features`` goes to eval mode too:
that is expected).

``AdaptedModel(pretrained_model())`` has 216,803 parameters, of which exactly 132,099
are trainable (the adapter's: ``512 * 256 + 256`` and ``256 * 3 + 3``); in general the
adapter has ``(512 + 1) * hidden + (hidden + 1) * num_classes`` parameters and the trunk
84,704.

Data
----
``coursekit.data.session06.species_dataset("zebrafish", n, seed)`` gives ``(x, y)``:
float32 ``[n, 4, 80]`` one-hot zebrafish promoter sequences and int64 labels ``[n]``,
three classes (0 TATA-box, 1 CCAAT-box, 2 E-box), in equal shares, shuffled.
``domain_dataset("human", n, seed)`` gives GC-rich human sequences; the graders use
them as inputs whose batch statistics are far from the trunk's running statistics.

What the graders check
----------------------
- ``adapter_architecture``: for ``AdaptedModel(pretrained_model())`` (defaults left
  out: 3, 256, 0.3) and for ``num_classes=2, hidden=64, dropout=0.5`` and
  ``num_classes=5, hidden=32, dropout=0.0``: every layer registered;
  ``model.features`` is ``base_model.features`` (the same object); ``model.adapter`` is
  an ``nn.Sequential`` of ``Linear(512, hidden)``, ``ReLU``, ``Dropout(p=dropout)``,
  ``Linear(hidden, num_classes)`` (biases on); in eval mode, the output for 6 sequences
  is float32 ``[6, num_classes]`` and equals the adapter's layers applied to the
  pretrained trunk computed by hand from ``pretrained_state_dict()`` (rtol 1e-4,
  atol 1e-5): logits, no softmax;
- ``trainable_count``: for the same three calls, exactly the adapter's parameter count
  is trainable (132,099 with the defaults), the whole model has 84,704 more (216,803
  with the defaults), every parameter of ``model.features`` has ``requires_grad``
  False and every parameter of ``model.adapter`` True;
- ``frozen_trunk``: after ``model.train()`` and 4 full-batch steps of
  ``torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=0.01)`` with
  ``F.cross_entropy`` on 48 zebrafish sequences, every tensor of
  ``model.features.state_dict()`` is exactly unchanged: conv and BatchNorm weights and
  biases, ``running_mean``, ``running_var`` and ``num_batches_tracked``; the adapter's
  weights did change;
- ``eval_features``: for a model built on a base model in train mode, the first
  forward pass (no ``train``/``eval`` call before it) already uses the trunk in eval
  mode; then ``model.train(True)``, ``model.train(False)`` and
  ``model.train(True)`` again each return the model itself; after each, what the
  adapter receives for 16 GC-rich sequences is float32 ``[16, 512]`` and equals the
  pretrained trunk in eval mode (running statistics), computed by hand (rtol 1e-4,
  atol 1e-5); after ``model.train()`` dropout acts (two passes under different seeds
  differ), after ``model.eval()`` two passes are equal;
- ``head_learns``: the graders train ``AdaptedModel(pretrained_model())`` themselves
  (seeded initialisation, ``model.train()``, full-batch ``torch.optim.Adam`` over the
  parameters with ``requires_grad``, ``lr=0.01``, ``F.cross_entropy``, 30 steps) on
  120 zebrafish sequences (one fixed seed); in eval mode the accuracy (argmax of the
  logits) on 200 other zebrafish sequences must be at least 0.85;
- ``follows_device``: every tensor of the model and of its forward pass follows
  ``.to(device)``, in train and eval mode (checked on the ``meta`` device: a forward
  pass that moves the features to the CPU, with ``.cpu()`` or through NumPy, fails);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same weights give the
  same output on CPU and CUDA, in full float32 (TF32 off).
"""
import torch
from torch import nn

from coursekit.data.session06 import pretrained_model  # noqa: F401  (the base model to adapt)


class AdaptedModel(nn.Module):
    """The pretrained trunk (base_model.features, frozen, always in eval mode) and a new trainable head."""

    def __init__(self, base_model: nn.Module, num_classes: int = 3, hidden: int = 256,
                 dropout: float = 0.3):
        super().__init__()
        # TODO (task): self.features = base_model.features, frozen; self.adapter = nn.Sequential(...)
        raise NotImplementedError("AdaptedModel.__init__")

    def train(self, mode: bool = True) -> "AdaptedModel":
        """Like nn.Module.train (returns self), but self.features stays in eval mode."""
        # TODO (task) -- or delete this method and put self.features in eval mode in forward
        raise NotImplementedError("AdaptedModel.train")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits [N, num_classes] = self.adapter(self.features(x))."""
        # TODO (task)
        raise NotImplementedError("AdaptedModel.forward")
