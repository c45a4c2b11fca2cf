"""Graders: session 3, exercise 3 (MLPWithActivation, Swish, Mish, gelu)."""
import torch
import torch.nn.functional as F

from coursekit import checks as ck

NAMES = ["relu", "sigmoid", "tanh", "leaky_relu"]
TRUSTED = {"relu": F.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
           "leaky_relu": lambda t: F.leaky_relu(t, 0.01)}


def _mlp(sol, name, seed=0):
    return ck.build_model(sol.MLPWithActivation, name, seed=seed,
                          what=f"MLPWithActivation({name!r})")


def _inputs():
    """Values over a wide range (large, small, negative) in several shapes, two dtypes."""
    line = torch.linspace(-12, 12, 241)
    return [line, 3 * torch.randn(4, 5, 6), line.double()]


def _same_function(fn, trusted, name, hint):
    for x in _inputs():
        xg, tg = x.clone().requires_grad_(), x.clone().requires_grad_()
        out = fn(xg)
        ck.expect_tensor(out, f"{name} of a {tuple(x.shape)} {x.dtype} input", tuple(x.shape), x.dtype,
                         "work element-wise and keep the input's dtype")
        ref = trusted(tg)
        ck.expect_close(out, ref, f"{name}(x)", hint)
        out.sum().backward()
        ref.sum().backward()
        ck.expect_close(xg.grad, tg.grad, f"the gradient of {name}",
                        "build it from differentiable torch operations")
    big = fn(torch.tensor([-50.0, 50.0, 80.0]))
    ck.expect_finite(big, f"{name} at -50, 50 and 80")


def test_architecture(sol):
    for name in NAMES:
        model = _mlp(sol, name)
        for attr, sizes in [("fc1", (3, 20)), ("fc2", (20, 10)), ("fc3", (10, 1))]:
            ck.expect_linear(getattr(model, attr, None), *sizes, attr)
        ck.expect_tensor(model(torch.randn(7, 3)), f"MLPWithActivation({name!r}) output", (7, 1))


def test_param_count(sol):
    for name in NAMES:
        ck.expect_param_count(_mlp(sol, name), 301, f"MLPWithActivation({name!r})")


def test_activations(sol):
    x = 3 * torch.randn(64, 3)
    for name in NAMES:
        model = _mlp(sol, name)
        act = TRUSTED[name]
        with torch.no_grad():
            out = model(x)
            trusted = model.fc3(act(model.fc2(act(model.fc1(x)))))
        ck.expect_tensor(out, "output", (64, 1))
        ck.expect_close(out, trusted, f"MLPWithActivation({name!r}) forward",
                        f"{name} after fc1 and after fc2, nothing after fc3"
                        + ("; leaky_relu's slope is 0.01" if name == "leaky_relu" else ""))


def test_unknown_activation(sol):
    for name in ["banana", "swish", ""]:
        try:
            sol.MLPWithActivation(name)
        except ValueError:
            continue
        except NotImplementedError:
            raise
        except Exception as err:  # noqa: BLE001 - any other exception is the wrong one
            raise ck.CheckFailure(f"MLPWithActivation({name!r}) to raise ValueError",
                                  f"{type(err).__name__}: {err}",
                                  "check the name in __init__ and `raise ValueError(...)`") from None
        raise ck.CheckFailure(f"MLPWithActivation({name!r}) to raise ValueError", "no exception",
                              "only 'relu', 'sigmoid', 'tanh' and 'leaky_relu' are allowed")


def test_swish(sol):
    module = sol.Swish()
    ck.expect_module(module, "Swish()")
    ck.expect_param_count(module, 0, "Swish()")
    _same_function(module, F.silu, "Swish", "x * sigmoid(x)")


def test_mish(sol):
    module = sol.Mish()
    ck.expect_module(module, "Mish()")
    ck.expect_param_count(module, 0, "Mish()")
    _same_function(module, F.mish, "Mish", "x * tanh(softplus(x)), softplus(x) = log(1 + exp(x))")


def test_gelu(sol):
    _same_function(sol.gelu, F.gelu, "gelu",
                   "the exact form x * 0.5 * (1 + erf(x / sqrt(2))), not the tanh approximation")


def test_follows_device(sol):
    for name in ["relu", "leaky_relu"]:
        ck.expect_follows_device(lambda: _mlp(sol, name), torch.randn(8, 3),
                                 f"MLPWithActivation({name!r})")


def test_cuda_parity(sol):
    for name in NAMES:
        ck.expect_cuda_parity(lambda: _mlp(sol, name), torch.randn(16, 3),
                              f"MLPWithActivation({name!r})")
