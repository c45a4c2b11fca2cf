"""Graders: session 11, exercise 6 (export_program, export_onnx, run_onnx)."""
import functools
import os
import shutil
import tempfile
import warnings

import torch
from torch import nn

from coursekit import checks as ck
from coursekit.data.session11 import PromoterClassifier, promoter_data

MODEL_SEED, EXAMPLE_SEED, DATA_SEED = 6, 60, 61
EXAMPLE_BATCH = 8  # the example both exports trace
BATCHES = (1, 37, 1000)  # the batch sizes the reloaded exports are run at
# Reloaded output against the graders' float64 eager forward in eval mode. Model seeds 0-19, batches
# 1, 37, 1000 of their own data: worst |difference| 6e-8 (program), 1e-7 (ONNX Runtime), logits up to
# 0.23; bar 2e-5 (+ 1e-5 relative). Exported in train mode: 0.27 and more (Dropout, batch statistics).
TOL = dict(rtol=1e-5, atol=2e-5)
NAMES = ("dna", "logits")  # the ONNX graph's input and output
CPU = ["CPUExecutionProvider"]

PROGRAM_HINT = ("model.eval(); program = torch.export.export(model, (example,), dynamic_shapes=({0: "
                "torch.export.Dim('batch')},)); torch.export.save(program, path) (a file torch.export.load "
                "reads back; torch.jit.script / torch.jit.save write TorchScript, which it cannot read); "
                "then model.train(was_training)")
ONNX_HINT = ("torch.onnx.export(model, (example,), path, input_names=['dna'], output_names=['logits'], "
             "dynamic_shapes=({0: torch.export.Dim('batch')},), external_data=False) with the model in "
             "eval mode, then its mode restored")
DYNAMIC_HINT = ("the batch dimension must stay free: dynamic_shapes=({0: torch.export.Dim('batch')},) (or "
                "{'x': {0: ...}}); without it the export is fixed to the example's batch of 8")
EVAL_HINT = ("call model.eval() before exporting: in train mode the export records Dropout (random) and "
             "BatchNorm with the batch's own statistics; restore the model's mode afterwards")
MODE_HINT = ("was_training = model.training; model.eval(); export; model.train(was_training) (in a "
             "try/finally): the caller's model must come back in the mode it had, train or eval")
FILE_HINT = ("external_data=False: torch 2.13's exporter writes the weights to a second file "
             "(path + '.data') by default; one file is what you deploy")
RUN_HINT = ("session = onnxruntime.InferenceSession(path, providers=['CPUExecutionProvider']); "
            "session.run(['logits'], {'dna': x.numpy()})[0] (float32), returned as torch.from_numpy(...)")


class _Deployed(nn.Module):
    """The graders' model: PromoterClassifier's layers with a BatchNorm1d(32) and a Dropout(0.5)
    between the features and the classifier ([N, 4, L] -> [N, 4])."""

    def __init__(self):
        super().__init__()
        base = PromoterClassifier()
        self.features = base.features
        self.norm = nn.BatchNorm1d(32)
        self.drop = nn.Dropout(0.5)
        self.classifier = base.classifier

    def forward(self, x):
        return self.classifier(self.drop(self.norm(self.features(x))))


def _model(seed=MODEL_SEED, training=True):
    """A seeded _Deployed with BatchNorm statistics of its own (not 0 and 1), in the given mode."""
    model = ck.seeded(seed, _Deployed)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for buffer, low, high in ((model.norm.running_mean, 0.0, 0.3), (model.norm.running_var, 0.5, 2.0),
                                  (model.norm.weight, 0.5, 1.5), (model.norm.bias, -0.2, 0.2)):
            buffer.copy_(low + (high - low) * torch.rand(buffer.shape, generator=g))
    return model.train(training)


def _example():
    return promoter_data(EXAMPLE_BATCH, EXAMPLE_SEED)[0]


@functools.cache
def _data():
    """The batches of 1, 37 and 1,000 sequences, and the model's eval-mode forward on them, in float64
    on a model of the graders' own (computed once)."""
    x = promoter_data(max(BATCHES), DATA_SEED)[0]
    model = _model().double().eval()
    with torch.no_grad():
        return {n: (x[:n], model(x[:n].double())) for n in BATCHES}


def _batches():
    return [_data()[n][0].clone() for n in BATCHES]


