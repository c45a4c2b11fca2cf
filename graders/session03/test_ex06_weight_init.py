"""Graders: session 3, exercise 6 (InitializedMLP)."""
import math

import torch

from coursekit import checks as ck

LAYERS = [("fc1", 10, 50), ("fc2", 50, 30), ("fc3", 30, 1)]
BOUNDS = {"xavier": lambda fan_in, fan_out: math.sqrt(6 / (fan_in + fan_out)),
          "kaiming": lambda fan_in, fan_out: math.sqrt(6 / fan_in),
          "default": lambda fan_in, fan_out: 1 / math.sqrt(fan_in)}
HINTS = {"xavier": "nn.init.xavier_uniform_(layer.weight) on every layer, biases 0",
         "kaiming": "nn.init.kaiming_uniform_(layer.weight, nonlinearity='relu'), biases 0",
         "default": "'default' leaves nn.Linear's own initialisation untouched"}


def _mlp(sol, method, seed=0):
    return ck.build_model(sol.InitializedMLP, method, seed=seed, what=f"InitializedMLP({method!r})")


def _expect_uniform(model, method):
    for name, fan_in, fan_out in LAYERS:
        layer = getattr(model, name)
        bound = BOUNDS[method](fan_in, fan_out)
        w = layer.weight.detach()
        ck.expect(w.abs().max().item() <= bound * (1 + 1e-6),
                  f"{name}.weight within +-{bound:.4f} ({method})",
                  f"largest |w| = {w.abs().max().item():.4f}", HINTS[method])
        if name != "fc3":  # fc3 has 30 weights: too few to judge their spread
            std, target = w.std().item(), bound / math.sqrt(3)
            ck.expect(abs(std / target - 1) < 0.10,
                      f"{name}.weight spread like uniform(-{bound:.4f}, {bound:.4f}): std {target:.4f} +-10%",
                      f"std {std:.4f}", HINTS[method])
        bias = layer.bias.detach()
        if method == "default":
            ck.expect(bias.abs().max().item() <= bound * (1 + 1e-6) and bias.abs().sum() > 0,
                      f"{name}.bias non-zero and within +-{bound:.4f}",
                      f"bias from {bias.min().item():.4f} to {bias.max().item():.4f}", HINTS[method])
        else:
            ck.expect(torch.count_nonzero(bias).item() == 0, f"{name}.bias all zero ({method})",
                      f"{torch.count_nonzero(bias).item()} non-zero biases", HINTS[method])


def test_architecture(sol):
    for method in ("default", "zeros", "xavier", "kaiming"):
        model = _mlp(sol, method)
        for name, fan_in, fan_out in LAYERS:
            ck.expect_linear(getattr(model, name, None), fan_in, fan_out, name)
        ck.expect_tensor(model(torch.randn(6, 10)), f"InitializedMLP({method!r}) output", (6, 1))


def test_param_count(sol):
    for method in ("default", "zeros", "xavier", "kaiming"):
        ck.expect_param_count(_mlp(sol, method), 2_111, f"InitializedMLP({method!r})")


def test_zeros(sol):
    model = _mlp(sol, "zeros")
    nonzero = {n: torch.count_nonzero(p).item() for n, p in model.named_parameters()}
    ck.expect(not any(nonzero.values()), "every weight and bias 0 with 'zeros'",
              f"non-zero entries: { {n: c for n, c in nonzero.items() if c} }",
              "nn.init.zeros_ on the weight and the bias of every layer")
    out = model(torch.randn(4, 10))
    ck.expect(torch.count_nonzero(out).item() == 0, "an all-zero output", str(out.flatten().tolist()),
              "every layer is zero, so the output is too")


def test_xavier(sol):
    for seed in (0, 1):
        _expect_uniform(_mlp(sol, "xavier", seed), "xavier")


def test_kaiming(sol):
    for seed in (0, 1):
        _expect_uniform(_mlp(sol, "kaiming", seed), "kaiming")


def test_default(sol):
    for seed in (0, 1):
        _expect_uniform(_mlp(sol, "default", seed), "default")
    _expect_uniform(ck.build_model(sol.InitializedMLP, what="InitializedMLP()"), "default")


def test_unknown_method(sol):
    for name in ("he", "normal", "Xavier", ""):
        ck.expect_raises(lambda: sol.InitializedMLP(name), ValueError, f"InitializedMLP({name!r})",
                         "only 'default', 'zeros', 'xavier' and 'kaiming' are methods; "
                         "raise ValueError in __init__ for any other name")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _mlp(sol, "kaiming"), torch.randn(8, 10), "InitializedMLP('kaiming')")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _mlp(sol, "xavier"), torch.randn(16, 10), "InitializedMLP('xavier')")
