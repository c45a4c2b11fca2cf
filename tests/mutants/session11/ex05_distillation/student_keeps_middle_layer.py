"""Mutant: a student that copies the teacher's layout, middle hidden layer included (Linear(hidden,
hidden) between the two): 76,452 parameters by default, the teacher's size, not a quarter of it."""
from torch import nn

from reference.session11.ex05_distillation import distill, distillation_loss  # noqa: F401

CAUGHT_BY = {"param_count"}


class StudentClassifier(nn.Module):
    def __init__(self, num_classes=4, channels=32, hidden=256):
        super().__init__()
        self.features = nn.Sequential(nn.Conv1d(4, channels, 9, padding=4), nn.ReLU(),
                                      nn.AdaptiveMaxPool1d(1), nn.Flatten())
        self.classifier = nn.Sequential(nn.Linear(channels, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                        nn.ReLU(), nn.Linear(hidden, num_classes))

    def forward(self, x):
        return self.classifier(self.features(x))
