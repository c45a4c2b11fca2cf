"""Mutant: the FLOPs stored in a dict keyed by layer name and summed at the end: a layer called twice in
forward (a shared layer) keeps only its last call's count."""
import torch
from torch import nn

from reference.session11.ex02_profiling_flops import conv1d_flops, linear_flops, profile_model  # noqa: F401

CAUGHT_BY = {"model_flops"}


def model_flops(model, input_shape):
    per_layer = {}

    def make_hook(name):
        def hook(module, inputs, output):
            shape = tuple(inputs[0].shape)
            per_layer[name] = (conv1d_flops(module, shape) if isinstance(module, nn.Conv1d)
                               else linear_flops(module, shape))
        return hook

    handles = [m.register_forward_hook(make_hook(name)) for name, m in model.named_modules()
               if isinstance(m, (nn.Linear, nn.Conv1d))]
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
    return sum(per_layer.values())
