"""Mutant: the accuracy is stored as a 0-d tensor instead of a Python float."""
import torch
import torch.nn.functional as F

from reference.session03.ex07_multitask import MultiTaskModel  # noqa: F401

CAUGHT_BY = {"history", "train_trajectory"}


def train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.001):
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
        history["accuracy"].append((logits.argmax(dim=1) == y_tissue).float().mean())
    return history
