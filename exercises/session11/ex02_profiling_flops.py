"""Session 11, exercise 2: profiling and FLOPs: where the time goes, and what a layer costs.

Genomics context
----------------
A promoter classifier that takes a millisecond per batch in a notebook becomes a real cost
when it scans a genome: scoring every 80-bp window of the 3.1 Gb human genome is 3.1 billion
sequences. Before making a model faster (mixed precision, quantisation, pruning: the other
exercises of this session) you need to know **where its time goes** and **what each
layer costs**. Two tools answer that:

- a **FLOP count**: the number of floating-point operations one forward pass needs, computed
  from the layers' sizes and the input's shape alone. It does not depend on the machine, so
  it compares models and predicts how the cost grows with the batch and the sequence length;
- a **profiler** (``torch.profiler``): which operators really ran, how often and for how long,
  grouped into named regions of your own code (``record_function``).

The session's ``PromoterClassifier`` shows why parameters are not cost. Its Conv1d holds 1.5%
of the 76,452 parameters but, slid over 80 positions, takes 184,320 of the 333,824 FLOPs per
sequence (55%); the three Linear layers (98.5% of the parameters) run once per sequence after
the global max pool, 149,504 FLOPs. At 1,000 bp the convolution is 94% of the cost, and the
whole genome at 80 bp is about 10^15 FLOPs. Quantising the Linear layers (exercise 3) shrinks
the file 3.5x but leaves the convolution, more than half of the work, as it was.

Conventions (all fixed)
-----------------------
- **A FLOP count** counts one multiply-add (a MAC) as **2 FLOPs** (one multiplication, one
  addition). Only the matrix products of ``nn.Linear`` and ``nn.Conv1d`` are counted: the
  **bias additions are NOT counted**, nor activations, pooling, normalisation or additions
  between layers. This is exactly what torch's own counter,
  ``torch.utils.flop_counter.FlopCounterMode``, reports (checked in torch 2.13: a Linear or a
  Conv1d gets the same count with and without a bias).
- Every count is returned as a Python ``int``, exact at any size: integer arithmetic only
  (``//``, never ``/``; no floats, no tensors, no numpy numbers). The graders also ask about
  shapes far too big to run (10^6 rows of 4,096 features: 33,554,432,000,000 FLOPs).
- ``input_shape`` is a tuple of ints or a ``torch.Size``: the shape of the tensor the layer
  (or model) receives.
- The graders' layers may live on the ``meta`` device (shapes, no data): the FLOP functions
  read only the layer's attributes (``in_features``, ``kernel_size``, ...) and the shape.

``FlopCounterMode`` is the graders' yardstick; your functions compute the counts from the
formulas below, without it, but you can check your work with it::

    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as counter:
        layer(torch.zeros(shape))
    counter.get_total_flops()

Data
----
The graders use ``coursekit.data.session11``: ``PromoterClassifier()`` (Conv1d(4, 32, 9,
padding=4), ReLU, AdaptiveMaxPool1d(1), Flatten, then Linear(32, 256), ReLU, Linear(256, 256),
ReLU, Linear(256, 4)) built after ``torch.manual_seed(0)`` (its weights do not matter here:
nothing is trained), and one-hot promoter sequences ``promoter_data(16, seed=0)[0]``, float32
``[16, 4, 80]``. Their FLOP yardstick is ``FlopCounterMode`` on their own run of each layer or
model. They also use a second model of their own, described in *What the graders check*.

Task 1: ``linear_flops(layer, input_shape)``
--------------------------------------------
``layer``: an ``nn.Linear`` (with or without a bias); ``input_shape``: ``[..., in_features]``
(``input_shape[-1] == layer.in_features``). A Linear layer acts on the last dimension; every
other dimension is a row of the matrix product::

    B = product of input_shape[:-1]          # 1 for a 1-d input (in_features,)
    flops = 2 * B * layer.in_features * layer.out_features

e.g. ``nn.Linear(32, 256)`` on ``(8, 32)``: ``2 * 8 * 32 * 256 = 131,072``; ``nn.Linear(32, 16)``
on ``(2, 5, 32)`` (a Linear applied at every position of two 5-long sequences): ``B = 10``,
``2 * 10 * 32 * 16 = 10,240``. ``B`` is the product of ALL leading dimensions, not the first
one (``math.prod(input_shape[:-1])``).

Task 2: ``conv1d_flops(layer, input_shape)``
--------------------------------------------
``layer``: an ``nn.Conv1d``; ``input_shape``: ``(B, C_in, L)``, or ``(C_in, L)`` for an unbatched
input (``B = 1``, as ``nn.Conv1d`` itself accepts). Each of the ``B * C_out * L_out`` outputs
is a dot product over ``C_in // groups`` channels times ``k`` kernel positions::

    flops = 2 * B * layer.out_channels * L_out * (layer.in_channels // layer.groups) * k
    L_out = (L + 2 * p - d * (k - 1) - 1) // s + 1

with ``k``, ``s``, ``d`` the kernel size, stride and dilation (``nn.Conv1d`` stores each as a
1-tuple: ``layer.kernel_size == (9,)``) and ``p`` the padding on each side. ``layer.padding``
is a 1-tuple ``(p,)`` when the layer was built with an int, or the string ``'valid'`` (no
padding: ``p = 0``) or ``'same'`` (torch pads so that ``L_out == L``; it allows ``'same'`` with
stride 1 only, and pads unevenly for an even ``k``: use ``L_out = L`` directly). The
``padding_mode`` (``'zeros'``, ``'circular'``, ...) changes what is padded in, not how much:
the count is the same. ``groups``: each output channel sees only ``in_channels // groups``
input channels (a depthwise convolution, ``groups == in_channels``, costs ``in_channels``
times less than a full one).

e.g. the classifier's ``nn.Conv1d(4, 32, 9, padding=4)`` on ``(8, 4, 80)``: ``L_out = 80``,
``2 * 8 * 32 * 80 * 4 * 9 = 1,474,560``; with
``nn.Conv1d(4, 8, 5, stride=2, padding=1, dilation=3)`` on ``(3, 4, 50)``:
``L_out = (50 + 2 - 12 - 1) // 2 + 1 = 20``.

Task 3: ``model_flops(model, input_shape)``
-------------------------------------------
``model``: any ``nn.Module`` with at least one parameter; ``input_shape``: the shape of the
one tensor its ``forward`` takes. Returns the total FLOPs of every ``nn.Linear`` and
``nn.Conv1d`` call that ONE forward pass on an input of that shape makes (subclasses of the
two count as them; every other module counts 0). A model's layers do not know the shapes
they will see (a Linear after a transpose, a convolution after a strided one), so record
them as the pass runs, with **forward hooks**::

    def hook(module, inputs, output):         # called after every call of the module
        ... inputs[0].shape is the shape that call received ...
    handle = module.register_forward_hook(hook)   # on every Linear and Conv1d of model.modules()
    ... one forward pass ...
    handle.remove()                            # every handle, in a finally: block

- count at **every call**: a layer called twice in ``forward`` counts twice (a running total,
  not a dict keyed by module or name, which keeps only the last call); a layer that is
  defined but never run counts nothing;
- the pass runs on ``torch.zeros(input_shape, dtype=..., device=...)`` with the dtype and
  device of the model's parameters (``next(model.parameters())``): it works for a model on any
  device, the ``meta`` device included (a model of any size, no memory);
- it leaves the model as it found it: every hook removed (also when the pass fails), every
  module's training mode unchanged, parameters and buffers unchanged (a BatchNorm layer in
  train mode updates its running statistics at every pass, even under ``torch.no_grad()``):
  run the pass in eval mode under ``torch.no_grad()`` and restore the mode afterwards
  (``was = model.training``, ..., ``model.train(was)``);
- each call starts from 0 (no total kept between calls) and returns a Python ``int``.

``model_flops(PromoterClassifier(), (8, 4, 80))`` is 2,670,592 (the Conv1d 1,474,560, the
Linear layers 131,072 + 1,048,576 + 16,384).

Task 4: ``profile_model(model, x, passes=3)``
---------------------------------------------
Profiles ``passes`` forward passes of ``model`` on ``x`` (a batch already on the model's
device; the model is run as it is: its mode is the caller's) and returns the profiler::

    with torch.no_grad(), profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(passes):
            with record_function("forward"):
                model(x)
    return prof

(``from torch.profiler import profile, record_function, ProfilerActivity``). Returned: the
``torch.profiler.profile`` object itself, after its ``with`` block has closed (not its
table, not ``key_averages()``). Each pass gets its OWN region named exactly ``"forward"``, so
``prof.key_averages()`` (events grouped by name; ``.key`` the name, ``.count`` the number of
calls) holds ``"forward"`` with ``count == passes``. Inside the profiler there is nothing but
the ``passes`` passes: no warm-up pass (do one before the ``with``, if you like), one profiler
for all passes (not one per pass). ``torch.no_grad()``: inference is what is profiled (not
checked). The table to read yourself (not graded: timings differ between machines)::

    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=10))

In torch 2.13 on the CPU, each call of an ``nn.Linear`` appears as one ``aten::linear`` (which
runs ``aten::addmm``) and each call of an ``nn.Conv1d`` as one ``aten::conv1d`` (which runs
``aten::convolution``): the classifier's 3 Linear layers and its Conv1d give, over 3 passes,
``aten::linear`` 9 times and ``aten::conv1d`` 3 times. (The first profile in a process takes a
second or two: torch imports its compiler stack then.)

What the graders check
----------------------
The trusted FLOP counts come from ``torch.utils.flop_counter.FlopCounterMode`` (the total of
``get_total_flops()``) around the graders' own run of the same layer, or a copy of the same
model, on zeros of the same shape (layers on the ``meta`` device, so any size runs), compared
for exact equality with your Python ``int``. Generated cases come from hypothesis
(deterministic). The operator counts come from the layers of the graders' models times the
passes. Nothing here is timed and nothing is trained: no threshold comes from a sweep, every
comparison is exact. The graders' second model (its own weights from ``torch.manual_seed(1)``)::

    embed = nn.Conv1d(4, 12, 5, stride=2, padding=3, dilation=2)
    norm = nn.BatchNorm1d(12)
    grouped = nn.Conv1d(12, 12, 3, padding=1, groups=3, bias=False)
    mix = nn.Linear(12, 12)
    head = nn.Linear(12, 3)
    spare = nn.Linear(64, 64)
    forward(x): h = relu(norm(embed(x)))
                h = h + relu(grouped(h))
                p = h.transpose(1, 2)            # [B, L', 12]: mix acts at every position
                p = mix(relu(mix(p)))            # one layer, called twice
                return head(p.mean(1))           # spare is never run

On ``(3, 4, 50)``: ``embed`` gives ``L' = 24``; ``embed`` 34,560 FLOPs, ``grouped`` 20,736, ``mix``
20,736 per call (inputs ``[3, 24, 12]``), ``head`` 216: 96,984 in all.

- ``linear_flops``: a Python ``int`` equal to FlopCounterMode's count for ``nn.Linear(32, 256)``
  on ``(8, 32)`` (131,072); ``nn.Linear(256, 4, bias=False)`` on ``torch.Size([8, 256])``;
  ``nn.Linear(32, 16)`` on ``(2, 5, 32)`` (``B = 10``) and on ``(32,)`` (``B = 1``);
  ``nn.Linear(4096, 4096)`` on ``(1000000, 4096)`` (33,554,432,000,000); then 40 generated
  cases (``in_features`` and ``out_features`` 1-512, 0-3 leading dimensions of 1-64 each, with
  or without a bias). This rejects counting MACs (no factor 2), counting the bias and taking
  ``B`` as the first dimension only;
- ``conv1d_flops``: a Python ``int`` equal to FlopCounterMode's count for the classifier's
  ``nn.Conv1d(4, 32, 9, padding=4)`` on ``(8, 4, 80)`` (1,474,560) and on the unbatched
  ``(4, 80)``; ``nn.Conv1d(4, 8, 5, stride=2, padding=1, dilation=3)`` on ``(3, 4, 50)``;
  ``nn.Conv1d(8, 12, 3, groups=4, bias=False)`` on ``(2, 8, 30)``;
  ``nn.Conv1d(4, 6, 7, padding='valid')`` and ``nn.Conv1d(4, 6, 4, padding='same',
  dilation=2)`` on ``(5, 4, 40)``; ``nn.Conv1d(4, 6, 5, padding=2, padding_mode='circular')``
  on ``(2, 4, 30)``; then 50 generated cases (``groups`` 1-4, 1-4 input and 1-4 output
  channels per group, ``k`` 1-9, stride 1-3, dilation 1-3, padding an int 0-5, ``'valid'`` or
  ``'same'`` (then stride 1), batched with ``B`` 1-6 or unbatched, ``L`` from the shortest
  length with one output up to 40 more, with or without a bias). This rejects MACs, the bias,
  ignoring ``groups``, ``L_out = L - k + 1`` (padding, stride and dilation ignored) and a
  float result (``/``);
- ``model_flops``: a Python ``int`` equal to FlopCounterMode's total for
  ``PromoterClassifier()`` in train mode on ``(8, 4, 80)`` (2,670,592), the same in eval mode on
  ``(1, 4, 200)`` (610,304), ``PromoterClassifier().to("meta")`` on ``(16, 4, 80)``
  (5,341,184), and the graders' second model in train mode on ``(3, 4, 50)`` (96,984, the
  BatchNorm in train mode, its running statistics at their start). After each call: no hook
  left (on any module, nor torch's global module hooks), every module's training mode as
  before, parameters and buffers (the BatchNorm's running statistics) unchanged, and a
  second call gives the same number. This rejects MACs, the bias, ignored groups or padding,
  ``B`` as the first dimension, a layer counted once when it is called twice, hooks on the
  Linear layers only (the Conv1d missed), hooks left behind and a BatchNorm updated;
- ``profiler_regions``: ``profile_model(PromoterClassifier() in eval mode, x)`` with ``x`` the 16
  sequences ``[16, 4, 80]``, with the default ``passes`` and with ``passes=1`` and ``passes=4``:
  returns a ``torch.profiler.profile``; its ``key_averages()`` has ``"forward"`` with ``count``
  3, 1 and 4; every ``aten::linear`` and ``aten::conv1d`` event of ``prof.events()`` lies inside
  a ``"forward"`` region (one of its enclosing events, ``.cpu_parent`` upwards, is named
  ``"forward"``). This rejects another region name, one region around all the passes, one
  profiler per pass and a warm-up pass inside the profiler;
- ``op_counts``: in ``key_averages()``, for the classifier with ``passes=2``: ``aten::conv1d``
  count 2 and ``aten::linear`` 6; for the graders' second model (eval mode, ``x`` the first 6
  sequences cut to ``[6, 4, 50]``) with the default ``passes``: ``aten::conv1d`` 6 (2 per pass)
  and ``aten::linear`` 9 (3 per pass: ``mix`` twice and ``head``). This rejects profiling one
  pass only (a profiler per pass) and a warm-up pass inside the profiler.
"""
import torch  # noqa: F401
from torch import nn  # noqa: F401
from torch.profiler import ProfilerActivity, profile, record_function  # noqa: F401


def linear_flops(layer, input_shape):
    # TODO (task 1): 2 * B * in_features * out_features, B the product of input_shape[:-1]; a Python int
    raise NotImplementedError("linear_flops")


def conv1d_flops(layer, input_shape):
    # TODO (task 2): 2 * B * C_out * L_out * (C_in // groups) * k, L_out from padding, stride and dilation
    raise NotImplementedError("conv1d_flops")


def model_flops(model, input_shape):
    # TODO (task 3): forward hooks on every Linear and Conv1d, one pass on zeros, every hook removed
    raise NotImplementedError("model_flops")


def profile_model(model, x, passes=3):
    # TODO (task 4): one profiler; each pass in its own record_function("forward"); return the profiler
    raise NotImplementedError("profile_model")
