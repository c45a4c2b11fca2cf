"""Mutant: B taken as the first dimension of the input (right for [B, in_features], wrong for a Linear
applied at every position of [B, L, in_features], where every one of the B * L rows is a product)."""
import torch
from torch import nn

from reference.session11.ex02_profiling_flops import conv1d_flops, profile_model  # noqa: F401

CAUGHT_BY = {"linear_flops", "model_flops"}


def linear_flops(layer, input_shape):
    batch = input_shape[0] if len(input_shape) > 1 else 1
    return 2 * batch * layer.in_features * layer.out_features


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
