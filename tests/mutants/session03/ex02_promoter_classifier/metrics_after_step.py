"""Mutant: training loss and accuracy re-computed after the step (in eval mode)."""
import torch
from torch import nn

from reference.session03.ex02_promoter_classifier import PromoterClassifier, encode_sequence  # noqa: F401

CAUGHT_BY = {"train_modes", "train_trajectory"}


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001):
    criterion = nn.BCELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = ([], [], [], [])
    for _ in range(epochs):
        model.train()
        loss = criterion(model(X_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            for X, y, loss_list, acc_list in [(X_train, y_train, history[0], history[2]),
                                              (X_val, y_val, history[1], history[3])]:
                p = model(X)
                loss_list.append(criterion(p, y).item())
                acc_list.append(((p > 0.5).float() == y).float().mean().item())
    return history
