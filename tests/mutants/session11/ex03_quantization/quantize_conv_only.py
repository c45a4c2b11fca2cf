"""Mutant: the convolution named as the layer to quantise ({nn.Conv1d}, "the layer that does the most
arithmetic"): dynamic quantisation has no Conv1d, so nothing is replaced and nothing gets smaller."""
import torch
from torch import nn

from reference.session11.ex03_quantization import compare, state_dict_bytes  # noqa: F401

CAUGHT_BY = {"only_linear_replaced", "size_ratio"}


def quantize(model):
    return torch.ao.quantization.quantize_dynamic(model, {nn.Conv1d}, dtype=torch.qint8)
