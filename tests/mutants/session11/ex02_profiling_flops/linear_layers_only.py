"""Mutant: hooks on the nn.Linear layers only ("the weights are in the Linear layers"): the Conv1d, 1.5% of
the classifier's parameters but 55% of its FLOPs, is never counted."""
import torch
from torch import nn

from reference.session11.ex02_profiling_flops import conv1d_flops, linear_flops, profile_model  # noqa: F401

CAUGHT_BY = {"model_flops"}


def model_flops(model, input_shape):
    total = 0

    def hook(module, inputs, output):
        nonlocal total
        total += linear_flops(module, tuple(inputs[0].shape))

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Linear)]
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
