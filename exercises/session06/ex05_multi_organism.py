"""Session 6, exercise 5: one shared trunk, one head per organism.

Genomics context
----------------
The same promoter elements turn up across species: a TATA box in human, mouse, zebrafish
and yeast, a CCAAT box in the vertebrates. Labelled sequences, though, are plentiful for
a few organisms and scarce for the rest. A multi-organism (multi-task) model shares what
the species have in common: one convolutional trunk reads every organism's DNA and
turns it into motif features, and each organism gets its own small output layer, its
*head*, because the organisms do not share the same set of classes (yeast has a GCN4
site that human does not, zebrafish has three classes, human four). Every organism's
training batches then improve the shared trunk, while each head only ever learns from
its own organism's labels.

Two things go wrong silently here. Heads kept in a plain Python ``dict`` (or list) work
in ``forward`` but PyTorch never sees them: they are missing from ``state_dict()``
(saved models lose them), from ``parameters()`` (the optimizer never trains them) and
from ``.to(device)``. And the frozen-feature pattern of exercise 1 (the course guide runs
the features under ``torch.no_grad()``) is wrong here: the trunk is shared and trained,
so it must receive the gradients of every organism's loss.

Task: ``MultiOrganismModel(trunk, num_classes=None, feature_dim=512)``
----------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with:

- ``trunk``: an ``nn.Module`` that maps one-hot DNA, float32 ``[N, 4, L]``, to features
  float32 ``[N, feature_dim]``, e.g. ``pretrained_model().features`` from
  ``coursekit.data.session06`` (``feature_dim = 512``). Store it as ``self.trunk``, the
  very object you are given (no copy): the model shares it, so training the model
  fine-tunes that trunk, and its parameters appear once.
- ``num_classes``: a dict ``{organism name: number of classes}``, e.g.
  ``{"yeast": 2, "human": 4}`` (names are any strings, counts positive ints). ``None``
  (the default) means one head per organism of ``SPECIES`` (from
  ``coursekit.data.session06``), in ``SPECIES`` order, with as many classes as that
  organism has motifs: ``{"human": 4, "mouse": 4, "zebrafish": 3, "yeast": 2}``.
- ``feature_dim``: the width of the trunk's features (default 512, the width of
  ``MotifCNN.features``).

It holds ``self.heads``, an ``nn.ModuleDict`` with one ``nn.Linear(feature_dim, k)``
(with a bias) per organism, keyed by the organism's name, in the order of
``num_classes``. So ``model.state_dict()`` holds exactly the trunk's entries under
``trunk.`` (its BatchNorm buffers included) and ``heads.<organism>.weight`` /
``heads.<organism>.bias`` for every organism, nothing else. Parameters: those of the
trunk plus ``(feature_dim + 1) * k`` per organism; ``MultiOrganismModel(
pretrained_model().features)`` has 84,704 + 513 * (4 + 4 + 3 + 2) = 91,373.

``forward(x, organism)``: ``x`` float32 ``[N, 4, L]``, ``organism`` a key of
``num_classes``; returns that organism's logits, float32 ``[N, k_organism]`` (no
softmax), i.e. ``self.heads[organism](self.trunk(x))``. Only the chosen head runs (do
not run every head and slice or pick from the results), so a loss on one organism's
logits gives gradients to that head and to the trunk, and none to the other heads: their
``.grad`` stays ``None``. A head that took part in the forward pass would get a zero
gradient instead, and that is not harmless: Adam keeps moving a parameter whose gradient
is zero (its momentum), so with batches of one organism at a time every other head
would drift. Do not run the trunk under ``torch.no_grad()`` or ``.detach()`` its
features, and do not switch train/eval modes in ``forward`` (the caller does). An
organism without a head (``"chicken"``, ``"Human"``: names are case-sensitive) raises
``KeyError``; never fall back to some other head.

Data
----
``coursekit.data.session06``: ``species_dataset(species, n, seed=0, length=80)`` gives
``n`` one-hot sequences ``[n, 4, length]`` of that species with int64 labels ``[n]``
indexing ``SPECIES[species]["motifs"]``; ``pretrained_model()`` gives a new
``MotifCNN`` trained on human promoters, in eval mode (its ``features`` is the trunk).

What the graders check
----------------------
Tolerances are ``rtol=1e-4, atol=1e-5``. The models checked are
``MultiOrganismModel(pretrained_model().features)`` (defaults: the four ``SPECIES``
heads, width 512), ``MultiOrganismModel(pretrained_model().features, {"mouse": 4,
"yeast": 2})`` (width left at its default) and, on a small trunk of the graders
(a Conv1d with 16 channels, ReLU, global max pooling, flatten: ``[N, 16]``, 464
parameters), ``MultiOrganismModel(trunk, num_classes={"yeast": 2, "chicken": 5,
"human": 4}, feature_dim=16)``; ``routing`` and ``chosen_head_gradients`` use the first
and the third. The sequences are ``species_dataset("mouse", ...)`` of length 80.

- ``registration``: ``model.trunk`` is the trunk passed in; ``model.heads`` is an
  ``nn.ModuleDict`` with the organisms in the order of ``num_classes``, each an
  ``nn.Linear(feature_dim, k)`` with a bias; the keys of ``model.state_dict()`` are
  exactly those named above; ``model.parameters()`` includes every trunk and head
  parameter; no layer or tensor is held in a plain list, dict or attribute;
- ``param_count``: exactly 91,373, 87,782 and 651 parameters for the three models
  (trunk parameters counted once);
- ``routing``: in eval mode, for every organism and for 6 sequences and for 1, the output
  is float32 ``[N, k]`` and equals ``F.linear(trunk(x), W, b)`` computed by the graders
  with that organism's head weights (taken from ``heads.<organism>.weight`` / ``.bias``
  after the graders set them to new random values); changing every other head's
  weights leaves the output unchanged; ``"chicken"`` (for the default model),
  ``"Human"`` and ``"zebra fish"`` raise ``KeyError``;
- ``chosen_head_gradients``: in eval mode, for every organism in turn (8 sequences),
  ``model.zero_grad(set_to_none=True)`` then ``F.cross_entropy(model(x, organism),
  y).backward()``: the logits are ``[8, k]``; the chosen head's ``weight.grad`` and
  ``bias.grad`` equal the closed form: ``delta = (softmax(z) - onehot(y)) / N``, the
  weight's gradient ``delta.T @ features``, the bias's ``delta.sum(0)``; every trunk
  parameter's ``.grad`` is set and equals the graders' own ``torch.autograd.grad`` of
  the same loss through the trunk; every other head's ``.grad`` is still ``None``;
- ``learns_all``: the output for each default organism has shape ``[N, k]``; then the
  graders train ``MultiOrganismModel(pretrained_model().features)`` themselves (seeded
  initialisation; Adam with learning rate 3e-3 for every parameter of
  ``model.parameters()`` except the trunk's, 1e-4 for the trunk's; the model kept in
  eval mode so BatchNorm keeps its pretrained statistics): 32 rounds, each one step on a
  batch of 16 sequences of every organism in turn (human, mouse, zebrafish, yeast),
  from 128 training sequences per organism of length 40; on 100 held-out sequences of
  each organism the accuracy (argmax of the logits) must be at least 0.75 for every
  organism (over 10 seeds of data and initialisation the reference's worst accuracies
  were 0.96 human, 0.95 mouse, 0.94 zebrafish, 0.84 yeast; heads that the optimizer
  never sees left every seed at 0.48 or below on some organism);
- ``follows_device``: every tensor of the default model, and of its forward pass for
  every organism, follows ``.to(device)`` (checked on the ``meta`` device: heads kept
  in a plain dict stay on the CPU);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same weights give the
  same logits for every organism on CPU and CUDA, in full float32 (TF32 off).
"""
import torch
from torch import nn

from coursekit.data.session06 import SPECIES  # noqa: F401  (the default organisms)


class MultiOrganismModel(nn.Module):
    """A shared trunk and one nn.Linear head per organism in an nn.ModuleDict."""

    def __init__(self, trunk: nn.Module, num_classes: dict | None = None, feature_dim: int = 512):
        super().__init__()
        # TODO (task): self.trunk = trunk; self.heads = nn.ModuleDict of nn.Linear(feature_dim, k)
        raise NotImplementedError("MultiOrganismModel.__init__")

    def forward(self, x: torch.Tensor, organism: str) -> torch.Tensor:
        # TODO (task): logits [N, k] of the organism's head on the trunk's features
        raise NotImplementedError("MultiOrganismModel.forward")
