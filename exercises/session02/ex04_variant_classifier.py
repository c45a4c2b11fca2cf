"""Session 2, exercise 4: a variant classifier, logistic regression trained with Adam.

Genomics context
----------------
Sequencing a genome turns up thousands of variants; the clinician needs the few that
may cause disease. Annotation tools score each variant, and no single score decides:

- **conservation** (0-1): how strongly the position is conserved across species;
  variants at conserved positions tend to be pathogenic;
- **allele frequency** (0-1): how common the variant is in the population; a common
  variant is rarely the cause of a rare disease, so pathogenic ones are rare;
- **CADD** (0-40, a "phred-scaled" score): a combined deleteriousness score, higher
  for pathogenic variants;
- **PolyPhen** (0-1): predicted damage to the protein, higher is more damaging;
- **SIFT** (0-1): predicted tolerance of the amino-acid change, LOW means damaging.

Logistic regression weighs the five scores into one probability of being pathogenic:
``p = sigmoid(x @ weights + bias)``, where ``sigmoid(z) = 1 / (1 + exp(-z))``. It is
trained by minimising the binary cross-entropy (BCE) between ``p`` and the labels
(1 = pathogenic, 0 = benign), here with ``torch.optim.Adam``.

Task 1: ``generate_variant_data(n_samples=1000, seed=42) -> (features, labels)``
---------------------------------------------------------------------------------
Synthetic variants to practise on. ``features`` is float32 ``[n_samples, 5]`` with
the columns in this order: conservation, allele frequency, CADD, PolyPhen, SIFT.
``labels`` is float32 ``[n_samples]``, 1.0 for pathogenic and 0.0 for benign.

- Exactly ``n_samples // 2`` variants are pathogenic (label 1.0), the other
  ``n_samples - n_samples // 2`` benign (so ``n_samples=7`` gives 3 and 4,
  ``n_samples=1`` gives 0 and 1).
- Each score is drawn from a normal distribution whose mean and standard deviation
  depend on the class, then clamped to its range (``torch.clamp``): CADD to [0, 40],
  the four others to [0, 1]. Every value of a column lies in its range.

  ================  =======================  =======================
  column            pathogenic (mean, std)   benign (mean, std)
  ================  =======================  =======================
  conservation      0.85, 0.15               0.35, 0.20
  allele frequency  0.02, 0.05               0.40, 0.20
  CADD              25, 6                    10, 5
  PolyPhen          0.80, 0.15               0.25, 0.20
  SIFT              0.10, 0.10               0.70, 0.20
  ================  =======================  =======================

- The rows are shuffled (rows and labels by the same random permutation), so the
  pathogenic variants are not all at the top.
- The random numbers come from a generator of your own, seeded with ``seed``:
  ``generator = torch.Generator().manual_seed(seed)``, passed to every draw
  (``torch.randn(n, generator=generator)``, ``torch.randperm(n, generator=generator)``).
  The same ``seed`` gives exactly the same data on every call; different seeds give
  different data. Don't call ``torch.manual_seed`` here (unlike the course guide):
  it would reset the random numbers of whoever calls your function. Torch's global
  random generator must be neither read nor changed by this function. (A
  ``numpy.random.default_rng(seed)`` works as well: what is graded is the behaviour.
  The order of your draws is yours to choose; no check expects particular values, only
  the properties stated here.)

Task 2: ``logistic_model(x, weights, bias) -> Tensor [N]``
----------------------------------------------------------
``x`` float32 ``[N, F]``, ``weights`` float32 ``[F]``, ``bias`` float32 of shape ``[1]``
(as ``torch.zeros(1)`` makes it) or 0-d. Returns the probabilities
``sigmoid(x @ weights + bias)``, float32 of shape ``[N]`` (``[N]`` whichever shape the
bias has), each between 0 and 1. It must stay differentiable (no ``.item()``, no
``torch.no_grad()``): training takes gradients through it.

Task 3: ``binary_cross_entropy_loss(predictions, targets) -> Tensor []``
------------------------------------------------------------------------
``predictions`` are probabilities, float32 ``[N]``; ``targets`` are 0.0 or 1.0, float32
``[N]``. The loss is the MEAN over the N variants (not the sum) of
``-(t * log(p) + (1 - t) * log(1 - p))``, a 0-d tensor. A probability of exactly 0 or 1
would give ``log(0) = -inf`` (and ``0 * -inf = nan``), so first clamp the predictions
to ``[eps, 1 - eps]`` with ``eps = 1e-7``: ``p = torch.clamp(predictions, eps, 1 - eps)``
(out of place; don't change the tensor you were given). Then a confident, wrong
prediction (``p = 0`` for ``t = 1``, or ``p = 1`` for ``t = 0``) costs about
``-log(1e-7) = 16.1``, and a confident, right one about 0. Away from 0 and 1 the clamp
changes nothing and the loss equals ``torch.nn.functional.binary_cross_entropy``.

Task 4: ``train_classifier(features, labels, epochs=100, learning_rate=0.1)``
-----------------------------------------------------------------------------
Returns ``(weights, bias, loss_history, accuracy_history)``. ``features`` float32
``[N, F]``, ``labels`` float32 ``[N]`` of 0.0 and 1.0.

1. Start from ``weights = (0.1 * torch.randn(F)).requires_grad_()`` (one draw of ``F``
   numbers from torch's global random generator, so a caller who seeds it first
   gets the same start every time; don't seed inside the function) and
   ``bias = torch.zeros(1, requires_grad=True)``. Both must be *leaf* tensors that
   require grad: the course guide's ``torch.randn(F, requires_grad=True) * 0.1`` is
   a tensor computed from another one, not a leaf, and ``torch.optim.Adam`` refuses
   it ("can't optimize a non-leaf Tensor"). Scale first, then ``.requires_grad_()``.
2. Build ``optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)`` once,
   before the loop (Adam's other settings at torch's defaults).
3. Every epoch, in this order:

   a. ``predictions = logistic_model(features, weights, bias)`` and
      ``loss = binary_cross_entropy_loss(predictions, labels)``;
   b. append ``loss.item()`` to ``loss_history`` and the training accuracy of these
      same predictions to ``accuracy_history``, both as Python floats. A variant is
      called pathogenic when its probability is STRICTLY greater than 0.5
      (``predictions > 0.5``; a probability of exactly 0.5 is called benign), and the
      accuracy is the fraction of variants whose call equals their label;
   c. ``optimizer.zero_grad()``, ``loss.backward()``, ``optimizer.step()``.

   So entry 0 of each history describes the starting model, before any step; the
   model after the last step is not measured.
4. Return the two tensors you gave the optimizer (they hold the trained values) and
   the two lists of ``epochs`` floats each.

Don't print inside the functions.

What the graders check
----------------------
Floats are compared with ``rtol=1e-4, atol=1e-5`` unless said otherwise. Training data
is the kit's ``coursekit.data.session02.variant_dataset(n, seed)``: 5 scores per
variant, each column already scaled to [0, 1], half of the variants pathogenic.

- ``variant_data``: ``generate_variant_data()`` (the defaults) and
  ``generate_variant_data(n_samples, seed)`` for ``(5000, 7)``, ``(301, 3)``, ``(2, 1)``
  and ``(1, 0)`` return ``(features, labels)``: float32 tensors of
  shapes ``[n_samples, 5]`` and ``[n_samples]``; labels only 0.0 and 1.0, exactly
  ``n_samples // 2`` of them 1.0; every value finite and within its column's range
  (CADD in [0, 40], the other four in [0, 1]). For the defaults and for 5000 and 301
  samples, the pathogenic mean minus the benign mean of each column is at least 0.2
  for conservation and PolyPhen, at most -0.2 for allele frequency and SIFT and at
  least 5 for CADD (the recipe gives about 0.5, -0.37, 15, 0.53 and -0.58). For the
  defaults, both classes occur among the first 500 rows (shuffled);
- ``variant_data_seeded``: ``generate_variant_data(200, 5)`` called twice, with torch's
  global generator in two different states, gives identical tensors;
  ``generate_variant_data(200, 6)`` differs from it; ``generate_variant_data()`` equals
  ``generate_variant_data(1000, 42)`` and ``generate_variant_data(300)`` equals
  ``generate_variant_data(300, 42)``; torch's global random state
  (``torch.random.get_rng_state()``) is the same after ``generate_variant_data()`` and
  after ``generate_variant_data(50, 9)`` as before;
- ``logistic_model``: on generated ``x`` (1-20 variants, 1-6 features, values in
  [-3, 3]), weights and biases (shape ``[1]`` and 0-d), the result is float32 of shape
  ``[N]`` and equals ``1 / (1 + exp(-(x @ weights + bias)))`` computed by the graders;
- ``bce``: on generated predictions in [0.001, 0.999] and targets 0.0/1.0 (1-30
  variants) the result is a 0-d float32 tensor equal to
  ``torch.nn.functional.binary_cross_entropy`` (``rtol=1e-5, atol=1e-6``); for single
  predictions of exactly 0 and 1: a right one costs at most 1e-5, a wrong one
  between 15 and 17; with the predictions ``[0, 1, 0, 1]`` (requiring grad) and the
  targets ``[0, 1, 1, 0]`` the loss and the gradient that ``backward()`` leaves in
  ``predictions.grad`` are finite, and the predictions are unchanged;
- ``history``: on ``variant_dataset(300, seed=4)`` whose first 6 rows are set to all
  zeros and labelled 1.0 (their probability at the start is exactly 0.5: wrongly
  called benign), ``train_classifier(features, labels, 9, 0.05)`` from
  ``torch.manual_seed(7)`` returns ``weights`` of shape ``[5]``, a ``bias`` with one
  element and two lists of 9 Python floats; ``loss_history[0]`` is the BCE and
  ``accuracy_history[0]`` the accuracy (``atol=1e-6``) of the start drawn as in step 1;
  every accuracy lies in [0, 1]. Called with the defaults (100 epochs, learning rate
  0.1) both lists hold 100 floats and the loss falls at least 2x from entry 0 to the
  last entry (a correct solution falls 2.9x to 3.9x on 12 such data sets from 3 seeds
  each);
- ``accuracy``: for the data seeds 1, 5 and 9, ``train_classifier`` with the defaults
  (from ``torch.manual_seed(11)``) on the first 600 variants of
  ``variant_dataset(1000, seed)`` calls at least 85% of the other 400 correctly
  (the graders compute the calls from the returned weights and bias; a correct
  solution reaches 90.0% to 93.75% on 12 data seeds from 3 starting seeds each);
- ``train_trajectory`` (hidden): every loss, every accuracy (within one variant) and
  the final weights and bias equal a trusted Adam loop started from the same seeded
  draw, with the defaults and with other epochs and learning rates.
"""
import torch


def generate_variant_data(n_samples: int = 1000, seed: int = 42):
    """Seeded synthetic variants; ``(features [n, 5], labels [n])``, 1.0 = pathogenic."""
    # TODO (task 1)
    raise NotImplementedError("generate_variant_data")


def logistic_model(x: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """``sigmoid(x @ weights + bias)``, the probability of being pathogenic, shape ``[N]``."""
    # TODO (task 2)
    raise NotImplementedError("logistic_model")


def binary_cross_entropy_loss(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean binary cross-entropy with the predictions clamped to ``[1e-7, 1 - 1e-7]``."""
    # TODO (task 3)
    raise NotImplementedError("binary_cross_entropy_loss")


def train_classifier(features: torch.Tensor, labels: torch.Tensor, epochs: int = 100,
                     learning_rate: float = 0.1):
    """Logistic regression trained with Adam; ``(weights, bias, loss_history, accuracy_history)``."""
    # TODO (task 4)
    raise NotImplementedError("train_classifier")
