"""Mutant: the 'validation' loss and accuracy are measured on the training set again."""
import torch

from reference.session02.ex05_train_validation import plot_training_curves, split_data  # noqa: F401

CAUGHT_BY = {"validation_independent", "history", "train_trajectory"}


def _bce(p, y):
    p = p.clamp(1e-7, 1 - 1e-7)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


def _accuracy(p, y):
    return ((p > 0.5).float() == y).float().mean()


def train_with_validation(train_features, train_labels, val_features, val_labels, epochs=100,
                          learning_rate=0.1):
    weights = (0.1 * torch.randn(train_features.shape[1])).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_loss_history, train_acc_history, val_loss_history, val_acc_history = [], [], [], []
    for epoch in range(epochs):
        train_preds = torch.sigmoid(train_features @ weights + bias)
        train_loss = _bce(train_preds, train_labels)
        train_loss_history.append(train_loss.item())
        train_acc_history.append(_accuracy(train_preds, train_labels).item())
        optimizer.zero_grad()
        train_loss.backward()
        optimizer.step()
        with torch.no_grad():
            val_preds = torch.sigmoid(train_features @ weights + bias)
            val_loss_history.append(_bce(val_preds, train_labels).item())
            val_acc_history.append(_accuracy(val_preds, train_labels).item())
    return weights, bias, (train_loss_history, train_acc_history), (val_loss_history, val_acc_history)
