"""Hidden graders: session 3, exercise 7. Never released to students."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from graders.hidden.trusted import expect_same_training

HISTORY_KEYS = ["expr_loss", "tissue_loss", "total_loss", "accuracy"]


def _fit_multitask(model, X, y_expr, y_tissue, epochs, lr):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = {key: [] for key in HISTORY_KEYS}
    for _ in range(epochs):
        model.train()
        expression, logits = model(X)
        expr_loss = F.mse_loss(expression, y_expr)
        tissue_loss = F.cross_entropy(logits, y_tissue)
        opt.zero_grad()
        (expr_loss + tissue_loss).backward()
        opt.step()
        for key, value in zip(HISTORY_KEYS, (expr_loss.item(), tissue_loss.item(),
                                     expr_loss.item() + tissue_loss.item(),
                                     (logits.argmax(dim=1) == y_tissue).float().mean().item())):
            history[key].append(value)
    return history


class _TwoHeads(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(7, 10), nn.ReLU())
        self.regress = nn.Linear(10, 1)
        self.classify = nn.Linear(10, 4)

    def forward(self, x):
        z = self.body(x)
        return self.regress(z)[:, 0], self.classify(z)


HINT = ("MSE + cross-entropy, unweighted; one Adam optimizer; zero_grad/backward/step every "
        "epoch; values from the forward pass before the step")


def _compare(found, trusted):
    ck.expect(isinstance(found, dict), "a dict of lists", type(found).__name__, "return the history")
    for key in HISTORY_KEYS:
        ck.expect(key in found, f"the key {key!r}", f"keys {sorted(found)}",
                  "keys 'expr_loss', 'tissue_loss', 'total_loss', 'accuracy'")
        ck.expect_float_list(found[key], len(trusted[key]), f"history[{key!r}]")
        ck.expect_close(found[key], trusted[key], f"history[{key!r}], epoch by epoch", HINT)


def test_train_trajectory(sol):
    g = torch.Generator().manual_seed(12)
    X = torch.randn(50, 7, generator=g)
    y_expr = X[:, 0] * 2 - X[:, 1]
    y_tissue = torch.randint(0, 4, (50,), generator=g)
    torch.manual_seed(6)
    model = _TwoHeads()
    expect_same_training(sol.train_multitask, _fit_multitask, model, (X, y_expr, y_tissue, 12, 0.02),
                         "train_multitask", HINT, compare=_compare)
    expect_same_training(lambda m, *data: sol.train_multitask(m, *data),
                         lambda m, *data: _fit_multitask(m, *data, 100, 0.001), model,
                         (X, y_expr, y_tissue), "train_multitask with the defaults (100 epochs, "
                         "lr=0.001)", HINT, compare=_compare)
