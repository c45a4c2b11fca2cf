"""Correct, written another way: the named layers also chained in an nn.Sequential (shared,
so nothing is counted twice), nn.ReLU modules, keyword construction of the norms."""
from torch import nn


class MLPWithBatchNorm(nn.Module):
    def __init__(self, use_bn=True):
        super().__init__()
        self.use_bn = use_bn
        self.fc1 = nn.Linear(in_features=10, out_features=50)
        self.bn1 = nn.BatchNorm1d(num_features=50, eps=1e-5, momentum=0.1) if use_bn else nn.Identity()
        self.fc2 = nn.Linear(in_features=50, out_features=30)
        self.bn2 = nn.BatchNorm1d(num_features=30) if use_bn else nn.Identity()
        self.fc3 = nn.Linear(in_features=30, out_features=1)
        self.net = nn.Sequential(self.fc1, nn.ReLU(inplace=True), self.bn1,
                                 self.fc2, nn.ReLU(inplace=True), self.bn2, self.fc3)

    def forward(self, x):
        return self.net(x)
