"""Mutant: Adam without optimizer.zero_grad(), so gradients pile up across epochs."""
import torch
from torch import nn

from reference.session03.ex02_promoter_classifier import PromoterClassifier, encode_sequence  # noqa: F401

CAUGHT_BY = {"train_trajectory"}


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001):
    criterion = nn.BCELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = ([], [], [], [])
    for _ in range(epochs):
        model.train()
        p = model(X_train)
        loss = criterion(p, y_train)
        loss.backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            q = model(X_val)
        history[0].append(loss.item())
        history[1].append(criterion(q, y_val).item())
        history[2].append(((p > 0.5).float() == y_train).float().mean().item())
        history[3].append(((q > 0.5).float() == y_val).float().mean().item())
    return history
