"""Graders: session 11, exercise 3 (dynamic int8 quantisation: quantize, state_dict_bytes, compare)."""
import contextlib
import io
import os
import shutil
import tempfile
import warnings

import torch
from torch import nn
from torch.ao.nn.quantized import dynamic as qdynamic

from coursekit import checks as ck
from coursekit.data.session11 import accuracy, splits, trained_classifier

MIN_RATIO = 3.0        # per-tensor 3.55x, per-channel 3.20x; float16 0.99x, {nn.Conv1d} 1.00x
MIN_AGREEMENT = 0.99   # 20 classifiers: 0.997-1.000 (per-channel 0.996); another classifier: 0.970-0.978
MAX_DROP = 0.01        # 20 classifiers: 0.000-0.002; Linear weights rounded to 3 levels: 0.035
SLACK = 1.01           # on the half-step bound max|W| / 255
EXACT = dict(rtol=0.0, atol=1e-6)
KEYS = ("accuracy", "quantized_accuracy", "agreement")

QUANTIZE_HINT = ("torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8) returns a "
                 "new model in which every nn.Linear is a dynamic quantized Linear with qint8 weights, "
                 "everything else as it was")
COPY_HINT = ("quantize_dynamic(..., inplace=False) (the default) converts a deep copy and leaves the "
             "caller's model alone; inplace=True (or quantising the model you were given) changes it")
BYTES_HINT = ("torch.save(model.state_dict(), ...) into an io.BytesIO, then the number of bytes in it: the "
              "saved state_dict (buffers and packed int8 weights included), in memory (no file)")
COMPARE_HINT = ('a dict {"accuracy": ..., "quantized_accuracy": ..., "agreement": ...} of Python floats '
                "in [0, 1]: predictions are the argmax over dim 1 of each model's logits; the accuracies "
                "compare them with y, the agreement compares the two models' predictions with each other")
MODE_HINT = ("call each model under model.eval() and torch.no_grad(), then give it back its mode: "
             "was = model.training ... model.train(was)")


# ---------------------------------------------------------------- trusted pieces ----

@contextlib.contextmanager
def _quiet():
    """torch.ao.quantization warns (deprecated for torchao) on every call: not the student's doing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        yield


def _test_set():
    return splits()[1]


def _quantized(sol, model, what):
    with _quiet():
        result = ck.call(sol.quantize, model, what=what, hint=QUANTIZE_HINT)
    ck.expect_module(result, f"the result of {what}")
    return result


def _saved_size(model):
    """The graders' measurement: the bytes of the state_dict written by torch.save into memory."""
    sink = io.BytesIO()
    with _quiet():
        torch.save(model.state_dict(), sink)
    return len(sink.getvalue())


def _labels_of(model, x):
    """The graders' predictions: argmax of the logits, eval mode, no gradients (mode restored)."""
    mode = model.training
    model.eval()
    with torch.no_grad(), _quiet():
        found = model(x).argmax(1)
    model.train(mode)
    return found


def _swapped():
    """The trained classifier with the outputs of classes 0 and 1 in each other's place: every TATA-box
    called a CCAAT-box and the other way round."""
    other = trained_classifier()
    last = other.classifier[4]
    with torch.no_grad():
        last.weight.copy_(last.weight[[1, 0, 2, 3]].clone())
        last.bias.copy_(last.bias[[1, 0, 2, 3]].clone())
    return other


def _small_model():
    """The graders' own model: Linear layers at the top and nested, a LayerNorm that must stay float."""
    return ck.seeded(0, lambda: nn.Sequential(nn.Linear(12, 16), nn.ReLU(),
                                              nn.Sequential(nn.Linear(16, 16), nn.LayerNorm(16)),
                                              nn.Linear(16, 3)))


