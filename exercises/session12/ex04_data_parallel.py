"""Session 12, exercise 4: DataParallel, and the ``module.`` prefix in checkpoints.

Genomics context
----------------
A model trained on a whole genome's windows is often trained on a server with several GPUs
and then used somewhere else: a laptop, a cluster node with one GPU, a colleague's pipeline.
The simplest way to spread a batch over the GPUs of one machine is ``nn.DataParallel``: it
wraps the model, splits each batch over the GPUs, runs a copy of the model on each and
gathers the outputs. (``DistributedDataParallel``, exercise 5, is what PyTorch recommends for
real work; it wraps the model in the same way.) On a machine **without a GPU**,
``nn.DataParallel`` does nothing but call the model: ``nn.DataParallel(model)(x)`` is
``model(x)``, so everything here runs on a CPU.

The wrapper keeps the model as its attribute ``.module``, and that name appears in every key
of the wrapper's ``state_dict()``: MotifNet's ``motif_module.weight`` becomes
``module.motif_module.weight``. A checkpoint saved from the wrapper does not load into a
plain model::

    RuntimeError: Error(s) in loading state_dict for MotifNet:
        Missing key(s) in state_dict: "motif_module.weight", ...
        Unexpected key(s) in state_dict: "module.motif_module.weight", ...

(and a plain checkpoint does not load into a wrapper, the other way round). The fix is
to save the plain model's state dict, and to remove (or add) the ``module.`` prefix when a
checkpoint and a model disagree. The prefix is a PREFIX: only a key that **starts with**
``module.`` carries it. The session's ``MotifNet`` has a layer called ``motif_module``:
``key.replace("module.", "")`` turns ``motif_module.weight`` into ``motif_weight`` (a key no
model has), and ``key.lstrip("module.")`` removes the CHARACTERS m, o, d, u, l, e and ``.``
from the left (``motif_module.weight`` becomes ``tif_module.weight``). Python 3.9+ has
``str.removeprefix``; torch has
``torch.nn.modules.utils.consume_prefix_in_state_dict_if_present(state_dict, prefix)``
(which changes its argument in place and returns ``None``).

Data
----
``coursekit.data.session12.MotifNet``: ``[N, 4, L]`` one-hot DNA -> logits ``[N, 2]``;
``motif_module`` Conv1d(4, 8, 9, padding=4), ReLU, ``norm`` BatchNorm1d(8), the maximum over
positions, ``head`` Linear(8, 2). Its ``state_dict()`` holds 9 entries, in this order:
``motif_module.weight``, ``motif_module.bias``, ``norm.weight``, ``norm.bias``,
``norm.running_mean``, ``norm.running_var``, ``norm.num_batches_tracked``, ``head.weight``,
``head.bias`` (the last three of ``norm`` are BUFFERS, not parameters: a checkpoint without
them gives another model in eval mode). The graders' source model is ``MotifNet()`` built
after ``torch.manual_seed(0)``, its BatchNorm statistics moved by 3 forward passes in train
mode over batches of 8 one-hot sequences (``random_records(24, 5, 40, 40, 0.0, 0.0)``):
``running_mean`` and ``running_var`` changed, ``num_batches_tracked`` 3; then put in eval
mode. Their fresh targets are ``MotifNet()`` built after ``torch.manual_seed(1)``, in eval
mode (other weights, BatchNorm statistics at their start). They also use a model of their
own that owns a submodule named ``module`` (as some wrappers do): ``self.module =
MotifNet()``, ``self.scale = nn.Linear(2, 2)``, ``forward(x) = self.scale(self.module(x))``;
its own keys are ``module.motif_module.weight``, ..., ``scale.bias``, and a wrapper's around
it ``module.module.motif_module.weight``, ... Inputs ``x``: 6 one-hot sequences of 40 bp,
float32 ``[6, 4, 40]`` (``random_records(6, 12, 40, 40, 0.0, 0.0)`` through ``one_hot``).

Task 1: ``wrap(model)``
-----------------------
Returns ``nn.DataParallel(model)``: always (not only when there are several GPUs), the model
itself as its ``.module`` (not a copy), its mode left as it is. (With one GPU,
``nn.DataParallel`` moves the model to ``cuda:0``; the graders then run it there.)

Task 2: ``strip_prefix(state_dict)``
------------------------------------
``state_dict``: a ``dict`` or an ``OrderedDict`` (what ``state_dict()`` returns) from ``str``
keys to tensors. Returns a NEW dict (a ``dict`` or an ``OrderedDict``, either is fine) with
the same entries in the same order, where each key that **starts with** ``"module."`` loses
those first 7 characters, ONCE (``module.module.x`` becomes ``module.x``: a model may own a
submodule named ``module``), and every other key stays as it is (``motif_module.weight``,
``modules.weight``, ``module`` without a dot, ``_orig_mod.module.w``). Each value is the same
tensor object as in the argument (no copies: a checkpoint can be gigabytes). The argument is
left unchanged (its keys, their order and its values). No two keys of the argument give the
same name (the graders never pass both ``x`` and ``module.x``). Copying the ``_metadata``
attribute of a real state dict is allowed, not needed: nothing checks it.

Task 3: ``add_prefix(state_dict)``
----------------------------------
The inverse, to load a plain checkpoint into a wrapped model: a NEW dict with
``"module." + key`` for EVERY key (also one that already starts with ``module.``: a plain
model's own ``module.x`` is the wrapper's ``module.module.x``), the same values (the same
tensor objects), the same order, the argument unchanged.
``strip_prefix(add_prefix(d))`` has exactly ``d``'s keys.

Task 4: ``save_checkpoint(model, path)``
----------------------------------------
``model``: a ``MotifNet``, plain or wrapped in ``nn.DataParallel``; ``path``: a ``str`` or a
``pathlib.Path``. Writes ``torch.save(state_dict, path)`` where ``state_dict`` is ALWAYS the
plain model's: ``model.module.state_dict()`` when ``model`` is an ``nn.DataParallel``,
``model.state_dict()`` otherwise (every parameter and buffer, names without ``module.``).
The file holds the state dict itself (not a dict around it) and loads with
``torch.load(path, weights_only=True)``. Returns nothing (what it returns is ignored).

Task 5: ``load_checkpoint(model, path)``
----------------------------------------
``model``: a ``MotifNet``, plain or wrapped in ``nn.DataParallel``; ``path``: a file that
holds a state dict saved EITHER by ``save_checkpoint`` (plain names) OR by someone who ran
``torch.save(nn.DataParallel(m).state_dict(), path)`` (every key ``module.``-prefixed).
Loads it into the plain model (``model.module`` when ``model`` is an ``nn.DataParallel``, or,
the same thing, into the wrapper itself after ``add_prefix``), removing the prefix where
the file has it, with ``load_state_dict(..., strict=True)`` (the default: a key too many or
one missing is an error, not a silent skip), and returns ``model`` (the object it was
given). Read the file with ``torch.load(path, map_location="cpu", weights_only=True)``
(``load_state_dict`` copies the values onto the model's own device). For the graded
``MotifNet`` you may always apply ``strip_prefix`` (a plain MotifNet key never starts with
``module.``); a model whose own keys start with ``module.`` would need a finer rule (compare
the file's keys with the model's): not graded.

What the graders check
----------------------
Everything is compared exactly: the logits with ``rtol=1e-6, atol=1e-7`` (on the CPU they are
bit-identical; the graders compare two models' logits on the CPU, and only
``wrapped_outputs`` runs on ``cuda:0`` where there is a GPU, then with ``rtol=1e-3,
atol=1e-4``: several GPUs split the batch, and TF32 convolutions of other batch sizes round
differently); nothing is trained, no threshold comes from a sweep. Generated cases come
from hypothesis (deterministic). The trusted yardsticks are torch's own
``consume_prefix_in_state_dict_if_present`` on a copy, the list
``[k[7:] if k.startswith("module.") else k for k in keys]``, torch's ``load_state_dict(...,
strict=True)`` and the models' own forward passes run by the graders.

- ``wrapped_outputs``: ``wrap(source)`` (the source model on ``cuda:0`` where there is a GPU)
  is an ``nn.DataParallel`` whose ``.module`` is the source model itself, the model still in
  eval mode; ``wrap(source)(x)`` is a float32 ``[6, 2]`` tensor equal to ``source(x)``. This
  rejects wrapping only when there are several GPUs and wrapping a copy;
- ``strip_prefix``: on dicts with the keys ``[module.motif_module.weight,
  module.motif_module.bias, module.norm.num_batches_tracked]``, ``[motif_module.weight,
  norm.running_mean, head.bias]``, ``[module.module.x, module.y, z, submodule.w]``,
  ``[modules.weight, module, mod.e, _orig_mod.module.w, lo]``, no keys at all, a plain
  ``dict`` ``[module.head.weight, norm.bias]``, then 60 generated dicts (0-8 keys, each 1-4
  pieces joined by dots, about half of them with ``module.`` in front; the pieces
  ``module``, ``motif_module``, ``submodule``, ``modules``, ``mod``, ``norm``, ``head``,
  ``weight``, ``bias``, ``running_mean``, ``num_batches_tracked``, ``0``, ``_orig_mod``, ``e``,
  ``lo``; no two keys giving the same name; a ``dict`` or an ``OrderedDict``): a new dict,
  the argument unchanged, its keys as a set equal to what
  ``consume_prefix_in_state_dict_if_present`` leaves in a copy, in the argument's order,
  each value the same tensor object. This rejects
  ``str.replace`` (everywhere or once), ``str.lstrip``, stripping only the first key,
  deciding from the first key alone and chopping 7 characters off every key, stripping
  repeatedly, and ``consume_prefix_in_state_dict_if_present`` on the argument itself;
- ``inner_names_kept``: ``strip_prefix(nn.DataParallel(source).state_dict())`` and
  ``strip_prefix(source.state_dict())`` both have the plain model's 9 keys in order
  (``motif_module.weight`` first), and each loads with ``strict=True`` into a fresh
  ``MotifNet`` that then gives the source's logits on ``x``; for the graders' model that owns
  a submodule named ``module``, ``strip_prefix(nn.DataParallel(it).state_dict())`` has its own
  keys ``module.motif_module.weight``, ... in order (one prefix removed, not two). This
  rejects ``str.replace``, ``str.lstrip``, stripping only the first key and stripping
  repeatedly;
- ``checkpoint_round_trip``: ``save_checkpoint`` of the source, wrapped (path a ``str``) and
  plain (path a ``pathlib.Path``), writes a file that ``torch.load(path, map_location="cpu",
  weights_only=True)`` reads as a dict with exactly the plain model's 9 keys, every value
  equal to the source's (``num_batches_tracked`` 3, the running statistics included); each
  file, and a graders' file written by ``torch.save(nn.DataParallel(source).state_dict(),
  path)``, is loaded by ``load_checkpoint`` into a fresh target, plain and wrapped (six
  loads): ``load_checkpoint`` returns the object it was given, the target's state dict then
  equals the source's (every key, the buffers included) and its logits on ``x`` equal the
  source's. This rejects saving the wrapper's state dict as it is (keys ``module.*``),
  saving the parameters only, loading with ``strict=False`` (keys skipped silently, the
  target unchanged) and every prefix mistake above;
- ``add_prefix``: on dicts with the keys ``[motif_module.weight, norm.num_batches_tracked,
  head.bias]``, ``[module.motif_module.weight, module.x, y]``, no keys, a plain ``dict``
  ``[motif_module.bias, module.w]``, then 60 generated dicts (as above): a new dict, the
  argument unchanged, the keys ``"module." + key`` in order, the same tensor objects, and
  ``consume_prefix_in_state_dict_if_present`` on a copy of the result gives the argument's
  keys back; ``nn.DataParallel(target).load_state_dict(add_prefix(source.state_dict()),
  strict=True)`` succeeds and the target then gives the source's logits, for ``MotifNet`` and
  for the graders' model with a submodule named ``module``. This rejects ``"module" + key``
  (no dot) and skipping the keys that already start with ``module.``.
"""
import torch  # noqa: F401
from torch import nn  # noqa: F401


def wrap(model):
    # TODO (task 1): nn.DataParallel around the model itself
    raise NotImplementedError("wrap")


def strip_prefix(state_dict):
    # TODO (task 2): a new dict, same order, a LEADING "module." removed once, the same tensors
    raise NotImplementedError("strip_prefix")


def add_prefix(state_dict):
    # TODO (task 3): a new dict, same order, "module." + every key, the same tensors
    raise NotImplementedError("add_prefix")


def save_checkpoint(model, path):
    # TODO (task 4): torch.save the PLAIN model's state dict (model.module's for an nn.DataParallel)
    raise NotImplementedError("save_checkpoint")


def load_checkpoint(model, path):
    # TODO (task 5): torch.load, strip the prefix where the file has it, load into the plain model
    #                with strict=True, return model
    raise NotImplementedError("load_checkpoint")
