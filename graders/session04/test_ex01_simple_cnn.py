"""Graders: session 4, exercise 1 (one_hot_encode, SimpleCNN, conv_output_length)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session04 import one_hot, random_sequences

LETTERS = "ACGTacgtNn-RY"  # bases in both cases, unknown calls, a gap, IUPAC codes
ATCG = torch.tensor([[1.0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 1, 0, 0]])
GUIDE_SEQUENCE = "ATCGATCG" * 10
OTHER_KERNELS = (1, 3, 5, 11)
ONE_HOT_HINT = ("a batch of one, channels first: shape [1, 4, L], rows A, C, G, T, one column "
                "per base; look letters up in upper case; N, -, R, ... give an all-zero column")
FORMULA = "floor((length + 2*padding - dilation*(kernel_size - 1) - 1) / stride) + 1"
ORDER_HINT = "conv1, ReLU, max-pool over windows of 2, conv2, ReLU (no padding anywhere)"


def _cnn(sol, *kernel):
    """The student's SimpleCNN (default kernel when none is given), built under a fixed seed."""
    what = f"SimpleCNN({', '.join(str(k) for k in kernel)})"
    return ck.build_model(sol.SimpleCNN, *kernel, seed=0, what=what), what


def _expected_params(k):
    """Weights and biases of Conv1d(4, 16, k) and Conv1d(16, 32, k)."""
    return 16 * (4 * k + 1) + 32 * (16 * k + 1)


def _expected_length(length, k):
    """Positions left after conv (k), max-pool (2) and conv (k); None when none are."""
    if length < 3 * k - 1:
        return None
    return (length - k + 1) // 2 - (k - 1)


