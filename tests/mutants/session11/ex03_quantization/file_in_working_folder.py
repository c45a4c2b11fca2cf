"""Mutant: the course guide's way, a file 'model.pth' written into the working folder and measured with
os.path.getsize (in bytes, not megabytes): the file stays behind."""
import os

import torch

from reference.session11.ex03_quantization import compare, quantize  # noqa: F401

CAUGHT_BY = {"size_ratio"}


def state_dict_bytes(model):
    torch.save(model.state_dict(), "model.pth")
    return os.path.getsize("model.pth")
