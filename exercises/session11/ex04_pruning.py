"""Session 11, exercise 4: global magnitude pruning, fine-tuned and made permanent.

Genomics context
----------------
A promoter classifier that scans a whole genome, or runs inside a sequencer's software or on a
clinic's laptop, is cheaper to ship and to run when most of its weights are exactly 0: sparse
weights compress well, and sparse kernels and hardware skip them. **Magnitude pruning** zeroes
the weights of smallest absolute value ``|w|`` (those that move the output least) and keeps the
rest. Trained networks tolerate a lot of it: the session's classifier keeps its accuracy with
80% of its weights set to 0, and with 95% once it has been **fine-tuned** a little with the
pruned weights held at 0.

Three decisions make pruning work, and the course guide's recipe (``prune.l1_unstructured(module,
name='weight', amount=0.3)`` on each ``nn.Linear`` in turn, then ``prune.remove``) gets the first
two the other way:

1. **Global, not per layer.** Pruning each layer by the same share ``s`` treats a small layer
   that carries the signal (the convolution's 32 motif detectors: 1,152 weights) like a large,
   redundant one (the 256 x 256 hidden layer: 65,536 weights). Global pruning ranks the ``|w|``
   of ALL prunable layers together and zeroes the smallest share ``s`` of that pool, so every
   layer ends with its own sparsity: at ``s = 0.8`` the convolution loses 37.5% of its weights
   and the hidden layer 86.5%. Pruned per layer to 95%, the classifier falls to an accuracy of
   about 0.5 even after fine-tuning; pruned globally to 95% and fine-tuned, it keeps 0.97-0.98.
   And the convolution is pruned too: it is part of the model's weights (``nn.Conv1d`` as well
   as ``nn.Linear``).
2. **Fine-tune with the masks on.** ``torch.nn.utils.prune`` does not simply overwrite the
   weights. It re-parametrises each pruned layer: the original values move to a parameter
   ``weight_orig``, a 0/1 buffer ``weight_mask`` records which entries survive, and a forward
   pre-hook recomputes ``weight = weight_orig * weight_mask`` before every call. Training then
   updates ``weight_orig``, but the pruned entries of ``weight`` stay exactly 0 (their gradient
   through the mask is 0 and the mask multiplies them away). Remove the masks first and the
   first optimizer steps make the pruned weights non-zero again (Adam moves every weight whose
   gradient is not 0 by about ``lr`` per step).
3. **Make it permanent.** For deployment, ``prune.remove(module, "weight")`` replaces the
   re-parametrisation by a plain ``weight`` parameter holding ``weight_orig * weight_mask``: no
   ``weight_orig``, no ``weight_mask``, no hook. The ``state_dict`` then has exactly the keys of
   an unpruned model (it loads into a plain ``PromoterClassifier``) and the zeros are in the
   weights themselves.

Biases are never pruned: they are few (548 of the classifier's 76,452 parameters), and one
shift per output unit matters more than any single weight.

Conventions (all fixed)
-----------------------
- Use ``torch.nn.utils.prune`` (``import torch.nn.utils.prune as prune``). The prunable weights
  are the ``weight`` of every ``nn.Linear`` and every ``nn.Conv1d`` found by ``model.modules()``
  (nested anywhere, in that order); nothing else is pruned: no bias, and no other layer type,
  even one with a ``weight`` (an ``nn.BatchNorm1d``'s scale is not a prunable weight here).
- ``sparsity`` is a Python float in ``[0, 1]``: the share of the prunable weights, counted all
  together, that becomes 0. With ``N`` prunable weights, exactly ``round(sparsity * N)`` of them
  (Python's ``round``, as ``torch.nn.utils.prune`` counts) are pruned: the ones of smallest
  ``|w|`` over the whole pool. Ties between equal ``|w|`` do not arise with trained (or randomly
  drawn) float weights; where they would, either choice is accepted.
- Random numbers (the fine-tune's batches) come from an optional ``generator=None`` argument (a
  ``torch.Generator``). With one, ALL randomness comes from it and torch's global random state
  is untouched; with ``None``, the global generator is used. The initialisation is the caller's:
  here the model arrives trained.
- Everything works in place on the model it is given, on the model's device (the graders use
  the CPU). The functions that change a model return that same object (not a copy).

Data
----
``coursekit.data.session11``: ``splits()`` returns ``((x_train, y_train), (x_test, y_test))``,
2,000 training and 1,000 test promoter sequences, one-hot float32 ``[N, 4, 80]`` (rows A, C, G,
T) with int64 labels ``[N]`` in 0..3 (the class's planted motif: 0 TATA-box, 1 CCAAT-box, 2
GC-box, 3 E-box). ``trained_classifier()`` returns a trained ``PromoterClassifier`` (a fresh copy
on every call, in eval mode): ``features`` = Conv1d(4, 32, 9, padding=4), ReLU,
AdaptiveMaxPool1d(1), Flatten; ``classifier`` = Linear(32, 256), ReLU, Linear(256, 256), ReLU,
Linear(256, 4); 76,452 parameters, of which **75,904 prunable weights** (``features.0``: 1,152;
``classifier.0``: 8,192; ``classifier.2``: 65,536; ``classifier.4``: 1,024) and 548 biases; no
weight is 0; test accuracy 0.984. ``accuracy(model, x, y)`` is the kit's accuracy (eval mode, no
gradients). The graders also prune small models of their own (Conv1d, BatchNorm1d and Linear
layers, some nested, some Linear without a bias).

Task 1: ``prunable_weights(model)``
-----------------------------------
The list of ``(module, "weight")`` pairs, one for each ``nn.Linear`` and ``nn.Conv1d`` of
``model.modules()``, in that order: the modules themselves (not copies, not their names), each
with the string ``"weight"``. This is exactly the ``parameters`` argument of
``prune.global_unstructured``. For the classifier: ``[(model.features[0], "weight"),
(model.classifier[0], "weight"), (model.classifier[2], "weight"), (model.classifier[4],
"weight")]``.

Task 2: ``prune_globally(model, sparsity)``
-------------------------------------------
Prunes ``model`` in place and returns it::

    prune.global_unstructured(prunable_weights(model), pruning_method=prune.L1Unstructured,
                              amount=sparsity)

- ONE global ranking: not ``prune.l1_unstructured(module, "weight", amount=sparsity)`` layer by
  layer (every layer exactly ``s``: a different set of zeros);
- ``prune.L1Unstructured`` (smallest ``|w|``), not ``prune.RandomUnstructured``;
- ``amount`` is the share to PRUNE (``sparsity``), not the share to keep;
- the re-parametrisation stays on (``weight_orig``, ``weight_mask``, the hook): do NOT call
  ``prune.remove`` here, the fine-tune needs the masks;
- the surviving weights keep their values, the biases are untouched.

You may also compute the global threshold yourself (the ``round(sparsity * N)``-th smallest
``|w|`` of all prunable weights concatenated, e.g. with ``torch.sort`` or ``torch.kthvalue``) and
apply each layer's mask with ``prune.custom_from_mask(module, "weight", mask)`` (mask 1 = KEEP,
0 = prune): the result is the same.

Task 3: ``fine_tune(model, x, y, steps=50, lr=1e-3, batch_size=64, generator=None)``
------------------------------------------------------------------------------------
``x``: float32 ``[N, 4, L]``, ``y``: int64 ``[N]``. Trains ``model`` (pruned, masks on) in
place for ``steps`` optimizer steps and returns the losses, a list of ``steps`` Python floats
(each step's ``loss.item()``, in order)::

    optimizer = torch.optim.Adam(model.parameters(), lr=lr)   # weight_orig, biases
    model.train()
    for each of the `steps` steps:
        idx = torch.randint(0, N, (batch_size,), generator=generator, device=x.device)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        optimizer.zero_grad(); loss.backward(); optimizer.step()
    model.eval()

- ``model.parameters()`` of a pruned model holds ``weight_orig`` (and the biases): that is what
  Adam trains; the masks keep every pruned entry of ``weight`` at exactly 0 throughout;
- batches of ``batch_size`` sequences drawn at random, every random number from ``generator``
  (``torch.randint`` as above, or a ``torch.randperm(N, generator=generator)`` cut into batches:
  the draws are yours, the graders do not redraw them);
- ``model.train()`` while training and ``model.eval()`` at the end (not graded: the classifier
  has neither dropout nor BatchNorm, so its modes compute the same).

With the defaults it takes about 0.2 s on a CPU.

Task 4: ``make_permanent(model)``
---------------------------------
Makes the pruning permanent in place and returns ``model``: for every pair of
``prunable_weights(model)`` whose module is pruned (``prune.is_pruned(module)``), call
``prune.remove(module, "weight")``. A layer that is not pruned is left as it is (``prune.remove``
raises a ``ValueError`` on it), so ``make_permanent`` of an unpruned model changes nothing.
Afterwards: no parameter ``weight_orig``, no buffer ``weight_mask``, no forward pre-hook left on
any module; each ``weight`` a plain ``nn.Parameter`` (``requires_grad=True``) holding the pruned
values, its zeros where the mask had them; the outputs unchanged. Every layer the guide's removal
loop skips (it removes from ``nn.Linear`` only) would keep its mask: remove from ``nn.Conv1d``
too.

Task 5: ``sparsity_report(model)``
----------------------------------
A dict ``{name: share}``: for every ``nn.Linear`` and ``nn.Conv1d`` of ``model.named_modules()``
(in that order), its name (``"features.0"``, ``"classifier.0"``, ...) and the share of its
``weight``'s entries that are exactly 0, a Python float in ``[0, 1]`` (zeros / ``numel``). It
reads ``module.weight``, so it works while the masks are on and after ``make_permanent``. For the
classifier pruned globally to 0.8: ``{"features.0": 0.375, "classifier.0": 0.3535...,
"classifier.2": 0.8648..., "classifier.4": 0.7051...}`` (per layer pruned: 0.8 everywhere).

What the graders check
----------------------
The graders rank the weights themselves: they keep the original weights, concatenate their
``|w|`` over the prunable layers (in float64) and sort them; the zeros they count are the entries
of each layer's ``weight`` equal to 0. Accuracies are the kit's ``accuracy`` on the 1,000 test
sequences. Sweep behind the bar: the trained classifier pruned to ``s`` (0.5, 0.8, 0.95),
``fine_tune`` with its defaults and ``generator=torch.Generator().manual_seed(k)`` for k = 0-19,
then ``make_permanent``.

- ``global_smallest``: ``prunable_weights`` of the classifier is the list of its four
  ``(module, "weight")`` pairs above (the same module objects, in order), and of the graders'
  small models their Conv1d and Linear layers only (not the BatchNorm1d). ``prune_globally`` of
  the classifier at ``s = 0.8`` and at ``s = 0.3`` returns the same model object, and then
  exactly ``round(s * 75,904)`` of its prunable weights are 0 (60,723 and 22,771), every pruned
  ``|w|`` is at most every kept one (the graders' sort of the original ``|w|``), every kept
  weight still has its original value and ``sparsity_report`` gives each layer's share of zeros
  (graders' count, within 1e-6). The same on 20 generated small models
  (``Conv1d(4, c, k)``, ``BatchNorm1d(c)`` with random scales, ReLU, max-pool, Flatten, a nested
  ``Sequential(Linear(c, h), ReLU)`` with or without a bias, ``Linear(h, 3)``, each layer's
  weights scaled by its own factor in [0.1, 10]; ``s`` in [0.05, 0.95]), whose BatchNorm1d scale
  must be unchanged. This rejects per-layer pruning, leaving the convolution out, random
  pruning, ``amount = 1 - s`` and a global ranking that includes the biases;
- ``made_permanent``: the classifier pruned to 0.6, then ``make_permanent`` returns the same
  model object, whose ``named_parameters()`` have exactly the names of an unpruned
  ``PromoterClassifier`` (``features.0.weight``, ``features.0.bias``, ..., no ``weight_orig``; in
  any order: ``prune.remove`` registers ``weight`` again after ``bias``), which has no buffers
  and no forward pre-hooks on any module, whose every ``weight`` is an ``nn.Parameter`` that
  requires grad and equals the masked weight before (the same zeros), and
  whose ``state_dict`` loads into a plain ``PromoterClassifier`` (``strict=True``) that gives the
  same logits on 128 test sequences as the pruned model did (rtol 1e-5, atol 1e-6).
  ``make_permanent`` of an unpruned trained classifier runs and changes no value;
- ``biases_untouched``: after ``prune_globally`` of the classifier at 0.9, and again after
  ``make_permanent``, every bias of its Linear and Conv1d layers is still a registered
  ``nn.Parameter`` named ``bias`` (no ``bias_orig``, no ``bias_mask``) equal to its original
  value; the same on a small model of the graders (Conv1d(4, 6, 5), ReLU, max-pool, Flatten,
  Linear(6, 8), ReLU, Linear(8, 3)) whose biases are all smaller than any weight (``|b| <
  1e-3``), pruned to 0.5: a ranking that included them would prune every bias;
- ``zeros_survive``: the classifier pruned to 0.7, then ``fine_tune(model, x_train, y_train,
  steps=20, batch_size=32, generator=torch.Generator().manual_seed(1))`` returns a list of 20
  Python floats; afterwards every weight that was 0 after pruning is still exactly 0, and in
  every layer some other weight has changed (the fine-tune trains); after ``make_permanent`` the
  zeros are exactly those of the pruning (same positions, 53,133). ``fine_tune`` for 5 steps with a
  generator, on a fresh pruned copy, under two different global seeds: the same weights both
  times and torch's global random state untouched. This rejects removing the masks before the
  fine-tune (the zeros regrow after one Adam step);
- ``accuracy_kept``: for ``s = 0.8`` and ``s = 0.95``: the classifier pruned to ``s``,
  ``fine_tune(model, x_train, y_train, generator=torch.Generator().manual_seed(0))`` (the
  defaults: 50 steps, lr 1e-3, batches of 64) returns 50 Python floats, ``make_permanent``, then
  the model has exactly ``round(s * 75,904)`` zero weights and a test accuracy of at least
  **0.95** (the original: 0.984). Sweep, the reference over fine-tune seeds 0-19: 0.979-0.987 at
  ``s = 0.8``, 0.974-0.984 at ``s = 0.95`` (0.978-0.986 at 0.5). Wrong solutions at 0.95 (seeds
  0-9): no fine-tune 0.887; per-layer pruning 0.43-0.52; random pruning 0.25; a mask that keeps
  the SMALLEST weights 0.66-0.90 (at 0.8: per-layer 0.96-0.97, random 0.25-0.55).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
import torch.nn.utils.prune as prune  # noqa: F401
from torch import nn  # noqa: F401


def prunable_weights(model):
    # TODO (task 1): [(module, "weight")] for every nn.Linear and nn.Conv1d of model.modules(), in order
    raise NotImplementedError("prunable_weights")


def prune_globally(model, sparsity):
    # TODO (task 2): prune.global_unstructured over prunable_weights(model) with L1Unstructured; return model
    raise NotImplementedError("prune_globally")


def fine_tune(model, x, y, steps=50, lr=1e-3, batch_size=64, generator=None):
    # TODO (task 3): Adam over model.parameters(), cross-entropy on random batches (masks on); return losses
    raise NotImplementedError("fine_tune")


def make_permanent(model):
    # TODO (task 4): prune.remove(module, "weight") on every pruned layer; return model
    raise NotImplementedError("make_permanent")


def sparsity_report(model):
    # TODO (task 5): {name: share of exact zeros in weight} for every nn.Linear and nn.Conv1d
    raise NotImplementedError("sparsity_report")
