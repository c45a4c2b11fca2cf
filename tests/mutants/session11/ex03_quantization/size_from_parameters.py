"""Mutant: the size counted from the parameters (numel * element_size) instead of measured on the saved
state_dict: buffers and the file's own bytes are missed, and a quantized Linear has no parameters at all
(its int8 weights are packed), so the quantized model looks 65x smaller."""
from reference.session11.ex03_quantization import compare, quantize  # noqa: F401

CAUGHT_BY = {"size_ratio"}


def state_dict_bytes(model):
    return sum(p.numel() * p.element_size() for p in model.parameters())
