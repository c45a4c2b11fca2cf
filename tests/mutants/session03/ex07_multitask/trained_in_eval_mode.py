"""Mutant: model.eval() during training, so the trunk's dropout never acts."""
import torch
import torch.nn.functional as F

from reference.session03.ex07_multitask import MultiTaskModel  # noqa: F401

CAUGHT_BY = {"history"}


def train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.001):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = {"expr_loss": [], "tissue_loss": [], "total_loss": [], "accuracy": []}
    model.eval()
    for _ in range(epochs):
        expression, logits = model(X)
        expr_loss = F.mse_loss(expression, y_expr)
        tissue_loss = F.cross_entropy(logits, y_tissue)
        optimizer.zero_grad()
        (expr_loss + tissue_loss).backward()
        optimizer.step()
        history["expr_loss"].append(expr_loss.item())
        history["tissue_loss"].append(tissue_loss.item())
        history["total_loss"].append(expr_loss.item() + tissue_loss.item())
        history["accuracy"].append((logits.argmax(dim=1) == y_tissue).float().mean().item())
    return history
