"""Reference solution: session 4, exercise 1 (one-hot input, SimpleCNN, conv output length)."""
import torch
import torch.nn.functional as F
from torch import nn


def one_hot_encode(seq: str) -> torch.Tensor:
    base_rows = {"A": 0, "C": 1, "G": 2, "T": 3}
    encoded = torch.zeros(1, 4, len(seq))
    for column, base in enumerate(seq.upper()):
        if base in base_rows:
            encoded[0, base_rows[base], column] = 1.0
    return encoded


class SimpleCNN(nn.Module):
    def __init__(self, kernel_size: int = 8):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 16, kernel_size)
        self.pool = nn.MaxPool1d(2)
        self.conv2 = nn.Conv1d(16, 32, kernel_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv1(x))
        x = self.pool(x)
        return F.relu(self.conv2(x))


def conv_output_length(length: int, kernel_size: int, stride: int = 1, padding: int = 0,
                       dilation: int = 1) -> int:
    span = dilation * (kernel_size - 1) + 1
    positions = (length + 2 * padding - span) // stride + 1
    if positions < 1:
        raise ValueError(f"no output position: an input of {length} (padding {padding}) "
                         f"is shorter than the kernel's span of {span}")
    return positions
