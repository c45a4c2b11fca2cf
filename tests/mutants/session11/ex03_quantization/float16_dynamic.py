"""Mutant: dynamic quantisation to float16 (dtype=torch.float16): the Linear layers are swapped for dynamic
ones but keep float weights, and the saved state_dict is no smaller at all."""
import torch
from torch import nn

from reference.session11.ex03_quantization import compare, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"only_linear_replaced", "size_ratio"}


def quantize(model):
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.float16)
