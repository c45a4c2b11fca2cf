"""Session 6, exercise 4: domain adaptation from mouse to human, by gradient reversal and by AdaBN.

Genomics context
----------------
Labels are cheap where an assay has been run many times and scarce elsewhere: promoter
elements annotated in one genome, or in one kind of region, often have to be found in
another where nobody has labelled anything. The biology carries over (a TATA box is a
TATA box), but the background does not: an AT-rich genome and GC-rich CpG-island
promoters give a convolutional network very different input statistics, and a model
trained on one loses accuracy on the other even though the motifs are the same. This
is a *domain shift*, and *unsupervised domain adaptation* uses unlabelled sequences of
the target domain to close it. You write the two classic tools:

- **gradient reversal (DANN)**: a domain classifier learns to tell source from target
  features, and a gradient-reversal layer between it and the shared trunk makes the
  trunk work *against* it, so that the features stop carrying the domain while still
  serving the labelled task;
- **AdaBN**: a network with BatchNorm keeps the source data's feature statistics in its
  running mean and variance; replacing them with the target domain's own statistics is
  often enough to undo much of the shift, without any training.

Data and the pretrained model
-----------------------------
From ``coursekit.data.session06`` (seeded, it never touches the global random state):

- ``domain_dataset(domain, n, seed=0)``: ``(x, y)``, one-hot DNA float32 ``[n, 4, 80]``
  (rows A, C, G, T) and int64 labels ``[n]`` in 0-3: the four promoter elements
  TATA-box, CCAAT-box, GC-box and E-box, each planted once in background DNA. The
  ``"mouse"`` domain (the labelled source) has an AT-rich background (GC 0.35), the
  ``"human"`` domain (the unlabelled target) a GC-rich one (GC 0.65, CpG-island
  promoters).
- ``pretrained_model()``: a new ``MotifCNN`` with trained weights, in eval mode. Its
  ``features`` (Conv1d(4, 32, 9, padding=4), BatchNorm1d(32), ReLU, MaxPool1d(4),
  Conv1d(32, 512, 5, padding=2), BatchNorm1d(512), ReLU, AdaptiveMaxPool1d(1),
  Flatten) map ``[N, 4, L]`` to ``[N, 512]`` (84,704 parameters); its ``classifier``
  is Linear(512, 4). It scores about 0.96 on mouse-domain sequences but only about
  0.78 on human-domain ones. ``MotifCNN()`` gives the same architecture, untrained.

Task 1: ``GradientReversal`` and ``grad_reverse(x, lambd=1.0)``
---------------------------------------------------------------
``GradientReversal`` is a subclass of ``torch.autograd.Function`` with two static
methods (``@staticmethod``):

- ``forward(ctx, x, lambd)``: returns ``x`` unchanged (same values, shape and dtype;
  ``x.view_as(x)`` or ``x.clone()``), and keeps ``lambd`` (a Python float) on ``ctx``;
- ``backward(ctx, grad_output)``: returns one gradient per input of ``forward``:
  ``-lambd * grad_output`` for ``x`` and ``None`` for ``lambd`` (not a tensor).

``grad_reverse(x, lambd=1.0)`` returns ``GradientReversal.apply(x, lambd)``: the
identity on the way forward, the gradient multiplied by ``-lambd`` on the way back.
Only what flows through ``grad_reverse`` is flipped; the same tensor used elsewhere
keeps its plain gradient (so a hook on ``x`` is not the same thing). ``lambd = 0``
passes a zero gradient.

Task 2: ``DANN(features, feature_dim=512, num_classes=4)``
-----------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) with exactly these attributes:

- ``self.features``: the trunk module it is given (stored as it is, not copied); it
  maps ``[N, 4, L]`` to ``[N, feature_dim]`` (e.g. ``pretrained_model().features`` or
  ``MotifCNN().features`` with ``feature_dim=512``; the graders also pass smaller
  trunks of their own, with a ``Conv1d`` first and a ``BatchNorm1d`` second);
- ``self.label_head = nn.Linear(feature_dim, num_classes)``;
- ``self.domain_head = nn.Sequential(nn.Linear(feature_dim, 64), nn.ReLU(),
  nn.Linear(64, 1))`` (a module of your own with those two Linear layers, in that
  order, and a ReLU between them is fine too).

``forward(x, lambd=1.0)`` computes the features once, ``f = self.features(x)``, and
returns ``(class_logits, domain_logits)``: ``self.label_head(f)``, float32
``[N, num_classes]``, and ``self.domain_head(grad_reverse(f, lambd)).squeeze(-1)``,
float32 ``[N]`` (one logit per sequence: > 0 means "target"). The reversal sits only
on the domain path: the label head and the trunk learn the labelled task normally,
the domain head learns to tell the domains apart, and the trunk receives the domain
head's gradient multiplied by ``-lambd``. ``DANN(MotifCNN().features)`` has 119,653
parameters: trunk 84,704, label head 512 * 4 + 4 = 2,052, domain head 512 * 64 + 64 +
64 + 1 = 32,897. Do not run the trunk under ``torch.no_grad()`` (the course guide's
``AdaptedModel`` does that to freeze it; here the trunk must learn).

Task 3: ``dann_losses(model, source_x, source_y, target_x, lambd)``
-------------------------------------------------------------------
Both DANN losses from ONE forward pass of ``model`` over
``torch.cat([source_x, target_x])`` with the given ``lambd`` (so BatchNorm sees both
domains in one batch):

- ``label_loss``: ``F.cross_entropy`` of the class logits of the source rows (the
  first ``len(source_x)``) with ``source_y`` (int64); the target rows have no labels;
- ``domain_loss``: ``F.binary_cross_entropy_with_logits`` of the domain logits of ALL
  rows with domain labels 0.0 for every source row and 1.0 for every target row, the
  mean over all ``len(source_x) + len(target_x)`` rows (the two sets may differ in
  size). Create the domain labels on the logits' device and dtype (e.g.
  ``torch.ones_like(domain_logits)``, or ``device=domain_logits.device``).

Returns ``(label_loss, domain_loss)``, two 0-d float32 tensors still attached to the
graph. It takes no optimizer step and leaves the model's train/eval mode as it was.
One training step of a DANN is then ``(label_loss + domain_loss).backward()`` and
``optimizer.step()``: the gradient reversal inside the model does the rest.

Task 4: ``adabn(model, target_x)``
----------------------------------
Adaptive BatchNorm: re-estimate every BatchNorm layer's running statistics on the
target data, in place, and return the same ``model`` object, in eval mode:

1. for every ``nn.BatchNorm1d`` / ``2d`` / ``3d`` in ``model.modules()``: remember its
   ``momentum``, call ``reset_running_stats()``, set ``momentum = None`` (a cumulative
   average, so one batch gives exactly that batch's statistics) and put it in train
   mode (the graded models have no dropout; ``model.train()`` would also do);
2. run the model ONCE on all of ``target_x`` under ``torch.no_grad()``: each
   BatchNorm's ``running_mean`` then holds the per-channel mean of its inputs over all
   target sequences and positions, and ``running_var`` their *unbiased* variance
   (divided by ``n - 1``), as BatchNorm stores it;
3. put each ``momentum`` back as it was and return ``model.eval()``.

No weight changes (no optimizer, no gradients); only the running statistics move.
The default ``momentum=0.1`` would only move the statistics 10% of the way (and from
the reset values, 0 and 1, that is worse than no adaptation); forgetting train mode
moves nothing. Note that ``torch.no_grad()`` does NOT stop BatchNorm in train mode
from updating its statistics: here that is what you want; in a frozen feature
extractor it is a bug.

What the graders check
----------------------
- ``reversal_forward``: ``GradientReversal`` subclasses ``torch.autograd.Function``;
  on generated float32 and float64 tensors (1-3 dimensions of size 1-5, with and
  without ``requires_grad``) ``grad_reverse(x)`` (lambd left out),
  ``grad_reverse(x, lambd)`` for lambd 1.0, 0.5, 2.0, 0.0 and
  ``GradientReversal.apply(x, lambd)`` return exactly the values of ``x`` (``x``
  itself unchanged), with its shape and dtype, as a new tensor (not ``x`` itself)
  whose ``grad_fn`` is ``GradientReversal``'s backward when ``x`` requires gradients;
- ``reversal_backward``: the gradient through ``grad_reverse`` equals
  ``-lambd * upstream`` for a random upstream gradient (rtol 1e-4, atol 1e-5), with
  lambd left out (1.0) and 1.0, 0.5, 2.0, 0.0, 3.7; for ``y = grad_reverse(2x, 0.5) *
  a + 2x * b`` only the first path is flipped (``dy/dx = 2(-0.5a + b)``); and
  ``torch.autograd.gradcheck`` (float64) passes for ``tanh(grad_reverse(sin v) +
  (1 + lambd) * (sin v - (sin v).detach()))``, whose true Jacobian is that of
  ``tanh(sin v)``, with lambd left out, 0.5 and 2.0;
- ``dann_gradients``: ``DANN(MotifCNN().features)`` (defaults) has the layout above
  (registered layers, ``label_head`` Linear(512, 4), ``domain_head`` Linear(512, 64)
  then Linear(64, 1)), exactly 119,653 parameters, and returns float32 ``[6, 4]`` and
  ``[6]`` for 6 sequences; on a ``DANN(trunk, 16, 3)`` built around the graders' small
  trunk (Conv1d(4, 8, 9, padding=4), BatchNorm1d(8), ReLU, max and mean over
  positions), in train mode, with 12 mouse-domain and 8 human-domain sequences:
  ``dann_losses`` for lambd 0.5 and 2.0 returns both losses equal to a trusted
  functional computation (``F.conv1d``, ``F.batch_norm`` with batch statistics,
  ``F.linear``; rtol 1e-4, atol 1e-5), and after ``(label_loss +
  domain_loss).backward()`` every trunk parameter's gradient equals ``d label_loss -
  lambd * d domain_loss``, the label head's ``d label_loss`` and the domain head's
  plain ``d domain_loss`` (computed by the graders with ``torch.autograd.grad``,
  without any reversal); and with ``model(x)`` (lambd left out, so 1.0) the trunk
  receives minus the plain gradient of the domain loss;
- ``adversarial_losses``: the graders train ``DANN(trunk, 32, 4)`` around a small trunk
  of their own (16 channels, max and mean over positions; seeded initialisation)
  with full-batch ``torch.optim.Adam`` (lr 0.02) on ``label_loss + domain_loss`` from
  your ``dann_losses``, 40 steps, on 64 mouse-domain (labelled) and 64 human-domain
  (unlabelled) sequences, once with lambd 1.0 and once, from the same start, with
  lambd 0.0. With lambd 1.0 the label loss must fall by 1.5x (first step vs the mean
  of the last 5), and the domain loss, averaged over steps 21-40, must stay high: at
  least 1.3x the same average of the lambd 0.0 run, in which the domain head is free
  to tell the domains apart and the trunk does not fight it (over 20 seeds of data and
  initialisation the correct solution gave a fall of at least 2.7x and a ratio of at
  least 1.97; the average domain loss was 0.16-0.84 with lambd 1.0 and 0.06-0.38 with
  lambd 0.0; without the reversal, or with it ignoring lambd, the ratio is 1 or less);
- ``adabn_statistics``: after ``adabn(pretrained_model(), x)`` with 24 human-domain
  sequences: the same model object is returned, every module in eval mode, each
  BatchNorm's ``momentum`` put back (the graders set 0.1 and 0.2 beforehand), no
  parameter changed, and each BatchNorm's ``running_mean`` and ``running_var`` equal
  the per-channel mean and unbiased variance of that layer's inputs when the model
  runs in train mode on all 24 sequences at once, recomputed by the graders in
  float64 from ``pretrained_state_dict()`` (rtol 1e-4, atol 1e-5: a biased variance,
  a partial update or statistics averaged over mini-batches fail);
- ``adaptation_helps``: ``pretrained_model()``'s accuracy on 400 held-out human-domain
  sequences must rise by at least 0.06 after ``adabn`` on 200 other (unlabelled)
  human-domain sequences (over 20 seeds of data: 0.76-0.83 without adaptation,
  0.90-0.96 with it, a gain of at least 0.097; the default momentum 0.1 gains
  0.015-0.045);
- ``follows_device``: every tensor of ``DANN(MotifCNN().features)`` and of its forward
  pass follows ``.to(device)``, and ``dann_losses`` runs with model and data on
  another device (``meta``), both losses staying there (domain labels made on the CPU
  fail);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same weights give the
  same outputs on CPU and CUDA, in full float32 (TF32 off).
"""
import torch
import torch.nn.functional as F  # noqa: F401  (F.cross_entropy, F.binary_cross_entropy_with_logits)
from torch import nn


