"""Correct, written another way: an identity-matrix lookup for the encoding, the layers
held in an nn.Sequential (with conv1, pool and conv2 as its named children and as
attributes), nn.ReLU modules, and the formula through math.floor."""
import math
from collections import OrderedDict

import torch
from torch import nn

_UNIT = torch.cat([torch.eye(4), torch.zeros(1, 4)])  # row -1 (find gives -1): any other letter


def one_hot_encode(seq):
    index = torch.tensor(["ACGT".find(c) for c in seq.upper()], dtype=torch.long)
    return _UNIT[index].T.unsqueeze(0).contiguous()


class SimpleCNN(nn.Module):
    def __init__(self, kernel_size=8):
        super().__init__()
        self.features = nn.Sequential(OrderedDict([
            ("conv1", nn.Conv1d(in_channels=4, out_channels=16, kernel_size=kernel_size)),
            ("relu1", nn.ReLU()),
            ("pool", nn.MaxPool1d(kernel_size=2, stride=2)),
            ("conv2", nn.Conv1d(in_channels=16, out_channels=32, kernel_size=kernel_size)),
            ("relu2", nn.ReLU()),
        ]))
        self.conv1, self.pool, self.conv2 = self.features.conv1, self.features.pool, self.features.conv2

    def forward(self, x):
        return self.features(x)


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    out = math.floor((length + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
    if out <= 0:
        raise ValueError("the input is shorter than the layer's receptive field")
    return out
