"""Checks of nn.Module models: layers, parameter counts, registration, modes."""
from __future__ import annotations

import contextlib
from collections.abc import Callable

import torch
from torch import nn

from coursekit.checks.base import expect, expect_close, seeded


def expect_module(obj, what: str) -> None:
    """``obj`` is an ``nn.Module`` instance."""
    expect(isinstance(obj, nn.Module), f"{what} to be an nn.Module",
           f"{type(obj).__name__}", "subclass nn.Module and call super().__init__() first")


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


def build_model(factory: Callable[..., nn.Module], *args, seed: int = 0, what: str, **kwargs) -> nn.Module:
    """Instantiate a student's model under a fixed seed, checking it is an nn.Module."""
    model = seeded(seed, factory, *args, **kwargs)
    expect_module(model, what)
    return model