def _expect_linear_only(original, result, what):
    """Every nn.Linear of `original` replaced (qint8, within half a step); every other module the same type,
    the Conv1d with equal float weights."""
    found = dict(result.named_modules())
    for name, layer in original.named_modules():
        if not name:
            continue
        ck.expect(name in found, f"{what}: a module at {name!r}, as in the original", "no module there",
                  QUANTIZE_HINT)
        new = found[name]
        if isinstance(layer, nn.Linear):
            ck.expect(isinstance(new, qdynamic.Linear), f"{what}: {name!r} (an nn.Linear) replaced by a "
                      "torch.ao.nn.quantized.dynamic.Linear", type(new).__module__ + "." + type(new).__name__,
                      QUANTIZE_HINT)
            sizes = (new.in_features, new.out_features)
            ck.expect(sizes == (layer.in_features, layer.out_features), f"{what}: {name!r} with "
                      f"{layer.in_features} inputs and {layer.out_features} outputs", str(sizes),
                      QUANTIZE_HINT)
            weight = new.weight()
            ck.expect(weight.dtype == torch.qint8, f"{what}: {name!r}'s weight stored as torch.qint8",
                      f"dtype {weight.dtype}",
                      "dtype=torch.qint8: float16 keeps float weights and saves nothing")
            w = layer.weight.detach().double()
            gap = (weight.dequantize().double() - w).abs().max().item()
            bound = w.abs().max().item() / 255 * SLACK
            ck.expect(gap <= bound, f"{what}: {name!r}'s int8 weight within half a step of the original "
                      f"(|dequantized - W| <= max|W| / 255 = {bound:.3g})", f"a gap of {gap:.3g}",
                      "quantise the trained weights of this very model (a copy of it), 256 levels")
            ck.expect_close(new.bias(), layer.bias.detach(), f"{what}: {name!r}'s bias (kept float)",
                            QUANTIZE_HINT, **EXACT)
            continue
        ck.expect(type(new) is type(layer), f"{what}: {name!r} still a {type(layer).__name__}",
                  type(new).__module__ + "." + type(new).__name__, "quantise the nn.Linear layers only: "
                  "qconfig_spec {nn.Linear}")
        if isinstance(layer, nn.Conv1d):
            for key in ("weight", "bias"):
                mine = getattr(new, key)
                ck.expect_tensor(mine, f"{what}: {name}.{key}", tuple(layer.weight.shape) if key == "weight"
                                 else (layer.out_channels,), torch.float32, hint="keep the convolution float")
                ck.expect(torch.equal(mine.detach(), getattr(layer, key).detach()), f"{what}: {name}.{key} "
                          "equal to the original's", "different values", "keep the convolution as it is")


# ---------------------------------------------------------------- checks ------------

def test_only_linear_replaced(sol):
    original = trained_classifier()
    what = "quantize(trained_classifier())"
    result = _quantized(sol, trained_classifier(), what)
    _expect_linear_only(original, result, what)
    x = _test_set()[0][:16]
    with torch.no_grad(), _quiet():
        logits = ck.call(result, x, what=f"{what} on 16 test sequences", hint=QUANTIZE_HINT)
    ck.expect_tensor(logits, f"{what} on x [16, 4, 80]", (16, 4), torch.float32, hint=QUANTIZE_HINT)
    small = _small_model()
    what = ("quantize(Sequential(Linear(12, 16), ReLU, Sequential(Linear(16, 16), LayerNorm(16)), "
            "Linear(16, 3)))")
    result = _quantized(sol, _small_model(), what)
    _expect_linear_only(small, result, what)


