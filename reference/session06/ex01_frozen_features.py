"""Reference solution: session 6, exercise 1 (a frozen pretrained trunk and a new head)."""
import torch
from torch import nn


class AdaptedModel(nn.Module):
    def __init__(self, base_model: nn.Module, num_classes: int = 3, hidden: int = 256,
                 dropout: float = 0.3):
        super().__init__()
        self.features = base_model.features
        for weight in self.features.parameters():
            weight.requires_grad = False
        self.features.eval()
        self.adapter = nn.Sequential(
            nn.Linear(512, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, num_classes),
        )

    def train(self, mode: bool = True) -> "AdaptedModel":
        super().train(mode)
        self.features.eval()
        return self

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.adapter(self.features(x))
