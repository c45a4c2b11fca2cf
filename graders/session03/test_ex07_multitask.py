"""Graders: session 3, exercise 7 (MultiTaskModel, train_multitask)."""
import copy

import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session03 import multitask_expression

SIZES = [((20, 64, 3), 4_828), ((8, 16, 5), 766)]
KEYS = ("expr_loss", "tissue_loss", "total_loss", "accuracy")


def _model(sol, sizes, seed=0):
    return ck.build_model(sol.MultiTaskModel, *sizes, seed=seed, what=f"MultiTaskModel{sizes}")


def _part(model, name):
    part = getattr(model, name, None)
    ck.expect(isinstance(part, nn.Module), f"an nn.Module attribute `{name}`",
              type(part).__name__, "define shared, expression_head and tissue_head in __init__")
    return part


def _linears(part, sizes, name):
    """The part's Linear layers of ``sizes`` [(in, out), ...], returned in that order."""
    linears = {(m.in_features, m.out_features): m for m in part.modules() if isinstance(m, nn.Linear)}
    found = [(m.in_features, m.out_features) for m in part.modules() if isinstance(m, nn.Linear)]
    ck.expect(sorted(found) == sorted(sizes), f"{name} with Linear layers {sizes}", f"{found}",
              "follow the layer list of the spec")
    return [linears[size] for size in sizes]


def _outputs(model, x, n, n_tissues):
    out = model(x)
    ck.expect(isinstance(out, tuple) and len(out) == 2, "forward to return (expression, tissue_logits)",
              type(out).__name__, "return a tuple of two tensors")
    ck.expect_tensor(out[0], "expression", (n,))
    ck.expect_tensor(out[1], "tissue_logits", (n, n_tissues))
    return out


class _Probe(nn.Module):
    """A dropout-free two-headed model of the grader's own, to judge train_multitask alone."""

    def __init__(self, n_features=6, n_tissues=3):
        super().__init__()
        self.trunk = nn.Linear(n_features, 12)
        self.expr = nn.Linear(12, 1)
        self.tissue = nn.Linear(12, n_tissues)

    def forward(self, x):
        h = torch.tanh(self.trunk(x))
        return self.expr(h).squeeze(-1), self.tissue(h)


def _probe_data(seed=8):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(64, 6, generator=g)
    return X, X[:, 0] - X[:, 1], (X[:, 2] > 0).long() + (X[:, 3] > 0.5).long()


def test_architecture(sol):
    for sizes, _ in SIZES:
        model = _model(sol, sizes)
        for name in ("shared", "expression_head", "tissue_head"):
            _part(model, name)
        _outputs(model.eval(), torch.randn(10, sizes[0]), 10, sizes[2])


def test_param_count(sol):
    for sizes, count in SIZES:
        ck.expect_param_count(_model(sol, sizes), count, f"MultiTaskModel{sizes}")