def test_original_untouched(sol):
    model = trained_classifier().train()
    kinds = {name: type(m) for name, m in model.named_modules()}
    saved = {key: value.clone() for key, value in model.state_dict().items()}
    x = _test_set()[0][:64]
    with torch.no_grad():
        logits = model(x)
    what = "quantize(model) (the trained classifier, in train mode)"
    result = _quantized(sol, model, what)
    ck.expect(result is not model, f"{what} to return a new model", "the very model it was given", COPY_HINT)
    own = {id(m) for m in model.modules()}
    shared = [name for name, m in result.named_modules() if id(m) in own]
    ck.expect(not shared, f"{what}: a copy sharing no module with the original",
              "shared modules: " + ", ".join(repr(s) for s in shared[:4]), COPY_HINT)
    now = {name: type(m) for name, m in model.named_modules()}
    changed = sorted(n for n in kinds.keys() | now.keys() if kinds.get(n) is not now.get(n))
    ck.expect(not changed, f"{what}: the original's modules unchanged (its Linear layers still float "
              "nn.Linear)",
              ", ".join(f"{n!r}: {getattr(kinds.get(n), '__name__', None)} -> "
                        f"{getattr(now.get(n), '__name__', None)}" for n in changed[:4]), COPY_HINT)
    after = model.state_dict()
    ck.expect(set(after) == set(saved), f"{what}: the original's state_dict keys unchanged",
              f"keys {sorted(set(after) ^ set(saved))[:4]} differ", COPY_HINT)
    moved = [k for k in saved if not torch.equal(after[k], saved[k])]
    ck.expect(not moved, f"{what}: the original's weights unchanged", "changed: " + ", ".join(moved[:4]),
              COPY_HINT)
    modes = [name or "(the model)" for name, m in model.named_modules() if not m.training]
    ck.expect(not modes, f"{what}: the original still in train mode", "in eval mode: " + ", ".join(modes[:4]),
              COPY_HINT + " (quantize_dynamic puts the model it converts in eval mode)")
    with torch.no_grad():
        again = model(x)
    ck.expect(torch.equal(again, logits), f"{what}: the original's logits on 64 test sequences unchanged",
              "different logits", COPY_HINT)


def _sized(sol, model, what):
    """state_dict_bytes(model), called in an empty temporary working folder that must stay empty."""
    here = os.getcwd()
    folder = tempfile.mkdtemp(prefix="sizes-")
    try:
        os.chdir(folder)
        with _quiet():
            size = ck.call(sol.state_dict_bytes, model, what=what, hint=BYTES_HINT)
        left = sorted(os.listdir(folder))
    finally:
        os.chdir(here)
        shutil.rmtree(folder, ignore_errors=True)
    ck.expect(not left, f"{what} to write no file (the working folder empty afterwards)",
              "left in the working folder: " + ", ".join(left[:4]), BYTES_HINT)
    ck.expect(type(size) is int, f"{what} to return a Python int (bytes)", f"{type(size).__name__} {size!r}",
              BYTES_HINT + " (not megabytes, not a tensor)")
    return size


def test_size_ratio(sol):
    model = trained_classifier()
    result = _quantized(sol, trained_classifier(), "quantize(trained_classifier())")
    before, after = _saved_size(model), _saved_size(result)
    ratio = before / after
    ck.expect(ratio >= MIN_RATIO, f"the saved state_dict at least {MIN_RATIO}x smaller after quantize "
              f"(the graders' measurement: {before:,} bytes before)",
              f"{after:,} bytes after: {ratio:.2f}x", "qint8 weights for every nn.Linear (1 byte each "
              "instead of 4): dtype=torch.qint8, qconfig_spec {nn.Linear}")
    small = ck.seeded(0, lambda: nn.Sequential(nn.Linear(6, 3), nn.BatchNorm1d(3)))
    cases = ((model, "state_dict_bytes(trained_classifier())"),
             (result, "state_dict_bytes(quantize(trained_classifier()))"),
             (small, "state_dict_bytes(nn.Sequential(nn.Linear(6, 3), nn.BatchNorm1d(3)))"))
    for subject, what in cases:
        size = _sized(sol, subject, what)
        trusted = _saved_size(subject)
        ck.expect(size == trusted, f"{what} = {trusted:,} bytes (the graders' torch.save of the state_dict "
                  "into an io.BytesIO)", f"{size:,}", BYTES_HINT)


