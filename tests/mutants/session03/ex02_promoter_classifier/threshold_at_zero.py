"""Mutant: accuracy thresholds the probabilities at 0 (a logits habit), so every sample is 'promoter'."""
import torch
from torch import nn

from reference.session03.ex02_promoter_classifier import PromoterClassifier, encode_sequence  # noqa: F401

CAUGHT_BY = {"train_modes", "learns", "learns_digits", "train_trajectory"}


def _accuracy(p, y):
    return ((p > 0).float() == y).float().mean().item()


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001):
    criterion = nn.BCELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = ([], [], [], [])
    for _ in range(epochs):
        model.train()
        p = model(X_train)
        loss = criterion(p, y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            q = model(X_val)
            history[1].append(criterion(q, y_val).item())
            history[3].append(_accuracy(q, y_val))
        history[0].append(loss.item())
        history[2].append(_accuracy(p, y_train))
    return history