def _trusted(x):
    return _data()[x.shape[0]][1]


def _modes(model):
    return [m.training for m in model.modules()]


# ---------------------------------------------------------------- exports, once per submission ----

class _Export:
    """What one call of the student's export function left: its folder, file, result or error, and
    the model's modes and weights afterwards."""

    def __init__(self, sol, fn_name, filename, training=True):
        self.sol, self.name, self.training = sol, fn_name, training
        self.folder = tempfile.TemporaryDirectory(prefix="ex06_export_")
        self.path = os.path.join(self.folder.name, filename)
        model = _model(training=training)
        self.state = {k: v.clone() for k, v in model.state_dict().items()}
        self.error = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.result = ck.call(getattr(sol, fn_name), model, _example(), self.path,
                                      what=f"{fn_name}(model, example [8, 4, 80], path)",
                                      hint=PROGRAM_HINT if fn_name == "export_program" else ONNX_HINT)
        except (NotImplementedError, ck.CheckFailure) as error:
            self.error = error
        self.modes = _modes(model)
        self.weights_kept = all(torch.equal(self.state[k], v) for k, v in model.state_dict().items())

    def done(self):
        """Re-raise what the call raised; else check that it wrote its file and returned its path."""
        if self.error is not None:
            raise self.error
        what = f"{self.name}(model, example, path)"
        ck.expect(isinstance(self.result, (str, os.PathLike)) and os.fspath(self.result) == self.path,
                  f"{what} to return path ({self.path!r})", repr(self.result)[:200], "return path")
        ck.expect(os.path.isfile(self.path), f"{what} to write a file at path", "no file there",
                  "save to exactly the path you are given")
        return self


_DONE = {}  # (function name, model mode) -> the latest _Export


def _exported(sol, fn_name, filename, training=True):
    """The student's export of the graders' model, made once per submission and mode: exports are slow."""
    key, identity = (fn_name, training), ck.source_identity(getattr(sol, fn_name))
    found = _DONE.get(key)
    if found is None or found.identity != identity:
        if found is not None:
            found.folder.cleanup()
        found = _DONE[key] = _Export(sol, fn_name, filename, training)
        found.identity = identity
    return found.done()


def _program(sol, training=True):
    return _exported(sol, "export_program", "promoter.pt2", training)


def _onnx(sol):
    return _exported(sol, "export_onnx", "promoter.onnx")


def _reload_program(path):
    what = "torch.export.load(path).module() on the file export_program wrote"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ck.call(lambda: torch.export.load(path).module(), what=what, hint=PROGRAM_HINT)


def _session(path, what="the file export_onnx wrote"):
    import onnxruntime  # here, not at collection: only this exercise's checks need it

    return ck.call(onnxruntime.InferenceSession, path, providers=CPU,
                   what=f"onnxruntime.InferenceSession on {what}", hint=ONNX_HINT + "; " + FILE_HINT)


def _run_session(session, x, what):
    found = ck.call(session.run, [NAMES[1]], {NAMES[0]: x.numpy()}, what=what,
                    hint=ONNX_HINT + "; " + DYNAMIC_HINT)[0]
    return torch.from_numpy(found)


def _expect_logits(found, x, what, hint):
    ck.expect_tensor(found, what, (x.shape[0], 4), torch.float32, hint=hint)
    ck.expect_close(found, _trusted(x), f"{what}: the model's eval-mode output", hint, **TOL)


# ---------------------------------------------------------------- checks ----

def test_reloads_match(sol):
    batches = _batches()
    module = _reload_program(_program(sol).path)
    for x in batches:
        with torch.no_grad():
            found = ck.call(module, x, what=f"the reloaded program on a batch of {x.shape[0]}",
                            hint=DYNAMIC_HINT)
        _expect_logits(found, x, f"the reloaded program on a batch of {x.shape[0]}", EVAL_HINT)
    path = _onnx(sol).path
    session = _session(path)
    for x in batches:
        what = f"ONNX Runtime on the exported file, a batch of {x.shape[0]} fed as 'dna'"
        _expect_logits(_run_session(session, x, what), x, what, ONNX_HINT)
    x = batches[-1]
    found = ck.call(sol.run_onnx, path, x, what="run_onnx(path, x [1000, 4, 80])", hint=RUN_HINT)
    _expect_logits(found, x, "run_onnx(path, x [1000, 4, 80])", RUN_HINT)


