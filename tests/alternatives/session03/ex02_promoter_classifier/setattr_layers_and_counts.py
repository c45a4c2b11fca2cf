"""Correct, written another way: a dict lookup encoder, layers registered with setattr
(fc1, fc2, ..., out), torch.relu, nn.Dropout modules, [:, 0] instead of squeeze, and
accuracies counted as correct / total."""
import torch
from torch import nn

ROWS = {"A": [1.0, 0.0, 0.0, 0.0], "C": [0.0, 1.0, 0.0, 0.0],
        "G": [0.0, 0.0, 1.0, 0.0], "T": [0.0, 0.0, 0.0, 1.0]}


def encode_sequence(seq):
    values = []
    for base in seq:
        values.extend(ROWS.get(base.upper(), [0.0] * 4))
    return torch.tensor(values, dtype=torch.float32)


class PromoterClassifier(nn.Module):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__()
        self.n_hidden = len(hidden_sizes)
        for i, size in enumerate(hidden_sizes, start=1):
            setattr(self, f"fc{i}", nn.Linear(input_size, size))
            setattr(self, f"drop{i}", nn.Dropout(p=dropout))
            input_size = size
        self.out = nn.Linear(input_size, 1)

    def forward(self, x):
        for i in range(1, self.n_hidden + 1):
            x = getattr(self, f"drop{i}")(torch.relu(getattr(self, f"fc{i}")(x)))
        return torch.sigmoid(self.out(x))[:, 0]


def _accuracy(probs, labels):
    correct = ((probs > 0.5) == labels.bool()).sum().item()
    return correct / labels.numel()


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001):
    loss_fn = nn.BCELoss()
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr)
    history = {"train_loss": [], "val_loss": [], "train_acc": [], "val_acc": []}
    for _ in range(epochs):
        model.train()
        optimizer.zero_grad()
        probs = model(X_train)
        loss = loss_fn(probs, y_train)
        history["train_loss"].append(loss.item())
        history["train_acc"].append(_accuracy(probs.detach(), y_train))
        loss.backward()
        optimizer.step()

        model.eval()
        with torch.no_grad():
            val_probs = model(X_val)
        history["val_loss"].append(loss_fn(val_probs, y_val).item())
        history["val_acc"].append(_accuracy(val_probs, y_val))
    return (history["train_loss"], history["val_loss"], history["train_acc"], history["val_acc"])
