"""Correct, written another way: the trunk and heads are small custom modules using F.relu
and F.dropout(training=self.training); the tissue head is built first (other init order);
squeeze() on the expression; model.train() once before the loop; the accuracy as a
count of hits over N."""
import torch
import torch.nn.functional as F
from torch import nn


class Trunk(nn.Module):
    def __init__(self, n_in, hidden):
        super().__init__()
        self.inner = nn.Linear(n_in, hidden)
        self.outer = nn.Linear(hidden, hidden // 2)

    def forward(self, x):
        x = F.dropout(F.relu(self.inner(x)), p=0.3, training=self.training)
        return F.relu(self.outer(x))


class Head(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.hidden = nn.Linear(n_in, 20)
        self.out = nn.Linear(20, n_out)

    def forward(self, z):
        return self.out(F.relu(self.hidden(z)))


class MultiTaskModel(nn.Module):
    def __init__(self, input_size, hidden_size, n_tissues):
        super().__init__()
        self.tissue_head = Head(hidden_size // 2, n_tissues)
        self.shared = Trunk(input_size, hidden_size)
        self.expression_head = Head(hidden_size // 2, 1)

    def forward(self, x):
        z = self.shared(x)
        return self.expression_head(z).squeeze(), self.tissue_head(z)


def train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.001):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    names = ("expr_loss", "tissue_loss", "total_loss", "accuracy")
    history = {name: [] for name in names}
    model.train()
    for _ in range(epochs):
        expr_pred, tissue_logits = model(X)
        losses = [F.mse_loss(expr_pred, y_expr), F.cross_entropy(tissue_logits, y_tissue)]
        total = losses[0] + losses[1]
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
        hits = int((tissue_logits.argmax(dim=-1) == y_tissue).sum())
        for name, value in zip(names, (*losses, total)):
            history[name].append(value.item())
        history["accuracy"].append(hits / len(y_tissue))
    return history
