"""Reference solution: session 3, exercise 2 (promoter classifier with validation)."""
import torch
from torch import nn

BASE_INDEX = {"A": 0, "C": 1, "G": 2, "T": 3}


def encode_sequence(seq: str) -> torch.Tensor:
    encoded = torch.zeros(len(seq), 4)
    for position, base in enumerate(seq.upper()):
        if base in BASE_INDEX:
            encoded[position, BASE_INDEX[base]] = 1.0
    return encoded.flatten()


class PromoterClassifier(nn.Module):
    def __init__(self, input_size: int = 200, hidden_sizes: list[int] = [128, 64],
                 dropout: float = 0.2):
        super().__init__()
        layers = []
        previous = input_size
        for size in hidden_sizes:
            layers += [nn.Linear(previous, size), nn.ReLU(), nn.Dropout(dropout)]
            previous = size
        layers += [nn.Linear(previous, 1), nn.Sigmoid()]
        self.network = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.network(x).squeeze(-1)


def _accuracy(probabilities: torch.Tensor, labels: torch.Tensor) -> float:
    return ((probabilities > 0.5).float() == labels).float().mean().item()


def train_with_validation(model: nn.Module, X_train: torch.Tensor, y_train: torch.Tensor,
                          X_val: torch.Tensor, y_val: torch.Tensor, epochs: int = 100,
                          lr: float = 0.001):
    criterion = nn.BCELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    train_losses, val_losses, train_accs, val_accs = [], [], [], []
    for _ in range(epochs):
        model.train()
        predictions = model(X_train)
        loss = criterion(predictions, y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        train_losses.append(loss.item())
        train_accs.append(_accuracy(predictions.detach(), y_train))

        model.eval()
        with torch.no_grad():
            val_predictions = model(X_val)
            val_losses.append(criterion(val_predictions, y_val).item())
            val_accs.append(_accuracy(val_predictions, y_val))
    return train_losses, val_losses, train_accs, val_accs
