"""Reference solution: session 3, exercise 7 (multi-task model)."""
import torch
from torch import nn
import torch.nn.functional as F


class MultiTaskModel(nn.Module):
    def __init__(self, input_size: int, hidden_size: int, n_tissues: int):
        super().__init__()
        self.shared = nn.Sequential(
            nn.Linear(input_size, hidden_size), nn.ReLU(), nn.Dropout(0.3),
            nn.Linear(hidden_size, hidden_size // 2), nn.ReLU())
        self.expression_head = nn.Sequential(
            nn.Linear(hidden_size // 2, 20), nn.ReLU(), nn.Linear(20, 1))
        self.tissue_head = nn.Sequential(
            nn.Linear(hidden_size // 2, 20), nn.ReLU(), nn.Linear(20, n_tissues))

    def forward(self, x: torch.Tensor):
        features = self.shared(x)
        return self.expression_head(features).squeeze(-1), self.tissue_head(features)


def train_multitask(model: nn.Module, X: torch.Tensor, y_expr: torch.Tensor,
                    y_tissue: torch.Tensor, epochs: int = 100, lr: float = 0.001) -> dict:
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = {"expr_loss": [], "tissue_loss": [], "total_loss": [], "accuracy": []}
    for _ in range(epochs):
        model.train()
        expression, logits = model(X)
        expr_loss = F.mse_loss(expression, y_expr)
        tissue_loss = F.cross_entropy(logits, y_tissue)
        total = expr_loss + tissue_loss
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
        history["expr_loss"].append(expr_loss.item())
        history["tissue_loss"].append(tissue_loss.item())
        history["total_loss"].append(total.item())
        history["accuracy"].append((logits.argmax(dim=1) == y_tissue).float().mean().item())
    return history
