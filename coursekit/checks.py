"""Reusable checks for graders: each says what was expected, what was found, and a hint.

Checks are plain functions that raise :class:`CheckFailure`; graders (pytest tests)
call them on a student's objects. Nothing here knows any exercise's solution.
"""
from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Sequence

import torch
from torch import nn


class CheckFailure(AssertionError):
    """A check that did not hold, told in the student's terms."""

    def __init__(self, expected, found, hint: str = ""):
        self.expected, self.found, self.hint = str(expected), str(found), hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"expected: {self.expected}\nfound:    {self.found}"
        return text + (f"\nhint:     {self.hint}" if self.hint else "")


def expect(condition: bool, expected, found, hint: str = "") -> None:
    if not condition:
        raise CheckFailure(expected, found, hint)


def expect_module(obj, what: str) -> None:
    """``obj`` is an ``nn.Module`` instance."""
    expect(isinstance(obj, nn.Module), f"{what} to be an nn.Module",
           f"{type(obj).__name__}", "subclass nn.Module and call super().__init__() first")


def expect_tensor(value, what: str, shape: Sequence[int] | None = None,
                  dtype: torch.dtype | None = torch.float32, hint: str = "") -> None:
    """``value`` is a tensor with the given shape and dtype."""
    expect(isinstance(value, torch.Tensor), f"{what} to be a torch.Tensor",
           type(value).__name__, hint or "return a tensor, not a list or a number")
    if shape is not None:
        expect(tuple(value.shape) == tuple(shape), f"{what} of shape {tuple(shape)}",
               f"shape {tuple(value.shape)}", hint or _shape_hint(tuple(value.shape), tuple(shape)))
    if dtype is not None:
        expect(value.dtype == dtype, f"{what} of dtype {dtype}", f"dtype {value.dtype}",
               hint or f"create it with dtype={dtype}")


def _shape_hint(found: tuple, wanted: tuple) -> str:
    if found == wanted + (1,):
        return "squeeze the last dimension (e.g. .squeeze(-1))"
    if wanted == found + (1,):
        return "keep the last dimension of size 1"
    return "follow the shapes of the spec"


def expect_linear(layer, in_features: int, out_features: int, what: str) -> None:
    """``layer`` is an ``nn.Linear(in_features, out_features)`` with a bias."""
    expect(isinstance(layer, nn.Linear), f"{what} to be nn.Linear", type(layer).__name__,
           f"define {what} as nn.Linear({in_features}, {out_features})")
    found = (layer.in_features, layer.out_features, layer.bias is not None)
    expect(found == (in_features, out_features, True),
           f"{what} = nn.Linear({in_features}, {out_features}) with a bias",
           f"nn.Linear({found[0]}, {found[1]}, bias={found[2]})",
           "check the layer sizes in the spec")


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def expect_param_count(model: nn.Module, expected: int, what: str) -> None:
    found = count_parameters(model)
    expect(found == expected, f"{what} to have {expected:,} parameters", f"{found:,}",
           "count = sum(p.numel() for p in model.parameters()); check every layer's size, "
           "bias, and that layers are registered (attributes, nn.Sequential or nn.ModuleList)")


def unregistered_members(model: nn.Module) -> list[str]:
    """Names of modules or tensors that ``model`` holds outside PyTorch's registration."""
    found = []
    for prefix, module in model.named_modules():
        for name, value in vars(module).items():
            if name.startswith("_"):
                continue
            items = value.values() if isinstance(value, dict) else value
            if isinstance(value, (list, tuple, dict)) and any(
                    isinstance(v, (nn.Module, torch.Tensor)) for v in items):
                found.append(f"{prefix + '.' if prefix else ''}{name} ({type(value).__name__})")
            elif isinstance(value, torch.Tensor):
                found.append(f"{prefix + '.' if prefix else ''}{name} (plain tensor)")
    return found


def expect_registered(model: nn.Module, what: str) -> None:
    """No layer or tensor hides in a plain list, dict or attribute."""
    hidden = unregistered_members(model)
    expect(not hidden, f"every layer and tensor of {what} registered with PyTorch",
           "unregistered: " + ", ".join(hidden),
           "use nn.ModuleList / nn.Sequential for layer lists, nn.Parameter or "
           "register_buffer for tensors")


def expect_finite(values, what: str) -> None:
    t = torch.as_tensor(values, dtype=torch.float64)
    expect(bool(torch.isfinite(t).all()), f"{what} to be finite", "NaN or inf",
           "look for a division by zero or an exploding learning rate")


def expect_float_list(values, length: int, what: str) -> None:
    """A list of ``length`` Python floats (e.g. a loss per epoch)."""
    expect(isinstance(values, list), f"{what} as a list", type(values).__name__,
           "append loss.item() to a list and return the list")
    expect(len(values) == length, f"{what} with {length} entries (one per epoch)",
           f"{len(values)} entries", "append exactly once per epoch")
    bad = next((v for v in values if type(v) is not float), None)
    expect(bad is None, f"{what} holding Python floats", f"an entry of type {type(bad).__name__}",
           "use .item() to turn a 0-d tensor into a float")
    expect_finite(values, what)


def expect_loss_falls(losses: Sequence[float], factor: float, what: str) -> None:
    """The last loss is at most ``losses[0] / factor``."""
    expect_finite(losses, what)
    first, last = float(losses[0]), float(losses[-1])
    expect(last <= first / factor, f"{what} to fall by at least {factor}x "
           f"(from {first:.4g} to <= {first / factor:.4g})", f"last value {last:.4g}",
           "check the optimizer, the learning rate and that every epoch takes a step")