def test_onnx_checker(sol):
    import onnx

    path = _onnx(sol).path
    model = ck.call(onnx.load, path, what="onnx.load(path) on the file export_onnx wrote", hint=ONNX_HINT)
    ck.call(onnx.checker.check_model, model, full_check=True,
            what="onnx.checker.check_model(onnx.load(path), full_check=True)", hint=ONNX_HINT)
    graph = model.graph
    for kind, values, name, size in (("input", graph.input, NAMES[0], [4, 80]),
                                     ("output", graph.output, NAMES[1], [4])):
        found = [v.name for v in values]
        ck.expect(found == [name], f"one graph {kind} named {name!r}", f"{kind}s {found}",
                  f"pass {'input' if kind == 'input' else 'output'}_names=[{name!r}] to torch.onnx.export")
        tensor = values[0].type.tensor_type
        ck.expect(tensor.elem_type == onnx.TensorProto.FLOAT, f"the {kind} {name!r} of type float32",
                  onnx.TensorProto.DataType.Name(tensor.elem_type), "export the float32 model")
        dims = [d.dim_param or d.dim_value for d in tensor.shape.dim]
        ck.expect(len(dims) == 1 + len(size) and isinstance(dims[0], str) and dims[1:] == size,
                  f"the {kind} {name!r} of shape [batch, {', '.join(map(str, size))}] with a named (dynamic) "
                  "batch dimension", f"shape {dims}", DYNAMIC_HINT)
        if kind == "input":
            batch = dims[0]
        else:
            ck.expect(dims[0] == batch, f"the output's batch dimension to be the input's ({batch!r})",
                      repr(dims[0]), "one dynamic batch dimension for the input and the output")


def test_eval_mode(sol):
    module = _reload_program(_program(sol).path)
    x = _batches()[1]
    with torch.no_grad():
        first, second = (ck.call(module, x, what="the reloaded program on a batch of 37", hint=EVAL_HINT)
                         for _ in range(2))
    ck.expect_tensor(first, "the reloaded program's output", (37, 4), torch.float32, hint=EVAL_HINT)
    ck.expect(torch.equal(first, second), "the reloaded program to give the same output twice (no Dropout)",
              f"two outputs {float((first - second).abs().max()):.3g} apart", EVAL_HINT)
    ck.expect_close(first, _trusted(x), "the reloaded program (the model in train mode when exported): its "
                    "eval-mode output", EVAL_HINT, **TOL)


def test_single_file(sol):
    export = _onnx(sol)
    found = sorted(os.listdir(export.folder.name))
    ck.expect(found == ["promoter.onnx"], "export_onnx to write one file, path, and nothing next to it",
              f"files {found}", FILE_HINT)
    n_weights = sum(p.numel() for p in _model().parameters())
    size = os.path.getsize(export.path)
    ck.expect(size >= 4 * n_weights, f"the file to hold the model's {n_weights:,} float32 weights "
              f"(at least {4 * n_weights:,} bytes)", f"{size:,} bytes", FILE_HINT)
    with tempfile.TemporaryDirectory(prefix="ex06_alone_") as alone:
        copied = shutil.copy(export.path, os.path.join(alone, "deployed.onnx"))
        x = _batches()[1]
        what = "ONNX Runtime on the file copied alone to another folder"
        _expect_logits(_run_session(_session(copied, "the file copied alone to another folder"), x, what),
                       x, what, FILE_HINT)


def test_mode_restored(sol):
    for fn_name, export in (("export_program", lambda: _program(sol)),
                            ("export_program", lambda: _program(sol, training=False)),
                            ("export_onnx", lambda: _onnx(sol))):
        record = export()
        mode = "train" if record.training else "eval"
        ck.expect(record.modes == [record.training] * len(record.modes),
                  f"{fn_name} on a model in {mode} mode to leave it (and every submodule) in {mode} mode",
                  f"{record.modes.count(True)} of {len(record.modes)} modules in train mode", MODE_HINT)
        ck.expect(record.weights_kept, f"{fn_name} to leave the model's parameters and buffers unchanged",
                  "a changed state_dict (BatchNorm statistics updated?)",
                  "don't run the model in train mode: export traces it without changing it")
