"""Mutant: the bias counted too: one more addition per output (B * out for a Linear, B * C_out * L_out
for a Conv1d) when the layer has a bias. FlopCounterMode, the yardstick, counts only the matrix products."""
import math

import torch
from torch import nn

from reference.session11.ex02_profiling_flops import profile_model  # noqa: F401

CAUGHT_BY = {"linear_flops", "conv1d_flops", "model_flops"}


def linear_flops(layer, input_shape):
    rows = math.prod(input_shape[:-1])
    flops = 2 * rows * layer.in_features * layer.out_features
    if layer.bias is not None:
        flops += rows * layer.out_features
    return flops


def conv1d_flops(layer, input_shape):
    batch = input_shape[0] if len(input_shape) == 3 else 1
    (k,), (stride,), (dilation,) = layer.kernel_size, layer.stride, layer.dilation
    if layer.padding == "same":
        l_out = input_shape[-1]
    else:
        pad = 0 if layer.padding == "valid" else layer.padding[0]
        l_out = (input_shape[-1] + 2 * pad - dilation * (k - 1) - 1) // stride + 1
    flops = 2 * batch * layer.out_channels * l_out * (layer.in_channels // layer.groups) * k
    if layer.bias is not None:
        flops += batch * layer.out_channels * l_out
    return flops


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
