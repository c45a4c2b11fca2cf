"""Capstone 1, module 3: training in two phases, AUC as scikit-learn computes it, and the outcomes.

Genomics context
----------------
With a pretrained trunk, the usual recipe is to train the new layers first with the trunk frozen (its
features are good; random gradients from an untrained head would only damage them), then fine-tune
everything gently. Variant classifiers are judged by the area under the ROC curve (AUC) on variants
from chromosomes the model never saw: a model judged on its training variants, or on a random split
where neighbouring variants share their windows, looks better than it is.

Conventions
-----------
Windows as in module 1: ``ref``, ``alt`` float32 ``[N, 4, 41]``; ``labels`` int64 ``[N]`` (1 pathogenic,
0 benign). ``model(ref, alt)`` returns logits ``[N]`` and ``model.trunk`` is its pretrained trunk (module
2; the graders also pass their own model with a ``trunk``). Randomness: an optional ``generator``; with
one, every random number comes from it and torch's global random state is untouched (CPU tensors and
generators). This module stands alone (it imports no other module of the capstone).

Task 1: ``train_variant_model``
-------------------------------
``train_variant_model(model, ref, alt, labels, frozen_steps=150, tune_steps=50, batch_size=64, lr=1e-2,
tune_lr=1e-3, generator=None)`` trains ``model`` in place (in train mode) and returns the
``frozen_steps + tune_steps`` losses as Python floats. Each step draws a batch ``idx =
torch.randint(0, N, (batch_size,), generator=generator)`` and its loss is
``F.binary_cross_entropy_with_logits(model(ref[idx], alt[idx]), labels[idx].float())``.

1. Frozen phase: ``requires_grad_(False)`` on every parameter of ``model.trunk``; ``torch.optim.Adam``
   over the OTHER parameters with ``lr``; ``frozen_steps`` steps. The trunk's weights do not change.
2. Fine-tuning: ``requires_grad_(True)`` on the trunk again; a new ``Adam`` over ALL parameters with
   ``tune_lr``; ``tune_steps`` steps.

The defaults are the budget: the graders train with them and count the optimizer's steps.

Task 2: ``evaluate_auc(model, ref, alt, labels)`` and ``fit_and_score``
----------------------------------------------------------------------
``evaluate_auc``: ``probabilities = torch.sigmoid(model(ref, alt))`` in eval mode under
``torch.no_grad()`` (the model's mode restored afterwards), ``auc =
sklearn.metrics.roc_auc_score(labels, probabilities)``; return ``(auc as a Python float,
probabilities [N])``. ``fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None)``:
``train_variant_model`` on the rows ``train_idx`` (with ``generator``, defaults otherwise), then
``evaluate_auc`` on the rows ``test_idx`` only; returns what ``evaluate_auc`` returns.

What the graders check
----------------------
The graders' data: the kit's labelled variants of a seed (``CLNSIG`` (likely) pathogenic 1, (likely)
benign 0, uncertain ones dropped), windows of 41 built by the graders, chromosomes 1-4 for training (320
variants) and 5-6 held out (160). Their own model for the parts: the kit's trunk on both alleles, the
strongest response of each filter, a linear layer (it has a ``trunk``).

- ``auc_matches`` (1): ``evaluate_auc`` on the graders' model (in train mode) and the held-out variants
  of seed 1: the probabilities equal ``sigmoid(model(ref, alt))`` (rtol 1e-5), the AUC equals
  ``roc_auc_score`` on the graders' own predictions (1e-9), the model back in train mode;
  ``fit_and_score`` with the seed-1 split: the AUC of the trained model on the TEST rows (1e-9);
- ``frozen_phase`` (1): ``train_variant_model`` (defaults, a generator) on the graders' model: 200 Python
  floats, 200 optimizer steps; after each of the first 150, the trunk's weights equal the kit's
  pretrained ones; after the last, they differ (fine-tuned); torch's global random state untouched;
- ``heldout_auc`` (3) and its hidden twin ``heldout_auc_hidden`` (8: the same with another seed): your
  module 2's ``VariantEffectModel(pretrained_trunk())``, built after ``torch.manual_seed(seed)``, trained
  by your ``train_variant_model`` (defaults, ``generator=torch.Generator().manual_seed(seed)``) on the
  training chromosomes of seed 0 (the public check): 200 optimizer steps; then, in eval mode, the graders
  call the model on the held-out variants: ``roc_auc_score`` of its logits at least **0.80**;
- ``pretrained_beats_scratch`` (2): the same, trained on 64 of the training variants (drawn with
  ``torch.randperm`` from a generator seeded 0), once on the kit's trunk and once on a freshly
  initialised ``nn.Sequential(nn.Conv1d(4, 32, 9, padding=4), nn.ReLU())``: the held-out AUC with the
  pretrained trunk at least **0.05** above the other;
- ``attention_peak`` (2): the model of ``heldout_auc``: ``model.attention(ref, alt)`` on the held-out
  variants that break an element (the kit knows which): its largest weight lies on the broken element
  (within 2 positions of its ends) for at least **80%** of them.

The bars come from sweeps at this budget over seeds 0-11 and the hidden seed (data, initialisation and
training; about 0.6 s per training): the reference's held-out AUC is 0.842 at worst, its pretrained-minus-
scratch gap 0.102 at worst, its peak share 0.91 at worst. Freezing the head instead of the trunk gives
at best an AUC of 0.654, a gap of 0.016 and a peak share of 0.72; training against inverted labels an AUC
of 0.13; a model that ignores the alt allele (module 2) an AUC of 0.783.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401


def train_variant_model(model, ref, alt, labels, frozen_steps=150, tune_steps=50, batch_size=64, lr=1e-2,
                        tune_lr=1e-3, generator=None):
    # TODO (task 1): frozen phase (Adam over the head), then fine-tuning (a new Adam over everything)
    raise NotImplementedError("train_variant_model")


def evaluate_auc(model, ref, alt, labels):
    # TODO (task 2): sigmoid of the logits in eval mode, no grad; roc_auc_score; (auc, probabilities)
    raise NotImplementedError("evaluate_auc")


def fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None):
    # TODO (task 2): train on train_idx, evaluate_auc on test_idx
    raise NotImplementedError("fit_and_score")
