"""Graders: session 11, exercise 2 (profiling and FLOPs: linear_flops, conv1d_flops, model_flops,
profile_model)."""
import copy
import warnings

import torch
from hypothesis import strategies as st
from torch import nn
from torch.nn.modules import module as module_globals
from torch.utils.flop_counter import FlopCounterMode

from coursekit import checks as ck
from coursekit.data.session11 import PromoterClassifier, promoter_data

DEFAULT_PASSES = 3

# (in_features, out_features, leading dims (0-3 of them), bias)
LINEAR_CASES = st.tuples(st.integers(1, 512), st.integers(1, 512),
                         st.lists(st.integers(1, 64), min_size=0, max_size=3), st.booleans())
# (groups, in channels per group, out channels per group, kernel, stride, dilation, padding, batch (0: an
# unbatched [C, L] input), extra length beyond the shortest that gives one output, bias)
PADDINGS = st.one_of(st.integers(0, 5), st.sampled_from(["valid", "same"]))
CONV_CASES = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, 9),
                       st.integers(1, 3), st.integers(1, 3), PADDINGS, st.integers(0, 6), st.integers(0, 40),
                       st.booleans())

LINEAR_HINT = ("linear_flops = 2 * B * in_features * out_features, B the product of all input dims but "
               "the last (1 for a 1-d input); one multiply-add counts 2 FLOPs and the bias's additions are "
               "not counted")
CONV_HINT = ("conv1d_flops = 2 * B * out_channels * L_out * (in_channels // groups) * k with L_out = "
             "(L + 2 * padding - dilation * (k - 1) - 1) // stride + 1 ('valid': padding 0; 'same': "
             "L_out = L); B = 1 for an unbatched [C, L] input; the bias is not counted")
MODEL_HINT = ("a forward hook on every nn.Linear and nn.Conv1d adds that layer's FLOPs for the input shape "
              "it really gets, at EVERY call (a layer called twice counts twice); one forward pass on zeros "
              "of the given shape with the dtype and device of next(model.parameters()); layers that are "
              "never run count nothing")
CLEAN_HINT = ("remove every hook you registered (handle.remove(), in a finally: block), run the pass in "
              "eval mode under torch.no_grad() and restore the model's mode afterwards (model.train(was))")
PROFILE_HINT = ("with torch.profiler.profile(activities=[ProfilerActivity.CPU]) as prof: then, for each of "
                "the `passes` passes, with record_function(\"forward\"): model(x); return prof (the "
                "profiler, after its with block)")


# ---------------------------------------------------------------- trusted pieces ----

def _yardstick(layer_or_model, shape):
    """(total FLOPs, FLOPs per module) that torch's FlopCounterMode counts when the graders run the layer or
    model themselves on zeros of `shape` (on its own device; the meta device costs no memory)."""
    device = next(layer_or_model.parameters()).device
    with warnings.catch_warnings(), torch.no_grad(), FlopCounterMode(display=False) as counter:
        warnings.filterwarnings("ignore", message="Using padding='same'")  # even k: torch pads a copy
        layer_or_model(torch.zeros(shape, device=device))
    per_module = {name: sum(counts.values()) for name, counts in counter.get_flop_counts().items()
                  if name != "Global"}
    return counter.get_total_flops(), per_module


def _expect_int(value, what, hint):
    ck.expect(isinstance(value, int) and not isinstance(value, bool), f"{what} to be a Python int",
              f"{type(value).__name__} {value!r}", hint)


def _hint_for(found, trusted, usual, known):
    """The usual hint, after a diagnosis where `found` equals a known wrong count."""
    if isinstance(found, (int, float)) and not isinstance(found, bool):
        if found * 2 == trusted:
            return "you counted multiply-adds (MACs): each is 2 FLOPs; " + usual
        for wrong, why in known:
            if found == wrong and wrong != trusted:
                return why + "; " + usual
    return usual