def expect_close(found, trusted, what: str, hint: str, rtol: float = 1e-4,
                 atol: float = 1e-5) -> None:
    """``found`` equals the trusted value (``torch.testing.assert_close``)."""
    f, t = (torch.as_tensor(v.detach().cpu() if isinstance(v, torch.Tensor) else v,
                            dtype=torch.float64) for v in (found, trusted))
    expected = f"{what} equal to a trusted computation (rtol={rtol}, atol={atol})"
    if f.shape != t.shape:
        raise CheckFailure(expected, f"shape {tuple(f.shape)} where {tuple(t.shape)} was expected",
                           hint)
    try:  # the same rule as torch.isclose: |found - trusted| <= atol + rtol * |trusted|
        torch.testing.assert_close(f, t, rtol=rtol, atol=atol)
    except AssertionError:
        wrong = ~torch.isclose(f, t, rtol=rtol, atol=atol)
        first = tuple(wrong.nonzero()[0].tolist())
        at = f" at index {first}" if first else ""
        raise CheckFailure(expected, f"{int(wrong.sum())} of {wrong.numel()} values differ; e.g.{at}: "
                           f"{f[first].item():.6g} where {t[first].item():.6g} was expected",
                           hint) from None


def expect_same_weights(model: nn.Module, trusted: nn.Module, what: str, hint: str) -> None:
    for (name, p), q in zip(model.named_parameters(), trusted.parameters()):
        expect_close(p, q, f"{what}: parameter {name}", hint)


@contextlib.contextmanager
def record_modes(model: nn.Module):
    """Record (batch size, train mode, grad enabled) for every call of ``model``."""
    calls: list[tuple[int, bool, bool]] = []

    def hook(module, args):
        size = args[0].shape[0] if args and isinstance(args[0], torch.Tensor) and args[0].dim() else 0
        calls.append((size, module.training, torch.is_grad_enabled()))

    handle = model.register_forward_pre_hook(hook)
    try:
        yield calls
    finally:
        handle.remove()


def expect_follows_device(build: Callable[[], nn.Module], example: torch.Tensor,
                          what: str) -> None:
    """Every tensor of the model, and of its forward pass, follows ``.to(device)``.

    Runs on the ``meta`` device, so it needs no GPU: a tensor kept as a plain
    attribute, or created in ``forward`` without ``device=``, stays on the CPU.
    """
    model = build().to("meta")
    stray = [f"{n} (on {t.device})" for n, t in
             list(model.named_parameters()) + list(model.named_buffers()) if t.device.type != "meta"]
    stray += [m for m in unregistered_members(model) if m.endswith("(plain tensor)")]
    hint = ("register tensors with nn.Parameter or register_buffer, and create new tensors "
            "with device=x.device")
    expect(not stray, f"all tensors of {what} to move with .to(device)",
           "left behind: " + ", ".join(stray), hint)
    x = example.to("meta")
    for training in (True, False):
        model.train(training)
        try:
            out = model(x)
        except RuntimeError as err:
            raise CheckFailure(f"{what} to run on any device after .to(device)",
                               f"RuntimeError: {err}",
                               hint if "device" in str(err) else
                               "forward fails even before devices matter: fix that error first"
                               ) from None
        outs = out if isinstance(out, (tuple, list)) else (out,)
        for o in outs:
            expect(isinstance(o, torch.Tensor) and o.device.type == "meta",
                   f"the output of {what} on the model's device", f"{getattr(o, 'device', o)}", hint)


def expect_cuda_parity(build: Callable[[], nn.Module], example: torch.Tensor, what: str,
                       rtol: float = 1e-4, atol: float = 1e-5) -> None:
    """The same weights give the same outputs on CPU and CUDA (eval mode)."""
    import pytest

    if not torch.cuda.is_available():
        pytest.skip("CUDA not available: CPU/GPU parity runs only on a machine with a GPU")
    model = build().eval()
    gpu = copy.deepcopy(model).to("cuda")
    with torch.no_grad():
        cpu_out, gpu_out = model(example), gpu(example.to("cuda"))
    cpu_outs = cpu_out if isinstance(cpu_out, (tuple, list)) else (cpu_out,)
    gpu_outs = gpu_out if isinstance(gpu_out, (tuple, list)) else (gpu_out,)
    for c, g in zip(cpu_outs, gpu_outs):
        expect(g.device.type == "cuda", f"the output of {what} on cuda", str(g.device),
               "create new tensors with device=x.device")
        expect_close(g, c, f"{what} on CUDA vs CPU", "avoid device-specific code paths",
                     rtol=rtol, atol=atol)


def expect_deterministic(fn: Callable[[], object], what: str, seed: int = 0) -> None:
    """``fn()`` gives the same result twice from the same seed (tensors or nested lists)."""
    first, second = seeded(seed, fn), seeded(seed, fn)
    flat = lambda v: torch.as_tensor(v, dtype=torch.float64) if not isinstance(v, torch.Tensor) else v  # noqa: E731
    try:
        same = torch.equal(flat(first).detach().cpu(), flat(second).detach().cpu())
    except (TypeError, ValueError, RuntimeError):
        same = first == second
    expect(same, f"{what} to be the same twice from the same seed", "two different results",
           "draw random numbers only from torch's generator; don't seed inside your code")


def seeded(seed: int, fn: Callable, *args, **kwargs):
    """Call ``fn`` with torch's global generator set to ``seed``."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return fn(*args, **kwargs)


def build_model(factory: Callable[..., nn.Module], *args, seed: int = 0, what: str, **kwargs) -> nn.Module:
    """Instantiate a student's model under a fixed seed, checking it is an nn.Module."""
    model = seeded(seed, factory, *args, **kwargs)
    expect_module(model, what)
    return model

