"""Session 11, exercise 1: mixed precision: bfloat16 autocast on the CPU, float16 and a scaler on CUDA.

Genomics context
----------------
Genomic models are trained on millions of sequences, and most of their time goes into
matrix multiplications (Linear layers, convolutions over the one-hot DNA). On hardware with
16-bit units (GPU tensor cores, recent CPUs) those run several times faster, and their
activations take half the memory, in a **16-bit** floating type. But 16 bits are not
enough everywhere: a weight update ``lr * gradient`` is often smaller than the spacing of
16-bit numbers around the weight and would be rounded away, and a loss summed in 16 bits
loses digits. **Mixed precision** keeps the best of both: the
matmul-heavy operations run in 16 bits inside an **autocast region**, while the parameters
(a float32 "master" copy), their gradients, the optimizer's state and the loss stay
float32.

``torch.autocast(device_type, dtype=...)`` is that region. Inside it, every eligible op
(``linear``, ``conv1d``, ``matmul``, ...) casts its inputs (activations and a COPY of the
weights) to the 16-bit type and returns a 16-bit result; ops that need the range or the
digits (``cross_entropy``, ``nll_loss``, ``mse_loss``, ...) run in float32. The
parameters themselves are never changed, so the gradients that ``backward`` leaves in
``p.grad`` are float32, and the optimizer updates float32 weights. Two 16-bit types:

- **bfloat16** (the CPU's type, and recent GPUs'): float32's 8-bit exponent (the same
  range, 1e-38 to 3e38) with only 7 stored mantissa bits (2 to 3 significant digits). Nothing
  overflows or underflows that would not in float32, so no loss scaling is needed:
  ``torch.autocast("cpu", dtype=torch.bfloat16)``.
- **float16** (CUDA's classic type): 10 stored mantissa bits but a 5-bit exponent: nothing
  above 65,504, nothing below 6e-8. Small gradients underflow to 0. The cure is a
  **gradient scaler**, ``torch.amp.GradScaler("cuda")``: it multiplies the loss by a large
  scale (65,536 to start) before ``backward``, so the gradients are large enough to be
  represented; ``scaler.step(optimizer)`` divides them by the scale again (unscales) and
  steps, unless some gradient is inf or NaN (the scale was too large and overflowed): then
  it SKIPS the step; ``scaler.update()`` then halves the scale after a skipped step (and
  doubles it after 2,000 steps without one).

The course guide uses ``torch.cuda.amp.autocast()`` and ``torch.cuda.amp.GradScaler()``:
both are deprecated, and both are CUDA-only: they never touch CPU tensors (on a machine
without a GPU they switch themselves off with a warning), so a CPU run stays float32 from
end to end without any error. Use
``torch.autocast(...)`` (or ``torch.amp.autocast(...)``) and ``torch.amp.GradScaler(device)``.
``GradScaler("cpu")`` exists too (it is how the graders test the scaler without a GPU).

Conventions (all fixed)
-----------------------
- ``model``: any ``nn.Module`` mapping one-hot DNA float32 ``[N, 4, L]`` to logits
  ``[N, C]``; ``y``: int64 class labels ``[N]``; ``optimizer``: any ``torch.optim``
  optimizer over ``model``'s parameters, made by the caller (except in ``train_mixed``). The
  loss is the mean cross-entropy ``F.cross_entropy(logits, y)`` (or
  ``nn.CrossEntropyLoss()``, the same op), nothing else (no label smoothing, no manual
  ``log_softmax``: autocast leaves ``log_softmax`` in 16 bits).
- Never cast the model or its parameters (no ``model.to(torch.bfloat16)``, ``.bfloat16()``,
  ``.half()``, no ``torch.set_default_dtype``): autocast does the casting, and only inside
  the region. Nor the inputs: ``x`` goes in as it is, float32.
- The forward pass AND the loss are inside the region; ``backward`` and the optimizer's
  step come after it (``backward`` runs each op in the dtype its forward used anyway).
- Use the ``device_type`` and ``dtype`` you are given: ``torch.autocast(device_type,
  dtype=dtype)`` (or ``torch.amp.autocast(device_type, dtype=dtype)``, or as a decorator):
  never a fixed ``"cpu"`` or ``torch.float16``. A region for ``"cuda"`` leaves CPU tensors
  alone (and the other way round).
- Each step starts with ``optimizer.zero_grad()`` (``set_to_none`` as you like): the
  gradients after a step are that step's only.
- Randomness: ``train_mixed`` draws its batches from ``generator`` (a ``torch.Generator``
  on the CPU) when one is given, and then leaves torch's global random state untouched.
- Losses are returned as Python floats (``loss.item()``).

Data
----
``coursekit.data.session11``: ``splits()`` returns ``((x_train, y_train), (x_test,
y_test))``, 2,000 and 1,000 promoter sequences, float32 one-hot ``[N, 4, 80]`` and int64
labels 0-3 (four promoter classes, each with one motif planted: TATA-box, CCAAT-box,
GC-box, E-box). ``PromoterClassifier()`` is the session's CNN: ``features`` = Conv1d(4, 32,
9, padding=4), ReLU, AdaptiveMaxPool1d(1), Flatten; ``classifier`` = Linear(32, 256), ReLU,
Linear(256, 256), ReLU, Linear(256, 4) (76,452 parameters). The graders use fresh
``PromoterClassifier()`` models built under fixed seeds (seeds 0-7) and batches of 8-32 rows
of ``x_train`` (no test data); everything runs on the CPU except ``cuda_parity``.

Task 1: ``mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16)``
-------------------------------------------------------------------------------------------------
One training step in mixed precision; returns the loss as a Python float::

    optimizer.zero_grad()
    with torch.autocast(device_type, dtype=dtype):
        logits = model(x)                      # [N, C], dtype `dtype`
        loss = F.cross_entropy(logits, y)      # 0-d, float32: autocast runs it in float32
    loss.backward()                            # float32 gradients in every p.grad
    optimizer.step()
    return loss.item()

- ``loss.item()`` is the float32 cross-entropy of the 16-bit logits the model produced
  (the graders recompute it in float64 from those logits);
- computing the loss AFTER the block, on the bfloat16 logits, gives a bfloat16 loss (no
  autocast there to lift it to float32): that is a mistake here;
- the defaults are the CPU's: bfloat16 on ``"cpu"``. With ``device_type="cuda"`` and a model
  on a GPU the same code runs CUDA's autocast (``dtype=torch.float16`` then needs the scaler
  of task 2; bfloat16 does not).

Task 2: ``scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16)``
------------------------------------------------------------------------------------------------
One step with a gradient scaler ``scaler`` (a ``torch.amp.GradScaler``, made by the caller:
``GradScaler("cuda")`` on a GPU, ``GradScaler("cpu")`` on the CPU). Returns ``(loss,
taken)``: ``loss`` the UNSCALED loss as a Python float (``loss.item()``, not the scaled
one), ``taken`` a ``bool``, True when the optimizer stepped and False when the scaler
skipped the step::

    optimizer.zero_grad()
    with torch.autocast(device_type, dtype=dtype):
        loss = F.cross_entropy(model(x), y)
    scaler.scale(loss).backward()              # gradients of scale * loss
    scale = scaler.get_scale()                 # a Python float
    scaler.step(optimizer)                     # unscales; skips the step on inf / NaN
    scaler.update()                            # halves the scale after a skip
    return loss.item(), scaler.get_scale() >= scale

- ``taken`` is exactly ``scaler.get_scale() >= scale``: a skipped step lowers the scale, a
  taken one keeps it (or doubles it, every ``growth_interval`` steps);
- ``scaler.step(optimizer)``, never ``optimizer.step()`` directly (even after
  ``scaler.unscale_(optimizer)``): only ``scaler.step`` skips a step with inf or NaN
  gradients; without ``scaler.update()`` the scale never falls (and the next
  ``scaler.step`` raises). If you clip gradients, ``scaler.unscale_(optimizer)`` first, then
  clip, then still ``scaler.step(optimizer)`` (not needed here);
- the defaults are CUDA's (float16 on ``"cuda"``); the graders call it on the CPU with
  ``device_type="cpu", dtype=torch.bfloat16`` and ``GradScaler("cpu")``.

Task 3: ``train_mixed``
-----------------------
``train_mixed(model, x, y, steps=30, lr=1e-3, batch_size=32, generator=None,
device_type="cpu", dtype=torch.bfloat16)``: ``steps`` steps of ``mixed_precision_step`` on
random batches; trains ``model`` in place and returns the list of the ``steps`` step losses
(Python floats, in order)::

    optimizer = torch.optim.Adam(model.parameters(), lr=lr)     # once, before the first step
    for each of the `steps` steps:
        idx = torch.randint(0, len(x), (batch_size,), generator=generator)   # with replacement
        loss = mixed_precision_step(model, x[idx], y[idx], optimizer, device_type, dtype)

- exactly one ``torch.randint`` draw of ``batch_size`` indices per step, from ``generator``
  (on the CPU, even when ``x`` lives on a GPU: indexing moves the indices), then ONE
  ``mixed_precision_step``: the graders replay your batches in float32 from a generator of
  the same seed;
- ``torch.optim.Adam`` with ``lr`` and its other defaults, made once, before the first step;
- ``device_type`` and ``dtype`` go on to every ``mixed_precision_step``.

What the graders check
----------------------
Forward hooks on every Conv1d and Linear of the model record the dtype of each output;
another on the model keeps its logits; a ``torch.overrides.TorchFunctionMode`` records the
dtype and shape of every tensor ``backward`` is called on (``loss.backward()`` or
``torch.autograd.backward(loss)``). "Trusted" gradients come from the graders' own autocast
region on a copy of the model (the forward under ``torch.autocast``, then the float32
cross-entropy of its logits); trusted losses are the float64 cross-entropy of the logits
the hook kept. A float32 cross-entropy and the float64 one of the same logits differed by at
most 5e-6 relatively (40 batches, fresh and trained models); a bfloat16 loss differs by
3e-5 to 4e-3 (median 1.7e-3): the loss tolerance is rtol 1e-5, atol 1e-6.

- ``autocast_dtypes``: ``mixed_precision_step(model, x, y, SGD(lr=0.1))`` with its defaults,
  twice (two batches of 32): in each call the model runs once, the outputs of the Conv1d and
  the three Linear layers are all bfloat16, so are the logits; ``backward`` is called once,
  on a 0-d float32 tensor; the return value is a Python float equal to the cross-entropy of
  those logits (rtol 1e-5). This rejects the guide's ``torch.cuda.amp.autocast()`` (off on
  the CPU: float32 outputs), a hard-coded float16, and a loss computed outside the region
  or cast to bfloat16;
- ``float32_master_weights``: with ``SGD(lr=0.1, momentum=0.9)`` and every ``p.grad``
  pre-filled with 0.5 (stale gradients): after one ``mixed_precision_step`` every parameter,
  every ``p.grad`` and every momentum buffer is float32; each ``p.grad`` equals the trusted
  gradient (rtol 1e-3, atol 1e-6: this step's only, so ``zero_grad`` first) and each
  parameter equals ``p - 0.1 * g`` (rtol 1e-5, atol 1e-6). Then with ``Adam(lr=1e-3)``:
  parameters, gradients and the state (``exp_avg``, ``exp_avg_sq``) float32;
- ``close_to_float32``: ``train_mixed(model, x_train, y_train, generator=
  torch.Generator().manual_seed(3))`` (the defaults: 30 steps, lr 1e-3, batches of 32)
  returns 30 Python floats, and each is within a relative 0.012 of the loss of the same
  step in the graders' float32 run (the same start, ``Adam(lr=1e-3)``, the same batches
  from a generator of the same seed). The reference, over model and batch seeds 0-19: at
  most 0.0007-0.0039 (per run, the largest over its steps); without ``zero_grad``
  0.027-0.092. Then ``steps=20, lr=1e-4, batch_size=16`` (seed 4): each step within a
  relative 0.0015; the reference over seeds 0-19: 0.0001-0.0002, while bfloat16 weights
  (their updates of about 1e-4 rounded to the bfloat16 spacing around each weight) give
  0.0039-0.0160. That second run is made under two different global seeds: the same losses
  both times, and torch's global random state untouched;
- ``scaler_skips_inf``: ``scaled_step(model, x, y, SGD(lr=0.1), GradScaler("cpu"),
  device_type="cpu", dtype=torch.bfloat16)`` three times with one scaler (initial scale
  65,536). 1: returns ``(loss, True)``, ``loss`` the unscaled cross-entropy of the logits
  (rtol 1e-5), every parameter ``p - 0.1 * g`` with the UNSCALED trusted gradient ``g``
  (rtol 1e-5, atol 1e-6), the scale still 65,536. 2: a hook on
  ``model.classifier[4].weight`` writes inf into one entry of its gradient (the loss stays
  finite): returns ``(loss, False)`` with the finite loss, every parameter bit-for-bit
  unchanged, the scale 32,768. 3: a normal batch again: ``taken`` True, the scale still
  32,768, every parameter updated;
- ``uses_device_type``: on a CPU model, ``mixed_precision_step(..., dtype=torch.float16)``
  gives float16 outputs of every Conv1d and Linear (a float32 loss equal to the trusted
  one); ``mixed_precision_step(..., device_type="cuda")`` gives float32 outputs (CUDA's
  autocast leaves a CPU model alone, GPU or not); ``train_mixed(..., steps=2, batch_size=8,
  generator=...)`` with ``dtype=torch.float16``, then with ``device_type="cuda"``, the same
  in each of its 2 steps, and with its own defaults bfloat16; ``scaled_step(...,
  GradScaler("cpu"), device_type="cpu", dtype=torch.bfloat16)`` bfloat16 outputs, and
  ``scaled_step`` with its defaults (``"cuda"``) float32 outputs on the CPU model;
- ``cuda_parity`` (0 points; runs only where a GPU exists, skipped otherwise): on a CUDA
  model, ``scaled_step`` with its defaults and ``GradScaler("cuda")``: float16 outputs of
  every Conv1d and Linear, ``backward`` on a 0-d float32 tensor, ``(loss, True)`` with the
  loss equal to the trusted one and within rtol 1e-2 of the float32 loss of the same
  weights on the CPU, float32 parameters and gradients, each parameter ``p - 0.1 * g``
  (rtol 1e-3, atol 1e-5); with the inf hook: skipped, parameters unchanged, the scale
  halved; ``mixed_precision_step(..., device_type="cuda")``: bfloat16 outputs.

No timing is graded (machines differ): only what runs in which dtype, and the numbers.
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401


def mixed_precision_step(model, x, y, optimizer, device_type="cpu", dtype=torch.bfloat16):
    # TODO (task 1): zero_grad; forward and cross-entropy inside torch.autocast; backward and step after it
    raise NotImplementedError("mixed_precision_step")


def scaled_step(model, x, y, optimizer, scaler, device_type="cuda", dtype=torch.float16):
    # TODO (task 2): like task 1, with scaler.scale(loss).backward(), scaler.step, scaler.update
    raise NotImplementedError("scaled_step")


def train_mixed(model, x, y, steps=30, lr=1e-3, batch_size=32, generator=None, device_type="cpu",
                dtype=torch.bfloat16):
    # TODO (task 3): Adam(lr); each step a torch.randint batch from generator and one mixed_precision_step
    raise NotImplementedError("train_mixed")
