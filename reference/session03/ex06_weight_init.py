"""Reference solution: session 3, exercise 6 (weight initialisation)."""
import torch
from torch import nn
import torch.nn.functional as F


class InitializedMLP(nn.Module):
    def __init__(self, init_method: str = "default"):
        super().__init__()
        if init_method not in ("default", "zeros", "xavier", "kaiming"):
            raise ValueError(f"unknown init_method {init_method!r}")
        self.fc1 = nn.Linear(10, 50)
        self.fc2 = nn.Linear(50, 30)
        self.fc3 = nn.Linear(30, 1)
        for layer in (self.fc1, self.fc2, self.fc3):
            if init_method == "zeros":
                nn.init.zeros_(layer.weight)
                nn.init.zeros_(layer.bias)
            elif init_method == "xavier":
                nn.init.xavier_uniform_(layer.weight)
                nn.init.zeros_(layer.bias)
            elif init_method == "kaiming":
                nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
                nn.init.zeros_(layer.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))
