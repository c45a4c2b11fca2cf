"""Hidden graders: session 3, exercise 2. Never released to students."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from graders.hidden.trusted import expect_same_training


def _fit_with_validation(model, X_train, y_train, X_val, y_val, epochs, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = ([], [], [], [])
    for _ in range(epochs):
        model.train()
        p = model(X_train)
        loss = F.binary_cross_entropy(p, y_train)
        opt.zero_grad()
        loss.backward()
        opt.step()
        model.eval()
        with torch.no_grad():
            q = model(X_val)
            for values, value in zip(history, [
                    loss.item(), F.binary_cross_entropy(q, y_val).item(),
                    ((p > 0.5).float() == y_train).float().mean().item(),
                    ((q > 0.5).float() == y_val).float().mean().item()]):
                values.append(value)
    return history


HINT = ("BCELoss, one Adam optimizer, zero_grad/backward/step per epoch; training metrics from "
        "the pass before the step; validation after it, in eval mode")


def _compare(found, trusted):
    ck.expect(isinstance(found, (tuple, list)) and len(found) == 4, "four lists", type(found).__name__,
              "return (train_losses, val_losses, train_accs, val_accs)")
    for name, mine, theirs in zip(["train_losses", "val_losses", "train_accs", "val_accs"],
                                  found, trusted):
        ck.expect_float_list(mine, len(theirs), name)
        ck.expect_close(mine, theirs, f"{name}, epoch by epoch", HINT)


def test_train_trajectory(sol):
    g = torch.Generator().manual_seed(9)
    X = torch.randn(90, 12, generator=g)
    y = (X[:, :3].sum(dim=1) > 0).float()
    torch.manual_seed(4)
    model = nn.Sequential(nn.Linear(12, 10), nn.ReLU(), nn.Linear(10, 1), nn.Sigmoid(), nn.Flatten(0))
    expect_same_training(sol.train_with_validation, _fit_with_validation, model,
                         (X[:60], y[:60], X[60:], y[60:], 15, 0.01), "train_with_validation",
                         HINT, compare=_compare)
    expect_same_training(lambda m, *data: sol.train_with_validation(m, *data),
                         lambda m, *data: _fit_with_validation(m, *data, 100, 0.001), model,
                         (X[:60], y[:60], X[60:], y[60:]),
                         "train_with_validation with the defaults (100 epochs, lr=0.001)",
                         HINT, compare=_compare)
