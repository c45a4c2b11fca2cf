"""Session 2, exercise 6: over-fitting, early stopping and checkpoints.

Genomics context
----------------
Exercises 4 and 5 trained a logistic-regression classifier that calls a genetic
variant pathogenic or benign from five annotation scores (conservation, allele
frequency, CADD, PolyPhen, SIFT, each scaled to [0, 1]). Curated pathogenic variants
are scarce: a clinical lab may have a few dozen labelled variants for a gene. A
flexible model trained on so few examples learns their quirks instead of the biology:
its training loss keeps falling while its loss on variants it has not seen (the
validation set) stops falling and then rises. That is *over-fitting*, and the widening
gap between the two curves is how you see it. Here you

1. give the model more capacity (more weights) and watch the gap open;
2. stop training when the validation loss has not improved for ``patience`` epochs
   and keep the weights of the best epoch (*early stopping*);
3. save a *checkpoint* (weights, optimizer state, epoch, history) after every epoch,
   so that a run that was interrupted (a job killed on a cluster, a notebook
   restarted) resumes and ends exactly where an uninterrupted run would.

The kit's data: ``coursekit.data.session02.variant_dataset(n, seed)`` returns
``features`` float32 ``[n, 5]`` (each column scaled to [0, 1]) and ``labels`` float32
``[n]`` (1.0 = pathogenic, 0.0 = benign), in shuffled order, drawn from its own seeded
generator. The graders split ``variant_dataset(n=230, seed=s)`` into the first 30 rows
(training: few labelled variants) and the other 200 (validation).

The model and its training (the same in all three tasks)
---------------------------------------------------------
- The model is logistic regression: for features ``x`` of shape ``[N, d]``, weights of
  shape ``[d]`` and a bias of shape ``[1]``, the probability of "pathogenic" is
  ``p = torch.sigmoid(x @ weights + bias)``, shape ``[N]``.
- The loss is the mean binary cross-entropy ``-mean(y * log(p) + (1 - y) * log(1 - p))``
  over the ``N`` samples. ``F.binary_cross_entropy(p, y)``, the formula with ``p``
  clamped to ``[1e-7, 1 - 1e-7]`` (as in the course guide) and
  ``F.binary_cross_entropy_with_logits(x @ weights + bias, y)`` all give the graded
  numbers within the graders' tolerance; use any of them.
- Write the model and the loss inline or in helpers of your own whose names start
  with ``_``. Don't define ``logistic_model`` or ``binary_cross_entropy_loss`` here:
  exercise 4 defines them, and in the session's notebook all exercises share one
  namespace.
- The start: ``weights = (0.1 * torch.randn(n_columns)).requires_grad_()`` (one draw of
  ``n_columns`` numbers from torch's global random generator, scaled by 0.1) and
  ``bias = torch.zeros(1, requires_grad=True)``. Don't seed inside the functions: a
  caller who runs ``torch.manual_seed(...)`` first gets the same start every time.
  Both must be leaf tensors. The course guide's
  ``torch.randn(n, requires_grad=True) * 0.1`` is NOT a leaf (it is computed from
  another tensor), and ``torch.optim.Adam`` refuses it ("can't optimize a non-leaf
  Tensor"): scale first, then ``.requires_grad_()``.
- The optimizer: ``torch.optim.Adam([weights, bias], lr=learning_rate)`` (its other
  settings at torch's defaults), built once, before the loop.
- One epoch on a training set and a validation set, in this order:

  a. the training loss of the current weights; append ``loss.item()`` (a Python
     float) to ``train_losses`` (so entry 0 is the loss of the starting model);
  b. ``optimizer.zero_grad()``, ``loss.backward()``, ``optimizer.step()``;
  c. inside ``with torch.no_grad():`` the validation loss of the weights AFTER this
     epoch's step; append its ``.item()`` to ``val_losses``. Validation never takes
     a step.

Task 1: ``train_with_capacity_control(...)``
--------------------------------------------
``train_with_capacity_control(train_feats, train_labs, val_feats, val_labs,
n_params_multiplier=1, epochs=200, learning_rate=0.1)``.

Capacity through polynomial features. ``n_params_multiplier`` is an integer
``k >= 1``; the model sees ``[x, x**2, ..., x**k]`` concatenated along dim 1:
``torch.cat([x ** 1, x ** 2, ..., x ** k], dim=1)``, shape ``[N, d * k]``: the ``d``
columns of ``x`` first, then their ``d`` squares, and so on (columns
``j * d .. j * d + d - 1`` hold ``x ** (j + 1)``). With ``k = 1`` the features are ``x`` unchanged; with five
scores and ``k = 6`` the model has 30 weights and a bias, more than enough to learn 30
training variants by heart. Expand the validation features the same way.

Draw the start for ``n_columns = d * k`` weights, train ``epochs`` epochs as above
(training on ``train_feats``/``train_labs``, validating on ``val_feats``/``val_labs``)
and return ``(train_losses, val_losses)``: two lists of ``epochs`` Python floats.

Task 2: ``train_with_early_stopping(...)``
------------------------------------------
``train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200,
patience=10, learning_rate=0.1)``.

The features are used as given (no expansion): ``n_columns = d``. Train epoch by
epoch as above, at most ``epochs`` epochs, and after each epoch's validation loss:

- it is an *improvement* when it is strictly lower than the lowest validation loss so
  far (``val_loss < best_val_loss``, with ``best_val_loss`` starting at
  ``float("inf")``, so epoch 0 always improves). An equal loss is not an improvement.
- On an improvement: remember it as ``best_val_loss``, keep a copy of the weights and
  the bias as they are now (after this epoch's step):
  ``weights.detach().clone()`` and ``bias.detach().clone()`` (or ``copy.deepcopy``),
  and set the count of epochs without improvement to 0. Not a reference to
  ``weights`` and not ``weights.detach()`` alone: those share memory with the live
  tensors that the optimizer keeps changing in place, so they would end up holding
  the last epoch's values.
- Otherwise add 1 to the count of epochs without improvement.
- Then, when that count has reached ``patience`` (``count >= patience``), stop.

So a run whose best epoch (counting from 0) is ``b`` stops after exactly
``b + 1 + patience`` epochs, unless ``epochs`` comes first; then it runs all
``epochs`` epochs. ``patience >= 1`` and ``epochs >= 1``.

Return ``(best_weights, best_bias, train_losses, val_losses, stopped_epoch)``:

- ``best_weights`` (float32 ``[d]``) and ``best_bias`` (float32 ``[1]``): the values
  the weights and the bias had right after the step of the best epoch, the epoch
  with the lowest validation loss (the first one, if several are equally low). They
  are what you restore: the model you keep is the best one, not the last one. Whether
  they require grad does not matter.
- ``train_losses``, ``val_losses``: lists of Python floats, one per epoch run;
- ``stopped_epoch``: the number of epochs run, ``len(val_losses)`` (an ``int``).

Task 3: ``train_with_checkpoints(...)``
---------------------------------------
``train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1,
checkpoint_path=None, resume=False)``.

Training only (no validation set), with the features as given and the same start,
Adam and loss. Each epoch: the loss of the current weights, appended as ``.item()``
to ``loss_history``; ``zero_grad()``, ``backward()``, ``step()``; then, when
``checkpoint_path`` is not ``None``, save a checkpoint with
``torch.save(checkpoint, checkpoint_path)`` (overwriting the previous one), a dict
with these keys:

- ``"weights"``, ``"bias"``: the current weights and bias, as
  ``.detach().clone()`` tensors (float32 ``[d]`` and ``[1]``);
- ``"optimizer"``: ``optimizer.state_dict()``. Adam keeps, per parameter, the step
  count and running averages of the gradient and of its square; a resumed run
  without them starts Adam afresh and takes different steps;
- ``"epoch"``: the number of epochs completed so far (an ``int``: 1 after the first
  epoch, ``epochs`` at the end);
- ``"loss_history"``: a list of the losses so far (Python floats), a copy.

With ``checkpoint_path=None`` (the default) nothing is written. With ``resume=False``
(the default) the run starts from scratch: draw the start as above, an empty history,
epoch 0. With ``resume=True`` it continues from the checkpoint in ``checkpoint_path``
instead (no random draw): ``checkpoint = torch.load(checkpoint_path)``; the weights
and the bias are clones of the saved ones made leaves that require grad
(``checkpoint["weights"].clone().requires_grad_()``); build
``torch.optim.Adam([weights, bias], lr=learning_rate)`` and then
``optimizer.load_state_dict(checkpoint["optimizer"])``; the history is a copy of the
saved one; and training continues from epoch ``checkpoint["epoch"]`` up to
``epochs``. ``epochs`` is always the total count: a run of 30 epochs resumed with
``epochs=60`` trains 30 more, saving a checkpoint after each as before. (The
optimizer's state includes its learning rate, so ``load_state_dict`` brings back the
saved one; the graders always resume with the ``learning_rate`` of the first run.
``resume=True`` is only called with a ``checkpoint_path`` and with ``epochs`` greater
than the saved epoch.)

Return ``(weights, bias, loss_history)``: the trained leaf tensors (float32 ``[d]``
and ``[1]``) and the list of ``epochs`` losses, the resumed run's included those
from before the checkpoint. A run that is stopped and resumed returns the same
numbers, loss by loss, as one that ran uninterrupted from the same seed.

Don't print inside the functions.

What the graders check
----------------------
Losses and tensors are compared with ``rtol=1e-4, atol=1e-5``; lengths, epoch
counts and keys exactly. Data: ``variant_dataset(n=230, seed=s)`` split 30/200 as
above for several seeds ``s``; for early stopping, the graders pass the powers
``[x, x**2, ..., x**6]`` of such a split (30 columns, so that the validation loss
turns up after a while) and the plain five scores. Checkpoints: the five scores of
``variant_dataset(n=120, ...)``. Every run starts from ``torch.manual_seed`` of a
fixed seed; "trusted" below is a loop of the graders' own with autograd and
``torch.optim.Adam``, started from the same seed.

- ``capacity``: ``train_with_capacity_control`` with the defaults (omitted:
  multiplier 1, 200 epochs, learning rate 0.1), with ``n_params_multiplier=2,
  epochs=4, learning_rate=0.05`` and with ``n_params_multiplier=3, epochs=2`` returns
  two lists of ``epochs`` Python floats; ``train_losses[0]`` equals the loss of the
  start drawn for ``5 * k`` weights on ``[x, ..., x**k]``, and ``train_losses[1]`` and
  ``val_losses[0]`` equal the training and validation losses after Adam's first step
  at that learning rate (each parameter moves by ``lr * g / (|g| + 1e-8)``);
- ``overfitting_gap``: on three splits (seeds 0, 1, 2), ``n_params_multiplier=6`` and
  the default 1, both with the default 200 epochs and learning rate 0.1: averaged
  over the three, the final training loss with ``k = 6`` is at most 0.8 times that
  with ``k = 1``, and the final gap (validation minus training loss) is wider by at
  least 0.06. Over 30 seeds of data and start, three at a time, a correct solution
  gives a ratio of at most 0.64 and a gap wider by at least 0.12 (one split at a
  time: at most 0.79 and at least 0.02);
- ``stops_after_patience``: ``train_with_early_stopping`` with the defaults (omitted:
  200 epochs, patience 10, learning rate 0.1) and with ``patience=25,
  learning_rate=0.05``, both on the powers 1..6 (these runs stop after 42 and 94
  epochs), with ``epochs=12, patience=3, learning_rate=0.0`` (the validation loss never
  changes, so epoch 0 stays the best and the run stops after 4 epochs) and with
  ``patience=500`` (it runs all 200 epochs), these two on the plain five scores,
  returns the five values; ``stopped_epoch`` is an ``int`` equal to
  ``len(val_losses)`` and ``len(train_losses)``; both lists equal the trusted losses,
  epoch by epoch, as far as they go; and the run ends exactly where the rule above
  says for the returned ``val_losses`` (``patience`` epochs after their first lowest
  value, or after ``epochs`` epochs when that never happens);
- ``best_weights_restored``: for the two early-stopped runs above and for runs that
  use up their epochs (``patience=500``; ``epochs=100, patience=1000`` on the powers
  1..6, whose best epoch is 48), the returned ``best_weights`` ``[d]`` and
  ``best_bias`` ``[1]`` equal the trusted weights and bias right after the step of
  the best epoch, the first epoch with the lowest of the returned ``val_losses``
  (which must equal the trusted ones);
- ``checkpoint_contents``: ``train_with_checkpoints(features, labels,
  checkpoint_path=...)`` (100 epochs, learning rate 0.1 by default) and one with
  ``epochs=7, learning_rate=0.05``: the file loads (``torch.load``) as a dict with
  the five keys; ``"weights"`` and ``"bias"`` are tensors equal to the returned ones
  and to the trusted run's; ``"optimizer"`` is an Adam state dict with that learning
  rate whose step count is ``epochs`` and whose running averages equal the trusted
  Adam's; ``"epoch"`` is the ``int`` ``epochs``; ``"loss_history"`` and the returned
  history are ``epochs`` floats equal to the trusted run's;
- ``resume_equals_uninterrupted``: 30 epochs with a checkpoint, then
  ``resume=True, epochs=60`` (called from another random state) returns the same 60
  losses, weights and bias as ``train_with_checkpoints(features, labels, epochs=60)``
  from the same seed (called in an empty working folder, where it must write no
  file); the same for 10 epochs resumed to 25 and then to 40 at learning rate 0.05;
  after a resumed run the checkpoint holds the total epoch count;
- ``capacity_trajectory`` (hidden): every training and validation loss of
  ``train_with_capacity_control`` equals the trusted loop's, with the defaults and
  other multipliers, epochs and learning rates, on other splits;
- ``early_stopping_trajectory`` (hidden): every loss, ``stopped_epoch`` and the
  returned weights and bias equal a trusted early-stopping loop's, with the defaults
  and other epochs, patience and learning rates, on other splits.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401  (F.binary_cross_entropy, if you like)


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    """Logistic regression on ``[x, ..., x**k]``; ``(train_losses, val_losses)``."""
    # TODO (task 1)
    raise NotImplementedError("train_with_capacity_control")


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.1):
    """Stop ``patience`` epochs after the best; return the best weights, bias, histories, epochs run."""
    # TODO (task 2)
    raise NotImplementedError("train_with_early_stopping")


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    """Train with a checkpoint after every epoch, or resume; ``(weights, bias, loss_history)``."""
    # TODO (task 3)
    raise NotImplementedError("train_with_checkpoints")
