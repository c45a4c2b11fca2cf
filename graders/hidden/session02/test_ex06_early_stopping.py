"""Hidden graders: session 2, exercise 6. Never released to students."""
import torch

from coursekit import checks as ck
from coursekit.data.session02 import variant_dataset

CURVE_HINT = ("start from (0.1 * torch.randn(n_columns)).requires_grad_() and a zero bias, Adam at the "
              "learning rate; per epoch: training loss, zero_grad, backward, step, then the validation "
              "loss under no_grad")


def _halves(seed, power=1):
    """Rows 0-29 train, rows 30-229 validate; columns x^1 .. x^power."""
    scores, calls = variant_dataset(n=230, seed=seed)
    wide = torch.hstack([scores.pow(p) for p in range(1, power + 1)])
    return wide[:30], calls[:30], wide[30:], calls[30:]


def _guide_bce(x, y, params):
    """The course guide's formula, probabilities clamped to [1e-7, 1 - 1e-7]."""
    p = torch.sigmoid(x.matmul(params[0]) + params[1]).clamp(1e-7, 1 - 1e-7)
    return torch.mean(-(y * torch.log(p) + (1 - y) * torch.log(1 - p)))


def _trusted_training(x_tr, y_tr, x_va, y_va, epochs, lr, patience=None):
    """Adam on logistic regression; with a patience, the early-stopping loop.

    Returns (train curve, validation curve, epochs run, [weights, bias] of the best epoch).
    """
    params = [(torch.randn(x_tr.shape[1]) * 0.1).requires_grad_(), torch.zeros(1).requires_grad_()]
    adam = torch.optim.Adam(params, lr=lr)
    tr_curve, va_curve = [], []
    lowest, kept, waited = None, None, 0
    while len(va_curve) < epochs:
        adam.zero_grad()
        objective = _guide_bce(x_tr, y_tr, params)
        tr_curve.append(objective.item())
        objective.backward()
        adam.step()
        with torch.no_grad():
            va_curve.append(float(_guide_bce(x_va, y_va, params)))
        if lowest is None or va_curve[-1] < lowest:
            lowest, kept, waited = va_curve[-1], [t.detach().clone() for t in params], 0
        else:
            waited += 1
            if patience is not None and waited == patience:
                break
    return tr_curve, va_curve, len(va_curve), kept


def test_capacity_trajectory(sol):
    runs = ((8, {}, 1, 200, 0.1),
            (8, {"n_params_multiplier": 6}, 6, 200, 0.1),
            (9, {"n_params_multiplier": 3, "epochs": 120, "learning_rate": 0.05}, 3, 120, 0.05),
            (9, {"n_params_multiplier": 4, "epochs": 60, "learning_rate": 0.2}, 4, 60, 0.2))
    for seed, kwargs, power, epochs, lr in runs:
        what = f"train_with_capacity_control(<split {seed}>" + "".join(
            f", {key}={value}" for key, value in kwargs.items()) + ")"
        found = ck.seeded_training(50 + seed, sol.train_with_capacity_control, *_halves(seed), **kwargs)
        tr_curve, va_curve, _, _ = ck.seeded(50 + seed, _trusted_training, *_halves(seed, power), epochs, lr)
        ck.expect(isinstance(found, (tuple, list)) and len(found) == 2,
                  f"{what} to return (train_losses, val_losses)", repr(found)[:200], "return both lists")
        for name, mine, trusted in (("train_losses", found[0], tr_curve), ("val_losses", found[1], va_curve)):
            ck.expect_float_list(mine, epochs, f"{what}: {name}")
            ck.expect_close(mine, trusted, f"{what}: {name}, epoch by epoch",
                            CURVE_HINT + f"; the features [x, x**2, ..., x**{power}]")


def test_early_stopping_trajectory(sol):
    runs = ((11, 6, {}, 200, 0.1, 10),
            (13, 6, {"epochs": 150, "patience": 5, "learning_rate": 0.05}, 150, 0.05, 5),
            (10, 1, {"epochs": 80, "patience": 4, "learning_rate": 0.3}, 80, 0.3, 4),
            (13, 3, {"patience": 40}, 200, 0.1, 40),
            (12, 1, {"epochs": 30}, 30, 0.1, 10))
    for seed, power, kwargs, epochs, lr, patience in runs:
        what = f"train_with_early_stopping(<split {seed}, powers 1..{power}>" + "".join(
            f", {key}={value}" for key, value in kwargs.items()) + ")"
        data = _halves(seed, power)
        found = ck.seeded_training(70 + seed, sol.train_with_early_stopping, *data, **kwargs)
        tr_curve, va_curve, ran, kept = ck.seeded(70 + seed, _trusted_training, *data, epochs, lr, patience)
        ck.expect(isinstance(found, (tuple, list)) and len(found) == 5,
                  f"{what} to return (best_weights, best_bias, train_losses, val_losses, stopped_epoch)",
                  repr(found)[:200], "return the five values")
        ck.expect(found[4] == ran, f"{what}: stopped_epoch {ran}", repr(found[4])[:80],
                  "stop once the epochs without a strict improvement reach patience")
        for name, mine, trusted in (("train_losses", found[2], tr_curve), ("val_losses", found[3], va_curve)):
            ck.expect_float_list(mine, ran, f"{what}: {name}")
            ck.expect_close(mine, trusted, f"{what}: {name}, epoch by epoch", CURVE_HINT)
        for name, mine, trusted in (("best_weights", found[0], kept[0]), ("best_bias", found[1], kept[1])):
            ck.expect_tensor(mine, f"{what}: {name}", tuple(trusted.shape))
            ck.expect_close(mine.detach(), trusted, f"{what}: {name}",
                            "keep .detach().clone() copies at each strict improvement and return them")