def _compared(sol, model, other, x, y, what, training=True):
    """compare(model, other, x, y) with both models in the given mode; every call recorded; both must be back
    in that mode afterwards."""
    model.train(training)
    other.train(training)
    with ck.record_modes(model) as first, ck.record_modes(other) as second, _quiet():
        found = ck.call(sol.compare, model, other, x, y, what=what, hint=COMPARE_HINT)
    ck.expect(isinstance(found, dict), f"{what} to return a dict", type(found).__name__, COMPARE_HINT)
    missing = [k for k in KEYS if k not in found]
    ck.expect(not missing, f"{what}: the keys {', '.join(KEYS)}", f"keys {sorted(found)}", COMPARE_HINT)
    for key in KEYS:
        ck.expect(type(found[key]) is float, f'{what}["{key}"] a Python float',
                  type(found[key]).__name__, "use .item() on a 0-d tensor")
    for calls, name in ((first, "the float model"), (second, "the second model")):
        ck.expect(sum(c[0] for c in calls) >= len(x), f"{what}: {name} called on all {len(x)} sequences",
                  f"{sum(c[0] for c in calls)} sequences", COMPARE_HINT)
        bad = [c for c in calls if c[1] or c[2]]
        ck.expect(not bad, f"{what}: every call of {name} in eval mode with gradients off",
                  f"a call with train mode {bad[0][1]}, gradients {bad[0][2]}" if bad else "", MODE_HINT)
    mode = "train" if training else "eval"
    for subject, name in ((model, "the float model"), (other, "the second model")):
        ck.expect(subject.training == training, f"{what}: {name} back in {mode} mode afterwards (it came in "
                  f"{mode} mode)", f"left in {'train' if subject.training else 'eval'} mode", MODE_HINT)
    return found


def test_predictions_agree(sol):
    model = trained_classifier()
    result = _quantized(sol, trained_classifier(), "quantize(trained_classifier())")
    x, y = _test_set()
    mine = _labels_of(model, x)
    same = (mine == _labels_of(result, x)).double().mean().item()
    ck.expect(same >= MIN_AGREEMENT, "the quantized classifier to predict the float model's class on at "
              f"least {MIN_AGREEMENT:.0%} of the 1,000 test sequences (the graders' argmax)", f"{same:.3f}",
              "quantise a copy of the trained model itself, qint8, Linear layers only")
    what = "compare(model, quantize(model), x_test, y_test) (both in train mode)"
    found = _compared(sol, model, result, x, y, what)
    ck.expect_close(found["agreement"], same, f'{what}["agreement"]', COMPARE_HINT, **EXACT)
    swapped = _swapped()
    what = "compare(model, a copy with classes 0 and 1 swapped, x_test, y_test) (both in eval mode)"
    found = _compared(sol, model, swapped, x, y, what, training=False)
    same = (mine == _labels_of(swapped, x)).double().mean().item()
    ck.expect_close(found["agreement"], same, f'{what}["agreement"]: the share of sequences with equal '
                    "predictions, right or wrong", COMPARE_HINT, **EXACT)


def test_accuracy_kept(sol):
    model = trained_classifier()
    result = _quantized(sol, trained_classifier(), "quantize(trained_classifier())")
    x, y = _test_set()
    with _quiet():
        base, kept = accuracy(model, x, y), accuracy(result, x, y)
    ck.expect(kept >= base - MAX_DROP, f"the quantized classifier's test accuracy at most {MAX_DROP} below "
              f"the float model's {base:.3f}", f"{kept:.3f}",
              "quantise a copy of the trained model itself, qint8")
    swapped = _swapped()
    with _quiet():
        wrong = accuracy(swapped, x, y)
    for other, second, what, training in (
            (result, kept, "compare(model, quantize(model), x_test, y_test) (both in train mode)", True),
            (swapped, wrong, "compare(model, a copy with classes 0 and 1 swapped, x_test, y_test) (both in "
             "eval mode)", False)):
        found = _compared(sol, model, other, x, y, what, training)
        ck.expect_close(found["accuracy"], base, f'{what}["accuracy"] (the kit\'s accuracy)', COMPARE_HINT,
                        **EXACT)
        ck.expect_close(found["quantized_accuracy"], second, f'{what}["quantized_accuracy"]: the second '
                        "model's predictions against the labels y", COMPARE_HINT, **EXACT)
