"""Mutant: groups ignored: every output channel counted as a dot product over all in_channels, so a grouped
(or depthwise) convolution costs as much as a full one."""
import torch
from torch import nn

from reference.session11.ex02_profiling_flops import linear_flops, profile_model  # noqa: F401

CAUGHT_BY = {"conv1d_flops", "model_flops"}


def conv1d_flops(layer, input_shape):
    batch = input_shape[0] if len(input_shape) == 3 else 1
    (k,), (stride,), (dilation,) = layer.kernel_size, layer.stride, layer.dilation
    if layer.padding == "same":
        l_out = input_shape[-1]
    else:
        pad = 0 if layer.padding == "valid" else layer.padding[0]
        l_out = (input_shape[-1] + 2 * pad - dilation * (k - 1) - 1) // stride + 1
    return 2 * batch * layer.out_channels * l_out * layer.in_channels * k


def model_flops(model, input_shape):
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        shape = tuple(inputs[0].shape)
        total += conv1d_flops(module, shape) if isinstance(module, nn.Conv1d) else linear_flops(module, shape)

    layers = [m for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv1d))]
    handles = [m.register_forward_hook(hook) for m in layers]
    p = next(model.parameters())
    was = model.training
    try:
        model.eval()
        with torch.no_grad():
            model(torch.zeros(input_shape, dtype=p.dtype, device=p.device))
    finally:
        for h in handles:
            h.remove()
        model.train(was)
    return total
