"""Correct, written another way: OrderedDict Sequentials, nn.MSELoss/nn.CrossEntropyLoss
modules, view(-1) instead of squeeze, accuracy from eq().sum()/N."""
from collections import OrderedDict

import torch
from torch import nn


class MultiTaskModel(nn.Module):
    def __init__(self, input_size, hidden_size, n_tissues):
        super().__init__()
        half = hidden_size // 2
        self.shared = nn.Sequential(OrderedDict([
            ("fc1", nn.Linear(input_size, hidden_size)), ("act1", nn.ReLU()),
            ("drop", nn.Dropout(p=0.3)), ("fc2", nn.Linear(hidden_size, half)), ("act2", nn.ReLU())]))
        self.expression_head = nn.Sequential(nn.Linear(half, 20), nn.ReLU(), nn.Linear(20, 1))
        self.tissue_head = nn.Sequential(nn.Linear(half, 20), nn.ReLU(), nn.Linear(20, n_tissues))

    def forward(self, x):
        z = self.shared(x)
        return self.expression_head(z).view(-1), self.tissue_head(z)


def train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.001):
    mse, ce = nn.MSELoss(), nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    out = {"expr_loss": [], "tissue_loss": [], "total_loss": [], "accuracy": []}
    n = len(y_tissue)
    for _ in range(epochs):
        model.train()
        opt.zero_grad()
        pred_expr, pred_tissue = model(X)
        l_expr, l_tissue = mse(pred_expr, y_expr), ce(pred_tissue, y_tissue)
        loss = l_expr + l_tissue
        loss.backward()
        opt.step()
        out["expr_loss"].append(float(l_expr.detach()))
        out["tissue_loss"].append(float(l_tissue.detach()))
        out["total_loss"].append(float(loss.detach()))
        out["accuracy"].append(pred_tissue.argmax(1).eq(y_tissue).sum().item() / n)
    return out
