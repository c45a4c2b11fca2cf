"""Mutant: the two conv blocks kept in a plain Python list: invisible to parameters(),
to .to(device) and to the optimizer, so the filters never learn."""
import torch.nn.functional as F
from torch import nn

CAUGHT_BY = {"architecture", "param_count", "learns_synthetic", "learns_uci", "follows_device"}


class SpliceSiteCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = [(nn.Conv1d(4, 64, 11), nn.BatchNorm1d(64)),
                       (nn.Conv1d(64, 64, 7), nn.BatchNorm1d(64))]
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.dropout = nn.Dropout(0.5)
        self.fc1 = nn.Linear(64, 32)
        self.fc2 = nn.Linear(32, 3)

    def forward(self, x):
        for conv, norm in self.blocks:
            x = F.relu(norm(conv(x)))
        x = self.pool(x).squeeze(-1)
        x = self.dropout(F.relu(self.fc1(x)))
        return self.fc2(x)
