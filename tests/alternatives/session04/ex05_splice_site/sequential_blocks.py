"""Correct, written another way: the named layers chained in two nn.Sequential blocks
(shared modules, so nothing is counted twice), nn.ReLU / nn.Flatten modules, keyword
arguments, and dropout written before the ReLU (the same thing: it only zeroes and
scales by a positive factor)."""
from torch import nn


class SpliceSiteCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(in_channels=4, out_channels=64, kernel_size=11, stride=1, padding=0)
        self.bn1 = nn.BatchNorm1d(num_features=64, eps=1e-5, momentum=0.1)
        self.conv2 = nn.Conv1d(in_channels=64, out_channels=64, kernel_size=7)
        self.bn2 = nn.BatchNorm1d(num_features=64)
        self.fc1 = nn.Linear(in_features=64, out_features=32)
        self.fc2 = nn.Linear(in_features=32, out_features=3)
        self.features = nn.Sequential(
            self.conv1, self.bn1, nn.ReLU(),
            self.conv2, self.bn2, nn.ReLU(),
            nn.AdaptiveMaxPool1d(output_size=1), nn.Flatten(start_dim=1))
        self.classifier = nn.Sequential(self.fc1, nn.Dropout(p=0.5), nn.ReLU(), self.fc2)

    def forward(self, x):
        return self.classifier(self.features(x))
