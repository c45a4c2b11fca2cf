"""Mutant: the output length of a plain 'valid' convolution, L_out = L - k + 1, whatever the padding, stride
and dilation (the classifier's padding=4 keeps all 80 positions, not 72)."""
import torch
from torch import nn

from reference.session11.ex02_profiling_flops import linear_flops, profile_model  # noqa: F401

CAUGHT_BY = {"conv1d_flops", "model_flops"}


def conv1d_flops(layer, input_shape):
    batch = input_shape[0] if len(input_shape) == 3 else 1
    k = layer.kernel_size[0]
    l_out = input_shape[-1] - k + 1
    return 2 * batch * layer.out_channels * l_out * (layer.in_channels // layer.groups) * k


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
