"""Mutant: quantize_dynamic(..., inplace=True): the caller's float model itself is converted (its Linear
layers replaced, put in eval mode) instead of a copy."""
import torch
from torch import nn

from reference.session11.ex03_quantization import compare, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"original_untouched"}


def quantize(model):
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8, inplace=True)