class GradientReversal(torch.autograd.Function):
    """Identity forward; backward multiplies the gradient by -lambd (and gives None for lambd)."""

    @staticmethod
    def forward(ctx, x, lambd):
        # TODO (task 1): keep lambd on ctx; return x unchanged (x.view_as(x))
        raise NotImplementedError("GradientReversal.forward")

    @staticmethod
    def backward(ctx, grad_output):
        # TODO (task 1): one gradient per forward input: (-lambd * grad_output, None)
        raise NotImplementedError("GradientReversal.backward")


def grad_reverse(x: torch.Tensor, lambd: float = 1.0) -> torch.Tensor:
    """GradientReversal.apply(x, lambd): identity forward, gradient times -lambd backward."""
    # TODO (task 1)
    raise NotImplementedError("grad_reverse")


class DANN(nn.Module):
    """A shared trunk, a label head, and a domain head behind a gradient-reversal layer."""

    def __init__(self, features: nn.Module, feature_dim: int = 512, num_classes: int = 4):
        super().__init__()
        # TODO (task 2): self.features, self.label_head, self.domain_head
        raise NotImplementedError("DANN.__init__")

    def forward(self, x: torch.Tensor, lambd: float = 1.0):
        # TODO (task 2): (class_logits [N, num_classes], domain_logits [N]); reversal on the domain path
        raise NotImplementedError("DANN.forward")


def dann_losses(model: nn.Module, source_x: torch.Tensor, source_y: torch.Tensor,
                target_x: torch.Tensor, lambd: float):
    """(label_loss, domain_loss) from one forward pass over torch.cat([source_x, target_x])."""
    # TODO (task 3)
    raise NotImplementedError("dann_losses")


def adabn(model: nn.Module, target_x: torch.Tensor) -> nn.Module:
    """Replace every BatchNorm's running statistics by those of target_x; return the model in eval mode."""
    # TODO (task 4)
    raise NotImplementedError("adabn")