def _as_tuple(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _attribute(model, name, kind, what, hint):
    layer = getattr(model, name, None)
    ck.expect(isinstance(layer, kind), f"{what}.{name} to be an nn.{kind.__name__}",
              "no such attribute" if layer is None else type(layer).__name__, hint)
    return layer


def _expect_conv(model, name, channels, k, what):
    conv = _attribute(model, name, nn.Conv1d, what, f"self.{name} = nn.Conv1d({channels[0]}, {channels[1]}, "
                      "kernel_size)")
    found = (conv.in_channels, conv.out_channels, _as_tuple(conv.kernel_size), _as_tuple(conv.stride),
             conv.padding if isinstance(conv.padding, str) else _as_tuple(conv.padding),
             _as_tuple(conv.dilation), conv.groups, conv.bias is not None)
    unpadded = found[4] in ((0,), "valid")  # padding="valid" is no padding too
    ck.expect(unpadded and found[:4] + found[5:] == (*channels, (k,), (1,), (1,), 1, True),
              f"{what}.{name} = nn.Conv1d({channels[0]}, {channels[1]}, kernel_size={k}) with stride 1, "
              "no padding, no dilation, groups 1 and a bias",
              f"in {found[0]}, out {found[1]}, kernel {found[2]}, stride {found[3]}, padding {found[4]}, "
              f"dilation {found[5]}, groups {found[6]}, bias {found[7]}",
              ("SimpleCNN()'s kernel_size defaults to 8; " if what == "SimpleCNN()" else "")
              + "pass kernel_size on to both convs and leave the other arguments at PyTorch's defaults")


def _expect_pool(model, what):
    pool = _attribute(model, "pool", nn.MaxPool1d, what, "self.pool = nn.MaxPool1d(2)")
    found = (_as_tuple(pool.kernel_size), _as_tuple(pool.stride), _as_tuple(pool.padding),
             _as_tuple(pool.dilation), pool.ceil_mode, pool.return_indices)
    ck.expect(found == ((2,), (2,), (0,), (1,), False, False),
              f"{what}.pool = nn.MaxPool1d(2): window 2, stride 2, no padding, floor mode",
              f"window {found[0]}, stride {found[1]}, padding {found[2]}, dilation {found[3]}, "
              f"ceil_mode {found[4]}, return_indices {found[5]}",
              "nn.MaxPool1d(2) halves the length: its stride defaults to its window")


def test_one_hot_encode(sol):
    found = sol.one_hot_encode("ATCG")
    ck.expect_tensor(found, 'one_hot_encode("ATCG")', (1, 4, 4), hint=ONE_HOT_HINT)
    ck.expect_close(found[0], ATCG, 'one_hot_encode("ATCG")[0]',
                    "column i is the base at position i; rows in the order A, C, G, T", rtol=0, atol=0)
    for text in ("", "G", GUIDE_SEQUENCE):
        ck.expect_tensor(sol.one_hot_encode(text), f"one_hot_encode({text!r})", (1, 4, len(text)),
                         hint=ONE_HOT_HINT + "; the empty string gives [1, 4, 0]")

    def check(text):
        encoded = sol.one_hot_encode(text)
        ck.expect_tensor(encoded, f"one_hot_encode({text!r})", (1, 4, len(text)), hint=ONE_HOT_HINT)
        ck.expect_close(encoded, one_hot([text]), f"one_hot_encode({text!r})", ONE_HOT_HINT, rtol=0, atol=0)

    ck.for_all(st.text(LETTERS, max_size=40), check)


def _real_length(layer_type, length, kernel, stride, padding, dilation):
    """What a real layer gives on `length` positions; None where PyTorch refuses the input."""
    layer = layer_type(*((1, 1) if layer_type is nn.Conv1d else ()), kernel, stride=stride,
                       padding=padding, dilation=dilation)
    try:
        with torch.no_grad():
            return layer(torch.zeros(1, 1, length)).shape[-1]
    except RuntimeError:
        return None


def _expect_formula(sol, layer_type, length, kernel, given=(), named=None):
    """conv_output_length(length, kernel, *given, **named) against the real layer; the
    arguments not given take the stated defaults (stride 1, padding 0, dilation 1)."""
    named = named or {}
    settings = dict(zip(("stride", "padding", "dilation"), given), **named)
    full = {"stride": 1, "padding": 0, "dilation": 1, **settings}
    real = _real_length(layer_type, length, kernel, **full)
    arguments = [str(length), str(kernel), *map(str, given), *(f"{n}={v}" for n, v in named.items())]
    call = f"conv_output_length({', '.join(arguments)})"
    layer = (f"nn.{layer_type.__name__}({'1, 1, ' if layer_type is nn.Conv1d else ''}{kernel}, "
             f"stride={full['stride']}, padding={full['padding']}, dilation={full['dilation']}) "
             f"on {length} positions")
    if real is None:
        ck.expect_raises(lambda: sol.conv_output_length(length, kernel, *given, **named), ValueError, call,
                         f"{layer} has no output position: when {FORMULA} < 1, raise ValueError "
                         "(and floor a negative quotient downwards: -1 // 2 is -1, int(-1 / 2) is 0)")
        return
    found = sol.conv_output_length(length, kernel, *given, **named)
    ck.expect(found == real, f"{call} == {real}, the output length of {layer}", repr(found),
              f"{FORMULA}; the defaults are stride=1, padding=0, dilation=1")
    ck.expect(isinstance(found, int) and not isinstance(found, bool), f"{call} to return a Python int",
              f"{type(found).__name__} {found!r}", "use // on ints or math.floor, which give an int")


def test_conv_output_length(sol):
    _expect_formula(sol, nn.Conv1d, 100, 8)
    _expect_formula(sol, nn.MaxPool1d, 93, 2, named={"stride": 2})
    _expect_formula(sol, nn.Conv1d, 50, 5, named={"padding": 2})
    _expect_formula(sol, nn.Conv1d, 50, 3, named={"dilation": 4})
    _expect_formula(sol, nn.Conv1d, 7, 8)
    _expect_formula(sol, nn.Conv1d, 3, 4, named={"stride": 2})
    _expect_formula(sol, nn.Conv1d, 100, 8, given=(2, 1, 2))
    _expect_formula(sol, nn.MaxPool1d, 61, 3, given=(3, 1))

    def check(case):
        layer_type, length, kernel, stride, padding, dilation = case
        if layer_type is nn.MaxPool1d and padding is not None:
            padding = min(padding, kernel // 2)  # PyTorch pads a pooling window by at most half of it
        named = {n: v for n, v in (("stride", stride), ("padding", padding), ("dilation", dilation))
                 if v is not None}
        _expect_formula(sol, layer_type, length, kernel, named=named)

    omittable = lambda values: st.one_of(st.none(), values)  # noqa: E731 - None: left to its default
    ck.for_all(st.tuples(st.sampled_from([nn.Conv1d, nn.MaxPool1d]), st.integers(1, 64), st.integers(1, 9),
                         omittable(st.integers(1, 4)), omittable(st.integers(0, 4)),
                         omittable(st.integers(1, 3))), check, max_examples=150)


def test_architecture(sol):
    for kernel in ((), *((k,) for k in OTHER_KERNELS)):
        model, what = _cnn(sol, *kernel)
        k = kernel[0] if kernel else 8
        _expect_conv(model, "conv1", (4, 16), k, what)
        _expect_pool(model, what)
        _expect_conv(model, "conv2", (16, 32), k, what)
        ck.expect_registered(model, what)


def test_param_count(sol):
    model, _ = _cnn(sol)
    ck.expect_param_count(model, 4_656, "SimpleCNN() (default kernel_size 8)")
    for k in OTHER_KERNELS:
        model, what = _cnn(sol, k)
        ck.expect_param_count(model, _expected_params(k), what)


def test_output_shape(sol):
    models = {}

    def model_for(k):
        if k not in models:
            models[k] = _cnn(sol) if k == 8 else _cnn(sol, k)
        return models[k]

    def check(case):
        batch, length, k = case
        model, what = model_for(k)
        x = torch.rand(batch, 4, length, generator=torch.Generator().manual_seed(length))
        expected = _expected_length(length, k)
        if expected is None:
            ck.expect_raises(lambda: model(x), RuntimeError, f"{what} on an input of {length} positions",
                             f"the shortest input for kernel {k} is 3*k - 1 = {3 * k - 1} positions: "
                             "no padding in the layers, and let PyTorch's RuntimeError propagate")
            return
        with torch.no_grad():
            out = model(x)
        ck.expect_tensor(out, f"{what} output for an input of shape [{batch}, 4, {length}]",
                         (batch, 32, expected),
                         hint=f"[N, 32, L_out]: L_out = ((L - k + 1) // 2) - k + 1; {ORDER_HINT}")

    model, what = model_for(8)
    with torch.no_grad():
        out = model(one_hot([GUIDE_SEQUENCE]))
    ck.expect_tensor(out, f"{what} output for the guide's 80 bases", (1, 32, 29),
                     hint="80 -> 73 after conv1 -> 36 after the pool -> 29 after conv2: " + ORDER_HINT)
    for k in (1, 2, 5, 8, 12):
        check((2, 3 * k - 2, k))
        check((2, 3 * k - 1, k))
    ck.for_all(st.tuples(st.integers(1, 3), st.integers(1, 100), st.integers(1, 12)), check, max_examples=80)


def test_forward(sol):
    inputs = [one_hot(random_sequences(6, 61, seed=4)),
              2 * torch.randn(3, 4, 47, generator=torch.Generator().manual_seed(9))]
    for kernel in ((), (5,)):
        model, what = _cnn(sol, *kernel)
        hint = f"forward is graded with your own {what}.conv1 and .conv2"
        first = _attribute(model, "conv1", nn.Conv1d, what, hint)
        second = _attribute(model, "conv2", nn.Conv1d, what, hint)
        for x in inputs:
            with torch.no_grad():
                out = model(x)
                pooled = F.max_pool1d(F.relu(F.conv1d(x, first.weight, first.bias)), 2)
                trusted = F.relu(F.conv1d(pooled, second.weight, second.bias))
            shape = f"[{', '.join(map(str, x.shape))}]"
            ck.expect_tensor(out, f"{what} output for an input of shape {shape}", tuple(trusted.shape),
                             hint=ORDER_HINT)
            ck.expect_close(out, trusted, f"{what}(x) for an input of shape {shape}", ORDER_HINT)


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _cnn(sol)[0], one_hot(random_sequences(2, 40, seed=1)), "SimpleCNN()")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _cnn(sol)[0], one_hot(random_sequences(4, 60, seed=2)), "SimpleCNN()")