def _linear_case(sol, n_in, n_out, leading, bias, shape_type=tuple):
    layer = nn.Linear(n_in, n_out, bias=bias, device="meta")
    shape = shape_type((*leading, n_in))
    what = f"linear_flops(nn.Linear({n_in}, {n_out}, bias={bias}), {tuple(shape)})"
    found = ck.call(sol.linear_flops, layer, shape, what=what, hint=LINEAR_HINT)
    _expect_int(found, what, LINEAR_HINT)
    trusted, _ = _yardstick(layer, tuple(shape))
    rows = 1
    for d in leading:
        rows *= d
    known = [(trusted + rows * n_out, "the bias's additions are not counted"),
             (2 * (leading[0] if leading else 1) * n_in * n_out,
              "B is the product of ALL input dims but the last, not the first dim")]
    ck.expect(found == trusted, f"{what} = {trusted:,} (what FlopCounterMode counts for the layer run on "
              "that shape)", f"{found:,}", _hint_for(found, trusted, LINEAR_HINT, known))


def _conv_case(sol, groups, per_in, per_out, k, stride, dilation, padding, batch, length, bias,
               padding_mode="zeros"):
    pad = {"valid": 0, "same": 0}.get(padding, padding)
    c_in, c_out = groups * per_in, groups * per_out
    layer = nn.Conv1d(c_in, c_out, k, stride=stride, padding=padding, dilation=dilation, groups=groups,
                      bias=bias, padding_mode=padding_mode, device="meta")
    shape = (batch, c_in, length) if batch else (c_in, length)
    mode = f", padding_mode={padding_mode!r}" if padding_mode != "zeros" else ""
    what = (f"conv1d_flops(nn.Conv1d({c_in}, {c_out}, {k}, stride={stride}, padding={padding!r}, "
            f"dilation={dilation}, groups={groups}, bias={bias}{mode}), {shape})")
    found = ck.call(sol.conv1d_flops, layer, shape, what=what, hint=CONV_HINT)
    _expect_int(found, what, "integer arithmetic only: // for L_out and for in_channels // groups; "
                + CONV_HINT)
    trusted, _ = _yardstick(layer, shape)
    rows = batch or 1
    l_out = length if padding == "same" else (length + 2 * pad - dilation * (k - 1) - 1) // stride + 1
    naive = length - k + 1
    known = [(trusted * groups, "each output channel sees in_channels // groups inputs, not all of them"),
             (trusted + rows * c_out * l_out, "the bias's additions are not counted"),
             (2 * rows * c_out * naive * per_in * k,
              "L_out depends on padding, stride and dilation, not only L - k + 1")]
    ck.expect(found == trusted, f"{what} = {trusted:,} (what FlopCounterMode counts for the layer run on "
              "that shape)", f"{found:,}", _hint_for(found, trusted, CONV_HINT, known))


