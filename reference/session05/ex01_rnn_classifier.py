"""Reference solution: session 5, exercise 1 (one RNN step by hand, an nn.RNN classifier)."""
import torch
from torch import nn


def rnn_cell_step(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                  bias_ih: torch.Tensor, bias_hh: torch.Tensor,
                  nonlinearity: str = "tanh") -> torch.Tensor:
    if nonlinearity not in ("tanh", "relu"):
        raise ValueError(f"nonlinearity must be 'tanh' or 'relu', not {nonlinearity!r}")
    pre_activation = x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh
    return torch.tanh(pre_activation) if nonlinearity == "tanh" else torch.relu(pre_activation)


class RNNClassifier(nn.Module):
    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.rnn(x)
        last_step = outputs[:, -1, :]
        return torch.sigmoid(self.fc(last_step)).squeeze(-1)
