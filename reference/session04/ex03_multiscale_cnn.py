"""Reference solution: session 4, exercise 3 (multi-scale CNN)."""
import torch
import torch.nn.functional as F
from torch import nn


class MultiScaleCNN(nn.Module):
    def __init__(self, kernel_sizes: list[int] = [6, 8, 10, 12]):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(4, 32, k) for k in kernel_sizes])
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(32 * len(kernel_sizes), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branch_outputs = []
        for conv in self.convs:
            branch_outputs.append(self.pool(F.relu(conv(x))))
        features = torch.cat(branch_outputs, dim=1).squeeze(-1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