class _TwoPaths(nn.Module):
    """The graders' second model: a strided, dilated Conv1d with BatchNorm, a grouped Conv1d without bias on a
    residual path, a Linear applied per position ([B, L, 12] inputs) and called twice, a head, and a Linear
    that is never run."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Conv1d(4, 12, 5, stride=2, padding=3, dilation=2)
        self.norm = nn.BatchNorm1d(12)
        self.grouped = nn.Conv1d(12, 12, 3, padding=1, groups=3, bias=False)
        self.mix = nn.Linear(12, 12)
        self.head = nn.Linear(12, 3)
        self.spare = nn.Linear(64, 64)

    def forward(self, x):
        h = torch.relu(self.norm(self.embed(x)))
        h = h + torch.relu(self.grouped(h))
        per_position = h.transpose(1, 2)
        per_position = self.mix(torch.relu(self.mix(per_position)))
        return self.head(per_position.mean(1))


def _classifier(seed=0):
    return ck.seeded(seed, PromoterClassifier)


def _two_paths(seed=1):
    return ck.seeded(seed, _TwoPaths)


def _state(model):
    """Parameters and buffers (nothing to compare on the meta device, where tensors hold no data)."""
    return {k: v.detach().clone() for k, v in model.state_dict().items() if v.device.type != "meta"}


def _hooks(model):
    own = sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in model.modules())
    return own, len(module_globals._global_forward_hooks), len(module_globals._global_forward_pre_hooks)


def _model_case(sol, model, shape, name):
    what = f"model_flops({name}, {shape})"
    twin = copy.deepcopy(model).eval()
    modes, before, hooks = [m.training for m in model.modules()], _state(model), _hooks(model)
    found = ck.call(sol.model_flops, model, shape, what=what, hint=MODEL_HINT)
    _expect_int(found, what, MODEL_HINT)
    trusted, per_module = _yardstick(twin, shape)
    leaves = [k for k in per_module if "." in k and not any(o.startswith(k + ".") for o in per_module)]
    parts = ", ".join(f"{k.split('.', 1)[-1]} {per_module[k]:,}" for k in leaves)
    ck.expect(found == trusted, f"{what} = {trusted:,} (FlopCounterMode of the graders' run; per layer, all "
              f"its calls: {parts})", f"{found:,}", MODEL_HINT)
    ck.expect(_hooks(model) == hooks, f"{what} to remove every hook it registered",
              f"hooks left (on the modules, global forward, global pre-forward): {_hooks(model)} where "
              f"{hooks} were there before", CLEAN_HINT)
    ck.expect([m.training for m in model.modules()] == modes, f"{what} to leave every module's training mode "
              "as it was", "modes changed", CLEAN_HINT)
    after = _state(model)
    changed = [k for k in before if not torch.equal(before[k], after[k])]
    ck.expect(not changed, f"{what} to leave the model's parameters and buffers unchanged",
              f"changed: {', '.join(changed)}", "a BatchNorm layer in train mode updates its running "
              "statistics at every forward pass; " + CLEAN_HINT)
    again = ck.call(sol.model_flops, model, shape, what=what + " called a second time", hint=CLEAN_HINT)
    ck.expect(again == found, f"{what} called a second time to give {found:,} again", f"{again!r}",
              "start from 0 at every call (no total kept between calls); " + CLEAN_HINT)


def _events_outside(prof, names, region="forward"):
    """How many events named in `names` have no enclosing event (parent, grandparent, ...) named `region`."""
    outside = 0
    for event in prof.events():
        if event.name in names:
            parent = event.cpu_parent
            while parent is not None and parent.name != region:
                parent = parent.cpu_parent
            outside += parent is None
    return outside


def _profile(sol, model, x, name, **kwargs):
    extra = "".join(f", {k}={v}" for k, v in kwargs.items())
    what = f"profile_model({name}, x {list(x.shape)}{extra})"
    prof = ck.call(sol.profile_model, model, x, what=what, hint=PROFILE_HINT, **kwargs)
    ck.expect(isinstance(prof, torch.profiler.profile), f"{what} to return the torch.profiler.profile object",
              type(prof).__name__, PROFILE_HINT)
    counts = ck.call(lambda: {e.key: e.count for e in prof.key_averages()}, what=f"{what}.key_averages()",
                     hint="return the profiler after its with block has closed")
    return what, prof, counts


def _sequences(n=16):
    return promoter_data(n, seed=0)[0]


def _generated_conv(sol, case):
    groups, per_in, per_out, k, stride, dilation, padding, batch, extra, bias = case
    if padding == "same":
        stride = 1  # torch allows 'same' with stride 1 only
    pad = 0 if isinstance(padding, str) else padding
    length = max(1, dilation * (k - 1) + 1 - 2 * pad) + extra  # at least one output position
    _conv_case(sol, groups, per_in, per_out, k, stride, dilation, padding, batch, length, bias)


# ---------------------------------------------------------------- checks ------------

def test_linear_flops(sol):
    _linear_case(sol, 32, 256, [8], True)                         # the classifier's first Linear, batch 8
    _linear_case(sol, 256, 4, [8], False, shape_type=torch.Size)  # no bias: the same count
    _linear_case(sol, 32, 16, [2, 5], True)                       # [2, 5, 32]: B = 10 rows
    _linear_case(sol, 32, 16, [], True)                           # a 1-d input: B = 1
    _linear_case(sol, 4096, 4096, [10**6], True)                  # too big to run: 33,554,432,000,000
    ck.for_all(LINEAR_CASES, lambda c: _linear_case(sol, *c), max_examples=40)


def test_conv1d_flops(sol):
    _conv_case(sol, 1, 4, 32, 9, 1, 1, 4, 8, 80, True)            # the classifier's Conv1d on [8, 4, 80]
    _conv_case(sol, 1, 4, 8, 5, 2, 3, 1, 3, 50, True)             # stride 2, dilation 3, padding 1: L_out 20
    _conv_case(sol, 4, 2, 3, 3, 1, 1, 0, 2, 30, False)            # groups=4 on [2, 8, 30]
    _conv_case(sol, 1, 4, 6, 7, 1, 1, "valid", 5, 40, True)       # 'valid': L_out 34
    _conv_case(sol, 1, 4, 6, 4, 1, 2, "same", 5, 40, True)        # 'same' (even k, dilation 2): L_out 40
    _conv_case(sol, 1, 4, 32, 9, 1, 1, 4, 0, 80, True)            # an unbatched [4, 80] input: B = 1
    _conv_case(sol, 1, 4, 6, 5, 1, 1, 2, 2, 30, True, padding_mode="circular")
    ck.for_all(CONV_CASES, lambda c: _generated_conv(sol, c), max_examples=50)


def test_model_flops(sol):
    model = _classifier()
    _model_case(sol, model, (8, 4, 80), "PromoterClassifier() in train mode")
    _model_case(sol, model.eval(), (1, 4, 200), "PromoterClassifier() in eval mode")
    _model_case(sol, _two_paths(), (3, 4, 50), "the graders' second model in train mode")
    meta = ck.seeded(2, PromoterClassifier).to("meta")
    _model_case(sol, meta, (16, 4, 80), "PromoterClassifier() on the meta device")


def test_profiler_regions(sol):
    model, x = _classifier().eval(), _sequences()
    for passes in (None, 1, 4):
        kwargs = {} if passes is None else {"passes": passes}
        wanted = DEFAULT_PASSES if passes is None else passes
        what, prof, counts = _profile(sol, model, x, "PromoterClassifier() in eval mode", **kwargs)
        regions = {k: v for k, v in counts.items() if "::" not in k}  # record_function regions, not operators
        ck.expect(counts.get("forward") == wanted, f"{what}: the region \"forward\" recorded {wanted} times "
                  "(its count in key_averages())", f"regions and their counts: {regions or 'none'}",
                  PROFILE_HINT)
        outside = _events_outside(prof, ("aten::linear", "aten::conv1d"))
        ck.expect(outside == 0, f"{what}: every aten::linear and aten::conv1d inside a \"forward\" region",
                  f"{outside} outside every \"forward\" region", "profile nothing but the passes, each "
                  "inside its own record_function(\"forward\") block; " + PROFILE_HINT)


def test_op_counts(sol):
    cases = ((_classifier().eval(), _sequences(), "PromoterClassifier() in eval mode", {"passes": 2}, 1, 3),
             (_two_paths().eval(), _sequences(6)[:, :, :50], "the graders' second model in eval mode", {},
              2, 3))
    for model, x, name, kwargs, convs, linears in cases:
        passes = kwargs.get("passes", DEFAULT_PASSES)
        what, _, counts = _profile(sol, model, x, name, **kwargs)
        for op, per_pass in (("aten::conv1d", convs), ("aten::linear", linears)):
            wanted = per_pass * passes
            ck.expect(counts.get(op) == wanted, f"{what}: {op} counted {wanted} times ({per_pass} call(s) "
                      f"per pass x {passes} passes)", f"{counts.get(op, 0)}",
                      "exactly `passes` forward passes inside the profiler (no warm-up inside it, one "
                      "profiler for all passes); " + PROFILE_HINT)