def test_heads(sol):
    for (n_in, h, n_t), _ in SIZES:
        model = _model(sol, (n_in, h, n_t)).eval()
        trunk = _linears(_part(model, "shared"), [(n_in, h), (h, h // 2)], "shared")
        expr_head = _linears(_part(model, "expression_head"), [(h // 2, 20), (20, 1)], "expression_head")
        tissue_head = _linears(_part(model, "tissue_head"), [(h // 2, 20), (20, n_t)], "tissue_head")
        x = torch.randn(32, n_in)
        with torch.no_grad():
            expression, logits = _outputs(model, x, 32, n_t)
            features = F.relu(trunk[1](F.relu(trunk[0](x))))
            want_expr = expr_head[1](F.relu(expr_head[0](features))).squeeze(-1)
            want_logits = tissue_head[1](F.relu(tissue_head[0](features)))
        ck.expect_close(expression, want_expr, "eval-mode expression",
                        "expression_head(shared(x)) squeezed to [N]")
        ck.expect_close(logits, want_logits, "eval-mode tissue logits",
                        "tissue_head(shared(x)): raw logits, no softmax")
    model = _model(sol, (20, 64, 3)).eval()
    groups = {n: list(_part(model, n).parameters()) for n in ("shared", "expression_head", "tissue_head")}
    for index, own, other in [(0, "expression_head", "tissue_head"), (1, "tissue_head", "expression_head")]:
        model.zero_grad()
        model(torch.randn(16, 20))[index].sum().backward()
        reached = {n: any(p.grad is not None and p.grad.abs().sum() > 0 for p in ps)
                   for n, ps in groups.items()}
        ck.expect(reached["shared"] and reached[own] and not reached[other],
                  f"output {index} to train shared and {own}, not {other}",
                  f"gradients reach: {sorted(n for n, r in reached.items() if r)}",
                  "both heads read the shared features; each output comes from its own head")


def test_dropout_in_shared(sol):
    n_in, h = 20, 64
    model = _model(sol, (n_in, h, 3))
    trunk = _linears(_part(model, "shared"), [(n_in, h), (h, h // 2)], "shared")
    seen = []
    handle = trunk[1].register_forward_pre_hook(lambda m, args: seen.append(args[0].detach().clone()))
    x = torch.randn(400, n_in)
    try:
        with torch.no_grad():
            model.train()(x)
            model.eval()
            first, second = model(x), model(x)
    finally:
        handle.remove()
    ck.expect(len(seen) == 3, "one pass through shared per forward", f"{len(seen)} for 3 forwards",
              "compute features = self.shared(x) once in forward; both heads read them")
    dropped, clean = seen[0], seen[1]
    ck.expect_close(clean, F.relu(trunk[0](x)), "eval-mode input of shared's second Linear",
                    "shared is Linear, ReLU, Dropout(0.3), Linear, ReLU")
    kept = dropped != 0
    ck.expect_close(dropped[kept], clean[kept] / 0.7, "train mode: kept values scaled by 1/(1 - 0.3)",
                    "nn.Dropout(0.3) after the first ReLU of shared")
    positive = clean > 0
    fraction = (~kept & positive).sum().item() / max(positive.sum().item(), 1)
    ck.expect(0.25 < fraction < 0.35, "between 25% and 35% of the positive values dropped in train mode",
              f"{fraction:.1%}", "nn.Dropout(0.3) after the first ReLU of shared")
    ck.expect(all(torch.equal(a, b) for a, b in zip(first, second)), "eval mode deterministic",
              "two different outputs", "use nn.Dropout, which model.eval() switches off")


def test_history(sol):
    X, y_expr, y_tissue = _probe_data()
    model = _Probe()
    untrained = copy.deepcopy(model)
    with ck.record_modes(model) as calls:
        history = sol.train_multitask(model, X, y_expr, y_tissue, epochs=5, lr=0.01)
    ck.expect(isinstance(history, dict) and set(KEYS) <= set(history),
              f"a dict with keys {list(KEYS)}",
              f"{sorted(history) if isinstance(history, dict) else type(history).__name__}",
              "return the history dict")
    for key in KEYS:
        ck.expect_float_list(history[key], 5, f"history[{key!r}]")
    ck.expect_close(history["total_loss"], [a + b for a, b in zip(history["expr_loss"],
                                                                  history["tissue_loss"])],
                    "total_loss = expr_loss + tissue_loss", "add the two losses, unweighted")
    ck.expect(all(0 <= a <= 1 for a in history["accuracy"]), "accuracy within [0, 1]",
              str(history["accuracy"]), "accuracy = fraction of correct argmax predictions")
    ck.expect(sum(1 for c in calls if c[1] and c[2]) >= 5, "a train-mode forward with gradients per epoch",
              f"calls (batch, train mode, grad): {calls}", "call model.train() before the forward pass")
    with torch.no_grad():
        expression, logits = untrained(X)
        first = {"expr_loss": F.mse_loss(expression, y_expr).item(),
                 "tissue_loss": F.cross_entropy(logits, y_tissue).item(),
                 "accuracy": (logits.argmax(dim=1) == y_tissue).float().mean().item()}
    for key, value in first.items():
        ck.expect_close(history[key][0], value, f"history[{key!r}][0] (the untrained model)",
                        "MSE for expression, cross-entropy on raw logits, both from the forward "
                        "pass made before optimizer.step()")


def test_learns(sol):
    X, y_expr, y_tissue = multitask_expression()
    model = _model(sol, (20, 64, 3), seed=1)
    history = sol.train_multitask(model, X[:400], y_expr[:400], y_tissue[:400], epochs=100, lr=0.01)
    ck.expect(isinstance(history, dict) and "total_loss" in history, "the history dict",
              type(history).__name__, "return the history dict")
    ck.expect_loss_falls(history["total_loss"], 8, "the total loss")
    model.eval()
    with torch.no_grad():
        expression, logits = model(X[400:])
    accuracy = (logits.argmax(dim=1) == y_tissue[400:]).float().mean().item()
    mse = F.mse_loss(expression, y_expr[400:]).item()
    ck.expect(accuracy >= 0.75, "held-out tissue accuracy >= 0.75", f"{accuracy:.3f}",
              "check both losses and the training loop")
    ck.expect(mse < 5, "held-out expression MSE < 5", f"{mse:.3f}", "check both losses and the training loop")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _model(sol, (20, 64, 3)), torch.randn(8, 20), "MultiTaskModel(20, 64, 3)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _model(sol, (20, 64, 3)), torch.randn(16, 20), "MultiTaskModel(20, 64, 3)")
