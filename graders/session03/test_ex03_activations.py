"""Graders: session 3, exercise 3 (MLPWithActivation, Swish, Mish, gelu). Each test is one check."""
import torch
import torch.nn.functional as F

from coursekit import checks as ck

NAMES = ("relu", "sigmoid", "tanh", "leaky_relu")
TORCH_ACTIVATION = {"relu": F.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
                    "leaky_relu": lambda t: F.leaky_relu(t, negative_slope=0.01)}
LAYERS = (("fc1", 3, 20), ("fc2", 20, 10), ("fc3", 10, 1))
MADE_UP_NAMES = ("banana", "", "not_an_activation")
LARGE = (-100.0, -50.0, 50.0, 100.0)


def _mlp(sol, name, seed=0):
    return ck.build_model(sol.MLPWithActivation, name, seed=seed,
                          what=f"MLPWithActivation({name!r})")


def _expect_layers(model):
    for attr, n_in, n_out in LAYERS:
        ck.expect_linear(getattr(model, attr, None), n_in, n_out, attr)


def _inputs():
    """A wide range (large, small, negative) in two shapes and two dtypes."""
    line = torch.linspace(-12, 12, 241)
    return [line, 3 * torch.randn(4, 5, 6), line.double()]


def _expect_same_function(fn, trusted, what, hint, finite_grad_at_large=False):
    """``fn`` equals ``trusted`` in shape, dtype, values and gradients."""
    grad_hint = ("build it from differentiable torch operations on x (no numpy, .item(), "
                 ".detach() or torch.no_grad())")
    for x in _inputs():
        mine, theirs = x.clone().requires_grad_(), x.clone().requires_grad_()
        out = fn(mine)
        ck.expect_tensor(out, f"{what} of a {tuple(x.shape)} {x.dtype} input", tuple(x.shape),
                         x.dtype, "work element-wise with torch operations; keep the input's dtype")
        ck.expect(out.requires_grad, f"{what}(x) to carry gradients back to x",
                  "an output that is cut off from x", grad_hint)
        ref = trusted(theirs)
        ck.expect_close(out, ref, f"{what}(x) for a {x.dtype} input", hint)
        out.sum().backward()
        ref.sum().backward()
        ck.expect(mine.grad is not None, f"a gradient of {what} with respect to x", "None", grad_hint)
        ck.expect_close(mine.grad, theirs.grad, f"the gradient of {what}", grad_hint)
    big = torch.tensor(LARGE, requires_grad=True)
    out = fn(big)
    ck.expect_tensor(out, f"{what} of a float32 input", (len(LARGE),))
    ck.expect(bool(torch.isfinite(out.detach()).all()), f"{what} at x = {LARGE} to be finite",
              f"{out.detach().tolist()}", f"{hint}; avoid exp(x) of large x, which overflows to inf")
    ck.expect_close(out, trusted(big.detach()), f"{what} at x = {LARGE}", hint)
    if finite_grad_at_large:
        out.sum().backward()
        ck.expect(big.grad is not None, f"a gradient of {what} with respect to x", "None", grad_hint)
        ck.expect(bool(torch.isfinite(big.grad).all()),
                  f"the gradient of {what} at x = {LARGE} to be finite", f"{big.grad.tolist()}",
                  f"{hint}; log(1 + exp(x)) gives NaN gradients once exp(x) overflows to inf")


def test_architecture(sol):
    for name in NAMES:
        model = _mlp(sol, name)
        _expect_layers(model)
        ck.expect_tensor(model(torch.randn(7, 3)), f"MLPWithActivation({name!r}) output for 7 samples",
                         (7, 1))


def test_param_count(sol):
    for name in NAMES:
        ck.expect_param_count(_mlp(sol, name), 301, f"MLPWithActivation({name!r})")


def test_activations(sol):
    x = 3 * torch.randn(64, 3)  # negative and large pre-activations, so the choice shows
    for name in NAMES:
        model = _mlp(sol, name)
        _expect_layers(model)
        act = TORCH_ACTIVATION[name]
        with torch.no_grad():
            out = model(x)
            h = act(F.linear(x, model.fc1.weight, model.fc1.bias))
            h = act(F.linear(h, model.fc2.weight, model.fc2.bias))
            trusted = F.linear(h, model.fc3.weight, model.fc3.bias)
        ck.expect_tensor(out, f"MLPWithActivation({name!r}) output", (64, 1))
        slope = "; leaky_relu keeps PyTorch's default slope 0.01" if name == "leaky_relu" else ""
        ck.expect_close(out, trusted, f"MLPWithActivation({name!r}).forward(x)",
                        f"'{name}' after fc1 and after fc2, nothing after fc3{slope}")
    model = ck.build_model(sol.MLPWithActivation, what="MLPWithActivation()")
    with torch.no_grad():
        h = F.relu(F.linear(F.relu(F.linear(x, model.fc1.weight, model.fc1.bias)),
                            model.fc2.weight, model.fc2.bias))
        ck.expect_close(model(x), F.linear(h, model.fc3.weight, model.fc3.bias),
                        "MLPWithActivation() (default activation 'relu').forward(x)",
                        "the default activation is 'relu'")


def test_unknown_activation(sol):
    for name in MADE_UP_NAMES:
        ck.expect_raises(lambda: sol.MLPWithActivation(name), ValueError,
                         f"MLPWithActivation({name!r})",
                         "only 'relu', 'sigmoid', 'tanh' and 'leaky_relu' are allowed; "
                         "raise ValueError in __init__ for any other name")


def test_swish(sol):
    module = ck.seeded(0, sol.Swish)
    ck.expect_module(module, "Swish()")
    ck.expect_param_count(module, 0, "Swish()")
    _expect_same_function(module, F.silu, "Swish", "Swish(x) = x * sigmoid(x)")


def test_mish(sol):
    module = ck.seeded(0, sol.Mish)
    ck.expect_module(module, "Mish()")
    ck.expect_param_count(module, 0, "Mish()")
    _expect_same_function(module, F.mish, "Mish",
                          "Mish(x) = x * tanh(softplus(x)); use F.softplus, which does not "
                          "overflow for large x", finite_grad_at_large=True)


def test_gelu(sol):
    _expect_same_function(sol.gelu, F.gelu, "gelu",
                          "the exact form x * 0.5 * (1 + erf(x / sqrt(2))), not the tanh or "
                          "sigmoid approximation")


def test_follows_device(sol):
    for name in NAMES:
        ck.expect_follows_device(lambda: _mlp(sol, name), torch.randn(8, 3),
                                 f"MLPWithActivation({name!r})")


def test_cuda_parity(sol):
    for name in NAMES:
        ck.expect_cuda_parity(lambda: _mlp(sol, name), torch.randn(16, 3),
                              f"MLPWithActivation({name!r})")
