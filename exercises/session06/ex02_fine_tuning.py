"""Session 6, exercise 2: fine-tuning to a new species from a state dict.

Genomics context
----------------
A model trained on plenty of human promoter sequences has learned motif detectors
(TATA-box, CCAAT-box, GC-box, E-box). Yeast shares the TATA-box with human but its
second promoter class here is the GCN4 site (``TGACTCAT``, the amino-acid starvation
response element), a motif the human model never saw, and only a few dozen labelled
yeast sequences are at hand. *Fine-tuning* starts the yeast model from the human
model's convolutional trunk, gives it a new classification head with the yeast number
of classes, and then trains *every* parameter (trunk and head) for a short while on
the small yeast set. With so few sequences the same network trained from random
weights does clearly worse: this is the whole point of transfer learning.

Pretrained weights usually arrive as a saved ``state_dict`` (``torch.save(
model.state_dict(), path)``, later ``torch.load(path)``): a dict from names to tensors.
Loading one into a model built for another task is where the silent mistakes live:

- the source head does not fit (``classifier.weight`` is ``[4, 512]``, yeast needs
  ``[2, 512]``), so ``model.load_state_dict(state_dict)`` raises a size mismatch, and
  ``strict=False`` does not help (a size mismatch raises even then);
- ``strict=False`` without looking at what was loaded is worse: if the names do not
  match (a prefix such as ``module.``, written by ``nn.DataParallel``), *nothing* is
  loaded, no error is raised, and you "fine-tune" a randomly initialised network;
- a state dict holds the BatchNorm **buffers** too (``running_mean``, ``running_var``,
  ``num_batches_tracked``): copying only ``model.parameters()`` leaves the running
  statistics at their initial values (0 and 1), and the trunk computes different
  features in eval mode than the pretrained one did;
- the weights must be *copied into* the model's own tensors: a model that holds the
  state dict's tensors themselves (``nn.Parameter(state_dict[name])`` or
  ``load_state_dict(..., assign=True)``) shares memory with the dict (training then
  changes the source weights) and ignores where the model lives (``.to(device)``).

The data and the pretrained weights (``coursekit.data.session06``)
-----------------------------------------------------------------
- ``MotifCNN(num_classes=4)``: the architecture of the pretrained model. ``features``
  is ``nn.Sequential(Conv1d(4, 32, 9, padding=4), BatchNorm1d(32), ReLU, MaxPool1d(4),
  Conv1d(32, 512, 5, padding=2), BatchNorm1d(512), ReLU, AdaptiveMaxPool1d(1),
  Flatten)``, one-hot DNA float32 ``[N, 4, L]`` to ``[N, 512]`` (84,704 parameters);
  ``classifier`` is ``Linear(512, num_classes)`` (``513 * num_classes`` parameters);
  ``forward(x) = classifier(features(x))``, logits ``[N, num_classes]``.
- ``pretrained_state_dict()``: a fresh copy of the pretrained human model's
  ``state_dict`` (what ``torch.load`` of the saved file gives): 16 entries, the
  ``features.*`` ones (e.g. ``features.0.weight`` ``[32, 4, 9]``,
  ``features.1.running_mean`` ``[32]``, ``features.5.num_batches_tracked``, a 0-d int64
  tensor) and the human head ``classifier.weight`` ``[4, 512]``, ``classifier.bias``
  ``[4]``.
- ``species_dataset("yeast", n, seed)``: ``(x, y)``, ``n`` one-hot sequences float32
  ``[n, 4, 80]`` and int64 labels ``[n]``: 0 = TATA-box, 1 = GCN4 site.

Task 1: ``load_trunk(model, state_dict)``
-----------------------------------------
Copy the pretrained trunk into ``model`` (a ``MotifCNN`` of any ``num_classes``) and
return ``model`` itself (the same object, changed in place).

- Every entry of ``state_dict`` whose key starts with ``"features."`` is copied into
  the tensor of the same name in ``model`` (``features.0.weight`` into
  ``model.features[0].weight``, and so on): all parameters **and** all BatchNorm buffers.
- Entries whose key does not start with ``"features."`` are left out: the source head
  (``classifier.*``) is never used, whatever its shape. ``model.classifier`` is left
  exactly as it was, even when its shape equals the source head's.
- Strict about the trunk: raise ``RuntimeError`` if a trunk tensor of the model has no
  ``features.*`` entry in ``state_dict`` (a missing key, e.g. every key prefixed with
  ``module.``), if a ``features.*`` entry names no tensor of the model's trunk (an
  unexpected key), or if shapes differ (a size mismatch). A state dict without any
  ``classifier.*`` entry (the trunk alone) loads without error.
  (``model.features.load_state_dict(...)`` with the prefix removed, strict as it is by
  default, raises exactly these ``RuntimeError``; so does ``load_state_dict`` for a
  size mismatch even with ``strict=False``. Checking the missing and unexpected keys
  that ``strict=False`` returns, and raising yourself, is fine too.)
- Copy the values into the model's own tensors (in place: ``load_state_dict`` without
  ``assign``, or ``tensor.copy_`` under ``torch.no_grad()``): after the call the model
  shares no memory with ``state_dict``, and every tensor stays on the model's device.
- Do not change ``state_dict`` (no ``pop``/``del`` on the caller's dict), nor any
  ``requires_grad`` flag: fine-tuning trains every parameter.

Task 2: ``new_species_model(state_dict, num_classes)``
------------------------------------------------------
Build ``MotifCNN(num_classes)`` (its own default initialisation, drawn from torch's
global random generator, which the graders seed before the call: draw nothing else
before it), load the trunk with ``load_trunk`` and return the model. Its head is the
new, randomly initialised ``Linear(512, num_classes)`` of that ``MotifCNN``: never the
source head, nor a slice of it. Every parameter requires grad (freeze nothing).

Task 3: ``fine_tune(model, x, y, epochs=10, lr=1e-3, batch_size=8, seed=0)``
---------------------------------------------------------------------------
Train every parameter of ``model`` on ``x`` (float32 ``[n, 4, L]``) and ``y`` (int64
``[n]``) and return the loss of each epoch, a list of ``epochs`` Python floats:

- ``model.train()`` first (the model may arrive in eval mode; BatchNorm must use batch
  statistics while training), and ``model.eval()`` at the end, before returning;
- one ``torch.optim.Adam(model.parameters(), lr=lr)`` for the whole run (other
  arguments at their defaults);
- one ``torch.Generator().manual_seed(seed)`` for the shuffling; every epoch draws
  ``order = torch.randperm(n, generator=that_generator)`` and walks it in consecutive
  batches of ``batch_size`` indices (the last one smaller when ``batch_size`` does not
  divide ``n``). The order comes from that generator only, never from the global
  RNG. Note that ``DataLoader(..., shuffle=True, generator=that_generator)`` gives other
  orders (it first draws a seed of its own from the generator); a ``DataLoader`` with
  ``sampler=order.tolist()`` built from your own ``order`` is fine;
- per batch: ``zero_grad``, ``F.cross_entropy(model(x[batch]), y[batch])`` (the mean
  over the batch), ``backward``, ``step``;
- the loss of an epoch is the mean loss per sequence over that epoch: the sum over its
  batches of ``loss.item() * batch length``, divided by ``n`` (with batches of unequal
  size this differs from the plain mean of the batch losses).

The defaults are the budget of the yeast experiment: 32 sequences, 10 epochs of 4
batches of 8, Adam at ``1e-3``.

What the graders check
----------------------
- ``load_trunk``: into ``MotifCNN(2)`` and ``MotifCNN(3)`` (seeded), ``load_trunk(model,
  pretrained_state_dict())`` returns ``model`` itself, and every trunk tensor
  (parameters and BatchNorm buffers, ``num_batches_tracked`` included) equals the state
  dict's (exactly); the state dict keeps its keys and values; changing the loaded
  model's tensors in place leaves the state dict unchanged (copies, no shared memory);
  every parameter still requires grad; the trunk of ``new_species_model(state_dict, 2)``
  equals the state dict's too;
- ``strict_rules``: ``RuntimeError`` for a state dict with one BatchNorm buffer
  (``features.5.running_var``) left out, with an extra ``features.9.weight``, with
  ``features.4.weight`` of shape ``[512, 32, 3]`` instead of ``[512, 32, 5]``, and with
  every key prefixed ``module.``; no exception for the full state dict into
  ``MotifCNN(2)``, ``MotifCNN(3)`` and ``MotifCNN(4)``, nor for the trunk entries alone;
- ``new_head``: ``new_species_model(state_dict, k)`` for ``k`` = 2, 3, 4 (global seed
  fixed before each call) has exactly ``84,704 + 513 * k`` parameters, a
  ``Linear(512, k)`` head equal (rtol 1e-4, atol 1e-5) to the head of ``MotifCNN(k)``
  built under the same seed (the new head, not the source one), every parameter
  trainable, logits ``[N, k]``; ``load_trunk`` leaves the head of a seeded
  ``MotifCNN(4)`` unchanged;
- ``fine_tune_steps``: on a loaded ``MotifCNN(2)`` handed over in eval mode,
  ``fine_tune(model, x, y)`` with every default left out (32 yeast sequences), and
  ``fine_tune(model, x, y, epochs=3, lr=0.005, batch_size=6, seed=11)`` on 20 zebrafish
  sequences (3 classes; batches 6, 6, 6, 2), each give the per-epoch losses (a list of
  ``epochs`` floats) and final weights and BatchNorm buffers of a trusted loop that
  follows Task 3 on a copy of the same model (rtol 1e-3, atol 1e-5), and leave the
  model in eval mode;
- ``beats_scratch``: for 3 seeds ``s`` = 0, 1, 2: 32 yeast sequences
  (``species_dataset("yeast", 32, seed=100 + s)``), ``new_species_model(
  pretrained_state_dict(), 2)`` under global seed ``s`` and ``MotifCNN(2)`` under the
  same seed (from scratch), both trained with ``fine_tune(model, x, y)`` (defaults);
  accuracy (argmax of the logits in eval mode) on 200 held-out yeast sequences
  (``seed=999``). The fine-tuned accuracy minus the scratch accuracy, averaged over the
  3 seeds, must be at least 0.06 (the reference: 0.135 on these seeds; over seeds 0 to
  11 every single seed gave a margin of at least 0.065, and the four groups of 3
  consecutive seeds means of 0.128 to 0.253);
- ``follows_device``: ``load_trunk`` into a ``MotifCNN(2)`` on the ``meta`` device keeps
  every tensor of the model on ``meta`` (a model holding the state dict's own CPU
  tensors fails), and every tensor of ``new_species_model(state_dict, 2)`` and of its
  forward pass follows ``.to(device)`` (on ``meta``);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the model of
  ``new_species_model(state_dict, 2)`` gives the same logits on CPU and CUDA, in full
  float32 (TF32 off).
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.cross_entropy for task 3)
from torch import nn

from coursekit.data.session06 import MotifCNN  # noqa: F401  (the architecture for task 2)


def load_trunk(model: nn.Module, state_dict: dict) -> nn.Module:
    """Copy every features.* tensor of state_dict into model (strict about the trunk); return model."""
    # TODO (task 1)
    raise NotImplementedError("load_trunk")


def new_species_model(state_dict: dict, num_classes: int) -> nn.Module:
    """MotifCNN(num_classes) with the pretrained trunk loaded and a new head."""
    # TODO (task 2)
    raise NotImplementedError("new_species_model")


def fine_tune(model: nn.Module, x: torch.Tensor, y: torch.Tensor, epochs: int = 10, lr: float = 1e-3,
              batch_size: int = 8, seed: int = 0) -> list:
    """Seeded mini-batch Adam over every parameter; the mean loss per sequence of each epoch."""
    # TODO (task 3)
    raise NotImplementedError("fine_tune")
