"""Session 11, exercise 3: dynamic int8 quantisation: smaller, and still right.

Genomics context
----------------
A promoter classifier is trained once, on a GPU, and then used many times: to scan every
promoter of a genome, inside a sequencing instrument's software, on a clinic's laptop or
behind a web server that answers thousands of queries. There the model's size (to ship it,
to keep many copies in memory) and its speed on a CPU matter more than training does.

**Dynamic quantisation** is the cheapest way to shrink it, with no retraining and no
calibration data. The weights of every ``nn.Linear`` are stored as 8-bit integers (``qint8``,
256 levels: one byte per weight instead of the four of float32) together with a scale: each
weight ``w`` becomes ``round(w / scale)``, an integer in -128..127, and is read back as
``scale * that integer``. With the default (per-tensor, symmetric) scheme one scale serves the
whole weight matrix, ``scale = max|W| / 127.5``, so every weight is stored to within half a step,
``max|W| / 255``. The activations are quantised "dynamically": at every call, from the range of
the batch at hand (hence no calibration). Layers that are not ``nn.Linear`` (here the
convolution) stay float32.

The session's classifier keeps 98.5% of its weights in its Linear layers, so its saved
``state_dict`` shrinks about 3.5x (not 4x: the convolution and every bias stay float32, and
the file has a fixed overhead). What the deployment must also show is that the small model is
still the same classifier: it makes the same predictions on held-out sequences, and its
accuracy is kept.

Conventions (all fixed)
-----------------------
- The function is ``torch.ao.quantization.quantize_dynamic(model, qconfig_spec, dtype,
  inplace=False)``. The course guide's ``torch.quantization.quantize_dynamic`` is the same
  function under its old name. In torch 2.13 it works but warns on every call: a
  ``DeprecationWarning`` (eager-mode quantisation is moving to the ``torchao`` package) and a
  ``UserWarning`` about quantized tensor types. Both are harmless here; you may silence them
  around your own calls with ``warnings.catch_warnings()`` and ``warnings.simplefilter("ignore")``
  (the graders do around theirs). Its ``dtype`` must be ``torch.qint8``: ``torch.float16``
  "dynamic quantisation" keeps float weights and saves nothing on this model.
- Quantized models run on the CPU (the quantized kernels are CPU kernels): everything here, the
  graders' data included, is on the CPU. Nothing here draws random numbers.
- Sizes are in BYTES, Python ints, measured in memory. The course guide saves files
  (``model.pth``, ``quantized_model.pth``) and reads ``os.path.getsize('model.pth') / 1e6``:
  that leaves files in the working folder (where a grading run may leave none) and gives
  megabytes.

Data
----
``coursekit.data.session11``: ``splits()`` returns ``((x_train, y_train), (x_test, y_test))``,
2,000 training and 1,000 test promoter sequences, one-hot float32 ``[N, 4, 80]`` (rows A, C, G,
T) with int64 labels ``[N]`` in 0..3 (the class's planted motif: 0 TATA-box, 1 CCAAT-box,
2 GC-box, 3 E-box). ``trained_classifier()`` returns a trained ``PromoterClassifier`` (a fresh
copy on every call, in eval mode): ``features`` = Conv1d(4, 32, 9, padding=4), ReLU,
AdaptiveMaxPool1d(1), Flatten; ``classifier`` = Linear(32, 256), ReLU, Linear(256, 256), ReLU,
Linear(256, 4); 76,452 parameters (1,184 in the convolution, 75,268 in the Linear layers); test
accuracy 0.984. ``accuracy(model, x, y)`` is the kit's accuracy (eval mode, no gradients). The
graders quantise this model and compare on the 1,000 test sequences; they also use small models
of their own (any ``nn.Module`` with ``nn.Linear`` layers anywhere inside it, nested too).

Task 1: ``quantize(model)``
---------------------------
``model``: an ``nn.Module`` (float32, on the CPU). Returns a NEW module, a quantized copy::

    torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)

- every ``nn.Linear``, wherever it sits in the module tree, is replaced (at the same name,
  e.g. ``classifier.2``) by a ``torch.ao.nn.quantized.dynamic.Linear`` whose weight (its
  ``.weight()`` method) is a ``torch.qint8`` tensor; its bias stays float32 and unchanged;
- everything else is kept as it is: the ``nn.Conv1d`` stays a float ``nn.Conv1d`` with the same
  weights, the ReLU, pooling and Flatten stay (the set ``{nn.Linear}`` names the layers to
  quantise; ``{nn.Conv1d}`` quantises nothing at all: dynamic quantisation has no Conv1d);
- the ORIGINAL model is untouched: same layer types, same weights, same train/eval mode.
  ``inplace=False`` (the default) makes a deep copy first; ``inplace=True`` would convert the
  caller's model itself. The copy that comes back is in eval mode.

Per-channel weights (``qconfig_spec={nn.Linear: torch.ao.quantization.per_channel_dynamic_qconfig}``,
one scale per output row, still ``qint8``) are also accepted: the checks below hold for both
(its saved ``state_dict`` is 96,615 bytes, 3.20x smaller; the reference uses the per-tensor
default above).

Task 2: ``state_dict_bytes(model)``
-----------------------------------
The size in bytes of ``model``'s saved ``state_dict``, a Python ``int``, measured in memory::

    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    size = buffer.getbuffer().nbytes      # or len(buffer.getvalue()), or buffer.tell()

- the ``state_dict``, not the whole module (``torch.save(model, buffer)`` pickles the classes
  too: 312,013 bytes for the trained classifier instead of 309,133); buffers (BatchNorm's
  running statistics, say) are part of it;
- not a count of parameters: ``sum(p.numel() * p.element_size() for p in model.parameters())``
  misses the buffers and the file's own bytes, and a quantized Linear has NO parameters (its
  int8 weights are packed in a ``_packed_params`` entry of the ``state_dict``): it would give
  the quantized classifier 4,736 bytes (only the convolution);
- no file: nothing may appear in the working folder (the graders call it in an empty folder
  and look). A ``torch.save`` to a file also names the archive inside after the file, so its
  size differs from the in-memory one by a few bytes.

For the trained classifier: 309,133 bytes; for its quantized copy: 87,097 (3.55x smaller).

Task 3: ``compare(model, quantized, x, y)``
-------------------------------------------
``model``, ``quantized``: two classifiers of ``[N, 4, L]`` (e.g. the float model and its quantized
copy); ``x``: float32 ``[N, 4, L]``; ``y``: int64 labels ``[N]``. Returns a dict of three Python
floats::

    {"accuracy": share of x that model classifies as y,
     "quantized_accuracy": share of x that quantized classifies as y,
     "agreement": share of x on which the two models predict the same class}

- a prediction is the ``argmax`` of the logits over the classes (``dim=1``), for all ``N``
  sequences, from the models themselves (``model(x)``, ``quantized(x)``: one call per model or
  several batches, as you like);
- ``agreement`` compares the two models' predictions with EACH OTHER, whatever the labels: a
  sequence counts when the two predictions are equal, right or wrong (both models calling the
  same CCAAT-box a GC-box agree); ``quantized_accuracy`` compares the quantized model's
  predictions with the LABELS ``y`` (not with the float model's predictions);
- fractions in [0, 1] (0.984, not 98.4);
- every call of either model runs in eval mode and without gradients (``model.eval()`` and
  ``torch.no_grad()`` or ``torch.inference_mode()``); each model is left in the mode it came
  in: a model passed in train mode is in train mode again afterwards, one passed in eval mode
  stays in eval mode (keep ``model.training`` first and call ``model.train(that)`` at the end).

For the trained classifier and its quantized copy: accuracy 0.984 for both, agreement 1.0.

What the graders check
----------------------
The graders measure everything themselves: sizes with their own ``torch.save`` of each
``state_dict`` into a ``io.BytesIO``; predictions with their own ``argmax`` under
``torch.no_grad()`` in eval mode; accuracies with the kit's ``accuracy``. Your numbers are
compared with theirs, never used as the measurement. Float results must match within 1e-6.

- ``only_linear_replaced``: ``quantize(trained_classifier())`` returns an ``nn.Module`` in which,
  at every name of the original's ``named_modules()``: each ``nn.Linear`` became a
  ``torch.ao.nn.quantized.dynamic.Linear`` with the same in/out features, a ``torch.qint8``
  weight that holds the original weight ``W`` to within half an int8 step (every
  ``|dequantized - W| <= max|W| / 255``, 1% slack; per-channel scales are finer, so they pass)
  and a bias equal to the original's; every other module kept its exact type, and the
  ``nn.Conv1d`` (``features.0``) is still a float32 ``nn.Conv1d`` with weights and bias equal
  to the original's; the quantized model maps the first 16 test sequences to float32 logits
  ``[16, 4]``. The same on a small model of the graders (``Linear(12, 16), ReLU, then a nested
  nn.Sequential(Linear(16, 16), LayerNorm(16)), then Linear(16, 3)``: the LayerNorm stays float).
  This rejects ``dtype=torch.float16`` (float weights) and ``{nn.Conv1d}`` (nothing replaced);
- ``original_untouched``: with the trained classifier put in TRAIN mode, ``quantize(model)``
  returns another object that shares no submodule with it, and afterwards the original has the
  same module types at every name (its Linear layers still float ``nn.Linear``), a
  ``state_dict`` with the same keys and equal tensors, every module still in train mode, and
  the same logits on 64 test sequences. This rejects ``inplace=True``;
- ``size_ratio``: the graders' own measurement of the trained classifier's ``state_dict`` (309,133
  bytes) divided by theirs of ``quantize``'s result is at least 3.0 (the sizes do not depend on
  the weights' values, only on the layers: per-tensor qint8 gives 87,097 bytes, 3.55x;
  per-channel 96,615, 3.20x; float16 dynamic quantisation 311,225, 0.99x; ``{nn.Conv1d}``
  1.00x); and ``state_dict_bytes`` returns a Python ``int`` equal to the graders' measurement
  for the trained classifier, for its quantized copy and for a small model with buffers
  (``nn.Sequential(nn.Linear(6, 3), nn.BatchNorm1d(3))``), each call made in an empty temporary
  working folder that must still be empty afterwards. This rejects counts of parameters,
  ``torch.save(model, ...)`` of the whole module, megabytes and files written in the working
  folder;
- ``predictions_agree``: the graders' share of the 1,000 test sequences on which the trained
  classifier and its ``quantize``'d copy predict the same class is at least 0.99 (the kit's
  model: 1.000; the reference on 20 classifiers trained from other seeds, 10 of them on other
  data: 0.997-1.000, per-channel 0.996-1.000; another trained classifier instead of a quantized
  copy agrees on only 0.970-0.978, and the Linear weights rounded to 3 levels per layer,
  ``-s, 0, s``, on 0.952). ``compare(model, quantized, x_test, y_test)``, with both models passed
  in TRAIN mode, returns a dict with the three keys, each a Python float, whose ``"agreement"``
  equals the graders' share; each model was called on all 1,000 sequences, every call in eval
  mode with gradients off, and both are in train mode again afterwards. Then ``compare`` of the
  trained classifier and a copy of it with the output rows of classes 0 and 1 swapped (it calls
  every TATA-box a CCAAT-box and the other way round), both passed in EVAL mode: the graders'
  agreement again (0.491), the same conditions, and both still in eval mode afterwards. This
  rejects counting only the sequences both models classify correctly, forgetting ``eval()`` or
  ``no_grad()``, and ending with ``model.train()`` whatever the mode was;
- ``accuracy_kept``: the kit's ``accuracy`` of the quantized classifier on the test set is at
  most 0.01 below the float model's (the kit's model: 0.984 for both; the 20 classifiers of the
  sweep above: drops of 0.000-0.002; weights rounded to 3 levels drop 0.035, an untrained
  classifier 0.72); ``compare``'s ``"accuracy"`` and ``"quantized_accuracy"`` equal the kit's
  ``accuracy`` of each model on the same data, for the quantized pair (in train mode) and for
  the swapped pair (in eval mode: 0.984 and 0.493), with the same conditions on keys, types and
  modes as above. This rejects a ``quantized_accuracy`` measured against the float model's
  predictions instead of the labels.

No threshold here depends on a random draw at grading time: the graders use the kit's one
trained classifier, and a size depends only on the layers.
"""
import io  # noqa: F401

import torch  # noqa: F401
from torch import nn  # noqa: F401


def quantize(model):
    # TODO (task 1): a quantized COPY: every nn.Linear to qint8, the original untouched
    raise NotImplementedError("quantize")


def state_dict_bytes(model):
    # TODO (task 2): torch.save(model.state_dict(), ...) into an io.BytesIO; its size in bytes (an int)
    raise NotImplementedError("state_dict_bytes")


def compare(model, quantized, x, y):
    # TODO (task 3): argmax predictions in eval mode without gradients; accuracies and agreement
    raise NotImplementedError("compare")
