"""Device checks: every tensor follows ``.to(device)`` (on ``meta``, so no GPU is
needed), and the same numbers on CPU and CUDA where a GPU exists.

Both run the model on an input moved to a device; every tensor that comes out must be
on that device.
"""
from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable

import torch
from torch import nn

from coursekit.checks.base import CheckFailure, expect, expect_close
from coursekit.checks.models import unregistered_members

DEVICE_HINT = ("register tensors with nn.Parameter or register_buffer, and create new tensors "
               "with device=x.device")


def _tensors(value) -> list[torch.Tensor]:
    """The tensors in a result: a tensor, or tensors inside tuples, lists and dicts."""
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in _tensors(v)]
    return []


def _mentions_device(err: Exception, device: str) -> bool:
    """Whether an error is about where tensors live ("Cannot copy out of meta tensor" is:
    a CPU tensor made in forward was filled with values from the model's device)."""
    text = str(err).lower()
    return "device" in text or torch.device(device).type in text


def _run_on(model: Callable, example: torch.Tensor, device: str, what: str):
    """``model(example)`` with the input on ``device``; every output tensor there."""
    try:
        out = model(example.to(device))
    except RuntimeError as err:
        raise CheckFailure(f"{what} to run on any device after .to(device)",
                           f"RuntimeError: {err}", DEVICE_HINT if _mentions_device(err, device) else
                           "forward fails even before devices matter: fix that error first"
                           ) from None
    outs = _tensors(out)
    expect(bool(outs), f"the output of {what} to be a tensor", type(out).__name__,
           "return tensors from forward")
    for o in outs:
        expect(o.device.type == torch.device(device).type, f"the output of {what} on the model's device",
               f"a tensor on {o.device}", DEVICE_HINT)
    return out


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
    expect(not stray, f"all tensors of {what} to move with .to(device)",
           "left behind: " + ", ".join(stray), DEVICE_HINT)
    for training in (True, False):
        model.train(training)
        _run_on(model, example, "meta", what)


@contextlib.contextmanager
def full_float32():
    """Full float32 on CUDA for the duration: no TF32 in matmuls or cuDNN convolutions
    (TF32 keeps 10 mantissa bits, about 1e-3 relative: a correct conv fails rtol 1e-4)."""
    matmul, cudnn = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    try:
        yield
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = matmul, cudnn


def expect_cuda_parity(build: Callable[[], nn.Module], example: torch.Tensor, what: str,
                       rtol: float = 1e-4, atol: float = 1e-5) -> None:
    """The same weights give the same outputs on CPU and CUDA (eval mode, full float32)."""
    import pytest

    if not torch.cuda.is_available():
        pytest.skip("CUDA not available: CPU/GPU parity runs only on a machine with a GPU")
    model = build().eval()
    gpu = copy.deepcopy(model).to("cuda")
    with torch.no_grad(), full_float32():
        cpu_outs = _tensors(model(example))
        gpu_outs = _tensors(_run_on(gpu, example, "cuda", what))
    for c, g in zip(cpu_outs, gpu_outs):
        expect_close(g, c, f"{what} on CUDA vs CPU (full float32: TF32 off)",
                     "avoid device-specific code paths", rtol=rtol, atol=atol)
