"""Session 11, exercise 6: exporting a model: torch.export and ONNX, reloaded and checked.

Genomics context
----------------
A promoter classifier that only runs inside the notebook that trained it is not deployed. A
sequencing centre's pipeline, a genome browser's plug-in or a web service that scores
sequences wants the model as a FILE: the trained weights together with the computation,
loadable without the Python class that defined it, at whatever batch size the caller has
(one sequence from a clinician, a million promoters from a genome scan).

Two formats do this. ``torch.export`` traces the model's forward into an ``ExportedProgram``
(a graph of aten operations with the weights inside), saved as one ``.pt2`` file and read back
by ``torch.export.load(path).module()`` into a callable module, with PyTorch but without the
model's class. **ONNX** is the open standard read outside PyTorch: by ONNX Runtime (C++, C#,
Java, JavaScript, Python), by inference servers and on phones. The course guide's
``torch.jit.script`` (TorchScript) is deprecated in torch 2.13 in favour of ``torch.export``,
and ``torch.onnx.export`` now builds its ONNX graph from a ``torch.export`` trace as well (the
"dynamo" exporter, the default; it needs the ``onnxscript`` package, installed with ``onnx``
and ``onnxruntime``).

An export is correct when the file, reloaded, computes what the model computes:

- at OTHER batch sizes than the example it was traced with: a trace fixes every shape it sees
  unless a dimension is declared dynamic;
- in EVAL mode: a model in train mode exports a different function (Dropout zeroing random
  units, BatchNorm normalising with each batch's own statistics instead of the running ones);
- as ONE file that can be copied alone to where it is deployed.

Conventions (all fixed)
-----------------------
- Everything runs on the CPU, in float32. Nothing here draws random numbers.
- ``model``: an ``nn.Module`` whose ``forward(self, x)`` takes ONE tensor ``x`` float32
  ``[N, 4, L]`` (one-hot DNA) and returns logits float32 ``[N, 4]``; it may be in train or in
  eval mode, and it may contain Dropout and BatchNorm layers. ``example``: float32
  ``[B, 4, L]``, the input the export traces (the graders use ``B = 8``, ``L = 80``).
  ``path``: a ``str``, the file to write (its folder exists and is empty).
- The batch dimension (dimension 0 of ``x``) is dynamic, in both exports, through the
  ``dynamic_shapes`` argument: one entry per argument of ``forward``, here::

      dynamic_shapes=({0: torch.export.Dim("batch")},)      # or {"x": {0: torch.export.Dim("batch")}}

  ``Dim("batch")`` without bounds allows any batch size; bounds are allowed as long as 1 to
  1,000 is inside them. ``torch.export.Dim.DYNAMIC`` (or ``Dim.AUTO``) in its place also works.
  Without ``dynamic_shapes`` the export is fixed to the example's batch: the reloaded program
  refuses a batch of 37 (``Guard failed: x.size()[0] == 8``) and ONNX Runtime too (``Got invalid
  dimensions for input``).
- Both exports run with the model in **eval mode**, and leave the model in the mode it came in::

      was_training = model.training   # the mode to come back to
      model.eval()
      try:
          ...export...
      finally:
          model.train(was_training)   # whatever the export did

  (the graders' models have every submodule in the mode of the whole, so
  ``model.train(was_training)`` restores all of them). An export does not change the model's
  weights or BatchNorm statistics: it traces the forward, it does not train (don't run the model
  in train mode on the example).
- The ONNX graph has ONE input named ``"dna"`` (float32 ``[batch, 4, L]``) and ONE output named
  ``"logits"`` (float32 ``[batch, 4]``), the same dynamic ``batch`` in both: deployed code feeds
  and reads the graph by these names. Without ``input_names``/``output_names`` the exporter names
  them after the Python code (``x``, ``linear_2``).
- ONE file per export. ``torch.export.save`` writes one ``.pt2`` archive. ``torch.onnx.export``
  in torch 2.13 writes the weights to a second file next to the graph (``path + ".data"``) unless
  ``external_data=False``: pass it (the ONNX format keeps a single file up to 2 GB, far above this
  model's 0.3 MB).
- The export calls print progress lines and warnings (``[torch.onnx] Obtain model graph...``,
  ``torchvision is not installed``, a warning when the model is in train mode); they are
  harmless. ``verbose=False`` quiets the progress lines.

Data
----
The graders do not train anything. Their model is the session's ``PromoterClassifier``
(``coursekit.data.session11``: ``features`` = Conv1d(4, 32, 9, padding=4), ReLU,
AdaptiveMaxPool1d(1), Flatten; ``classifier`` = Linear(32, 256), ReLU, Linear(256, 256), ReLU,
Linear(256, 4)) with a ``BatchNorm1d(32)`` (running statistics of its own, not 0 and 1) and a
``Dropout(0.5)`` between ``features`` and ``classifier``, seeded weights, 76,516 parameters; it
comes in TRAIN mode (as after fine-tuning), and once in eval mode. Its ``forward(self, x)``
takes ``x``. Example and batches: one-hot sequences from
``coursekit.data.session11.promoter_data(n, seed)`` (float32 ``[n, 4, 80]``): an example of 8,
and batches of 1, 37 and 1,000. The files go to a temporary folder the graders make.

Task 1: ``export_program(model, example, path)``
------------------------------------------------
Exports ``model`` with ``torch.export`` and saves it to ``path``; returns ``path``::

    program = torch.export.export(model, (example,), dynamic_shapes=...)   # model in eval mode
    torch.export.save(program, path)

- ``args`` is a TUPLE of the forward's inputs: ``(example,)``, not ``example``;
- ``torch.export.load(path).module()`` must give back a module that runs batches of any size
  from 1 to 1,000 and returns what ``model`` returns in eval mode;
- not TorchScript: ``torch.jit.script(model)`` saved with ``torch.jit.save`` writes a different
  archive, which ``torch.export.load`` cannot read (``RuntimeError``).

Task 2: ``export_onnx(model, example, path)``
---------------------------------------------
Exports ``model`` to ONNX at ``path``, one file; returns ``path``::

    torch.onnx.export(model, (example,), path, input_names=["dna"], output_names=["logits"],
                      dynamic_shapes=..., external_data=False)             # model in eval mode

- use the default exporter (``dynamo=True``) at its default opset (20 in torch 2.13; the graders
  do not look at the opset). The deprecated TorchScript exporter (``dynamo=False``, the dynamic
  batch through ``dynamic_axes={"dna": {0: "batch"}, "logits": {0: "batch"}}``) writes
  an equivalent file and passes the checks too, but warns on every call;
- ``torch.onnx.export`` also accepts the ``ExportedProgram`` of task 1 in place of the model (no
  ``args`` then: the program carries its inputs and dynamic batch), and it returns an
  ``ONNXProgram`` whose ``.save(path, external_data=False)`` writes the same file;
- the file passes ``onnx.checker.check_model(onnx.load(path), full_check=True)``.

Task 3: ``run_onnx(path, x)``
-----------------------------
Runs the ONNX file at ``path`` with ONNX Runtime on ``x`` (float32 ``[N, 4, L]``, on the CPU, no
gradient needed) and returns the logits as a float32 torch tensor ``[N, 4]``::

    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    logits = session.run(["logits"], {"dna": x.numpy()})[0]      # a float32 numpy array
    return torch.from_numpy(logits)

ONNX Runtime takes and gives numpy arrays, fed and read by the graph's names; the input must be
float32 (a float64 array is refused: ``INVALID_ARGUMENT``). ``x.detach()`` first if ``x`` may
require grad.

What the graders check
----------------------
Each export function is called once per model mode, and the checks share what it wrote (an export
that fails fails every check that needs it). Every output is compared with the graders' own eager
forward of the same model in EVAL mode, computed in float64, at rtol 1e-5 and atol 2e-5. The sweep
behind this tolerance (model seeds 0-19, data seeds of their own, batches 1, 37 and 1,000): the
reloaded program differs from it by at most 6e-8 and ONNX Runtime by at most 1e-7 (logits up to
0.23); the same model exported in TRAIN mode differs by 0.27 or more.

- ``reloads_match``: ``export_program(model, example, path)`` (the model in train mode) returns
  ``path`` and writes a file there; ``torch.export.load(path).module()`` runs batches of 1, 37 and
  1,000 (not the example's 8) and returns float32 ``[N, 4]`` logits equal to the eval-mode
  forward. ``export_onnx(model, example, path)`` returns ``path``; an
  ``onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])`` of the graders,
  fed ``{"dna": x.numpy()}`` and asked for ``["logits"]``, gives the same at batches 1, 37 and
  1,000; ``run_onnx(path, x)`` on the 1,000 returns a float32 tensor ``[1000, 4]`` equal to the
  eval-mode forward too;
- ``onnx_checker``: the ONNX file loads with ``onnx.load(path)`` and passes
  ``onnx.checker.check_model(model, full_check=True)``; its graph has exactly one input, named
  ``"dna"``, float32, of shape ``[batch, 4, 80]`` with a NAMED (symbolic) first dimension, and
  exactly one output, ``"logits"``, float32 ``[batch, 4]`` with the same symbolic dimension;
- ``eval_mode``: the program exported from the model in TRAIN mode, reloaded, gives the same
  output twice on a batch of 37 (no Dropout left in it), equal to the eval-mode forward (running
  BatchNorm statistics, not the batch's own);
- ``single_file``: after ``export_onnx``, its folder holds exactly one file, the one at ``path``
  (no ``.data`` file next to it), of at least 4 bytes per parameter (306,064 bytes: the weights
  are inside); copied ALONE to another folder, it runs in ONNX Runtime and gives the eval-mode
  output on a batch of 37;
- ``mode_restored``: after ``export_program`` on the model in train mode, after
  ``export_program`` on the model in eval mode, and after ``export_onnx`` on the model in train
  mode, the model and every submodule are in the mode they came in (train, eval, train), and
  its ``state_dict`` (weights and BatchNorm statistics) is unchanged.

Nothing is timed and nothing is trained: each check compares what a file, reloaded, computes
with an eager forward of the graders, or inspects the file and the model.
"""
import onnxruntime  # noqa: F401
import torch  # noqa: F401


def export_program(model, example, path):
    # TODO (task 1): model.eval(); torch.export.export, dynamic batch; torch.export.save; restore the mode
    raise NotImplementedError("export_program")


def export_onnx(model, example, path):
    # TODO (task 2): model.eval(); torch.onnx.export, named input/output, dynamic batch, one file; restore
    raise NotImplementedError("export_onnx")


def run_onnx(path, x):
    # TODO (task 3): an onnxruntime.InferenceSession on the CPU, fed {"dna": float32 numpy}, as a torch tensor
    raise NotImplementedError("run_onnx")
