"""Mutant: no Sigmoid in the model; training uses BCEWithLogitsLoss and logits > 0 instead."""
import torch
from torch import nn

from reference.session03.ex02_promoter_classifier import encode_sequence  # noqa: F401
from reference.session03.ex02_promoter_classifier import PromoterClassifier as _Reference

CAUGHT_BY = {"architecture", "forward", "train_modes", "train_trajectory"}


class PromoterClassifier(_Reference):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__(input_size, hidden_sizes, dropout)
        self.network = self.network[:-1]


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001):
    criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = ([], [], [], [])
    for _ in range(epochs):
        model.train()
        logits = model(X_train)
        loss = criterion(logits, y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            val_logits = model(X_val)
        history[0].append(loss.item())
        history[1].append(criterion(val_logits, y_val).item())
        history[2].append(((logits > 0).float() == y_train).float().mean().item())
        history[3].append(((val_logits > 0).float() == y_val).float().mean().item())
    return history
