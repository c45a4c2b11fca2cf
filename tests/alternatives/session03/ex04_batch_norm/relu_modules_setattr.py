"""Correct, written another way: layers made in a loop with setattr, nn.ReLU modules."""
from torch import nn


class MLPWithBatchNorm(nn.Module):
    def __init__(self, use_bn=True):
        super().__init__()
        sizes = [10, 50, 30]
        for i, (a, b) in enumerate(zip(sizes, sizes[1:]), start=1):
            setattr(self, f"fc{i}", nn.Linear(a, b))
            setattr(self, f"bn{i}", nn.BatchNorm1d(b) if use_bn else nn.Identity())
        self.fc3 = nn.Linear(30, 1)
        self.relu = nn.ReLU()

    def forward(self, x):
        h = self.bn1(self.relu(self.fc1(x)))
        h = self.bn2(self.relu(self.fc2(h)))
        return self.fc3(h)
