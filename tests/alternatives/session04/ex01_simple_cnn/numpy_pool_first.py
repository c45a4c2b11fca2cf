"""Correct, written another way: bytes compared with the four bases in numpy, padding
given as "valid", the pool applied before the first ReLU (max-pool and ReLU commute),
torch.relu, and the formula counted as the window starts that fit."""
import numpy as np
import torch
from torch import nn


def one_hot_encode(seq):
    codes = np.frombuffer(seq.upper().encode("ascii"), dtype=np.uint8)
    bases = np.frombuffer(b"ACGT", dtype=np.uint8)
    return torch.from_numpy((bases[:, None] == codes[None, :]).astype(np.float32))[None]


class SimpleCNN(nn.Module):
    def __init__(self, kernel_size=8):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 16, kernel_size, padding="valid")
        self.pool = nn.MaxPool1d(2)
        self.conv2 = nn.Conv1d(16, 32, kernel_size, padding="valid")

    def forward(self, x):
        return torch.relu(self.conv2(torch.relu(self.pool(self.conv1(x)))))


def conv_output_length(length, kernel_size, stride=1, padding=0, dilation=1):
    padded = length + 2 * padding
    span = (kernel_size - 1) * dilation + 1
    if padded < span:
        raise ValueError(f"an input of {padded} padded positions is shorter than the kernel span {span}")
    return 1 + (padded - span) // stride
