"""Graders: session 2, exercise 6 (train_with_capacity_control, train_with_early_stopping,
train_with_checkpoints)."""
import contextlib
import itertools
import os
import tempfile
from pathlib import Path

import torch
import torch.nn.functional as F

from coursekit import checks as ck
from coursekit.data.session02 import variant_dataset

N_TRAIN = 30
START_HINT = ("draw weights = (0.1 * torch.randn(n_columns)).requires_grad_() and "
              "bias = torch.zeros(1, requires_grad=True); don't seed inside the function")
EPOCH_HINT = ("each epoch: the training loss (recorded), zero_grad(), backward(), Adam's step, then the "
              "validation loss of the stepped weights under torch.no_grad() (recorded)")
STOP_HINT = ("an improvement is val_loss < best_val_loss (strictly); count the epochs since the last "
             "improvement and stop as soon as that count reaches patience (count >= patience)")
BEST_HINT = ("on each improvement keep weights.detach().clone() and bias.detach().clone(); a reference "
             "or weights.detach() alone shares memory with the tensors Adam keeps changing")
CKPT_KEYS = ("weights", "bias", "optimizer", "epoch", "loss_history")


def _powers(x, k):
    """The columns x, x**2, ..., x**k, power by power (d columns per power)."""
    exponents = torch.arange(1, k + 1, dtype=x.dtype).view(1, k, 1)
    return (x.unsqueeze(1) ** exponents).reshape(x.shape[0], k * x.shape[1])


def _split(seed, k=1):
    """variant_dataset(n=230, seed): the first 30 rows train, the other 200 validate."""
    features, labels = variant_dataset(n=N_TRAIN + 200, seed=seed)
    features = _powers(features, k)
    return features[:N_TRAIN], labels[:N_TRAIN], features[N_TRAIN:], labels[N_TRAIN:]


def _loss(x, y, w, b):
    """Mean binary cross-entropy from the logits."""
    return F.binary_cross_entropy_with_logits(torch.addmv(b.expand(x.shape[0]), x, w), y)


def _adam_run(x_train, y_train, x_val, y_val, epochs, lr):
    """Trusted: every epoch's losses and the parameters after its step (no stopping)."""
    w = torch.mul(torch.randn(x_train.shape[1]), 0.1).requires_grad_(True)
    b = torch.zeros(1).requires_grad_(True)
    adam = torch.optim.Adam([w, b], lr=lr)
    curve_train, curve_val, after = [], [], []
    for _ in itertools.repeat(None, epochs):
        adam.zero_grad(set_to_none=True)
        objective = _loss(x_train, y_train, w, b)
        curve_train.append(objective.item())
        objective.backward()
        adam.step()
        with torch.no_grad():
            curve_val.append(_loss(x_val, y_val, w, b).item())
        after.append((w.detach().clone(), b.detach().clone()))
    return curve_train, curve_val, after


def _rule(val_curve, patience, epochs):
    """(epochs the rule runs, best epoch) for a run whose validation losses begin with val_curve."""
    for count in range(1, len(val_curve) + 1):
        seen = val_curve[:count]
        best_at = seen.index(min(seen))  # the first of equal minima
        if count - 1 - best_at >= patience:
            return count, best_at
    return epochs, val_curve.index(min(val_curve)) if val_curve else None


# (data seed, power k, keyword arguments shown to the student function, epochs, patience, lr, start seed)
STOP_RUNS = (
    (3, 6, {}, 200, 10, 0.1, 20),
    (4, 6, {"patience": 25, "learning_rate": 0.05}, 200, 25, 0.05, 21),
    (5, 1, {"epochs": 12, "patience": 3, "learning_rate": 0.0}, 12, 3, 0.0, 22),
    (5, 1, {"patience": 500}, 200, 500, 0.1, 23),
)
BEST_RUNS = (STOP_RUNS[0], STOP_RUNS[1], STOP_RUNS[3],
             (6, 6, {"epochs": 100, "patience": 1000}, 100, 1000, 0.1, 24))


def _size(value):
    return f"{type(value).__name__} of {len(value)}" if isinstance(value, list) else type(value).__name__


def _describe(call, kwargs, k):
    data = "powers 1..6 of a split" if k == 6 else "a split"
    return f"{call}(<{data}>{''.join(f', {key}={value}' for key, value in kwargs.items())})"


def _stopping_result(result, what):
    ck.expect(isinstance(result, (list, tuple)) and len(result) == 5,
              f"{what} to return five values: best_weights, best_bias, train_losses, val_losses, "
              f"stopped_epoch", repr(result)[:200], "return a tuple of these five, in this order")
    return result


def _stopping_case(sol, case):
    seed, k, kwargs, epochs, patience, lr, start = case
    data = _split(seed, k)
    what = _describe("train_with_early_stopping", kwargs, k)
    found = _stopping_result(ck.seeded_training(start, sol.train_with_early_stopping, *data, **kwargs), what)
    trusted = ck.seeded(start, _adam_run, *data, epochs, lr)
    return what, found, trusted, patience


def test_capacity(sol):
    data = _split(1)
    for kwargs, k, epochs, lr, start in (({}, 1, 200, 0.1, 3),
                                         ({"n_params_multiplier": 2, "epochs": 4, "learning_rate": 0.05},
                                          2, 4, 0.05, 4),
                                         ({"n_params_multiplier": 3, "epochs": 2}, 3, 2, 0.1, 5)):
        what = f"train_with_capacity_control(<a split>{''.join(f', {a}={v}' for a, v in kwargs.items())})"
        found = ck.seeded_training(start, sol.train_with_capacity_control, *data, **kwargs)
        ck.expect(isinstance(found, (list, tuple)) and len(found) == 2,
                  f"{what} to return (train_losses, val_losses)", repr(found)[:200],
                  "return the two lists, training first")
        ck.expect_float_list(found[0], epochs, f"{what}: train_losses")
        ck.expect_float_list(found[1], epochs, f"{what}: val_losses")
        x_train, y_train, x_val, y_val = (_powers(t, k) if t.dim() == 2 else t for t in data)
        w0 = ck.seeded(start, torch.randn, 5 * k) * 0.1
        w, b = w0.clone().requires_grad_(True), torch.zeros(1, requires_grad=True)
        first = _loss(x_train, y_train, w, b)
        ck.expect_close(found[0][0], first.item(), f"{what}: train_losses[0], the loss of the start on "
                        f"[x, ..., x**{k}] ({5 * k} weights)",
                        START_HINT + f"; the features are torch.cat([x ** 1, ..., x ** {k}], dim=1)")
        # Adam's first step: both running averages hold only this gradient, so m / sqrt(v) = g / |g|
        grad_w, grad_b = torch.autograd.grad(first, (w, b))
        w1 = w0 - lr * grad_w / (grad_w.abs() + 1e-8)
        b1 = -lr * grad_b / (grad_b.abs() + 1e-8)
        ck.expect_close([found[0][1], found[1][0]], [_loss(x_train, y_train, w1, b1).item(),
                                                     _loss(x_val, y_val, w1, b1).item()],
                        f"{what}: [train_losses[1], val_losses[0]], the losses after Adam's first step "
                        f"(learning rate {lr})", EPOCH_HINT + "; Adam(lr=learning_rate), 0.1 by default")


def test_overfitting_gap(sol):
    finals = {1: [], 6: []}
    for seed in (0, 1, 2):
        data = _split(seed)
        for k, kwargs in ((1, {}), (6, {"n_params_multiplier": 6})):
            what = f"train_with_capacity_control(<split {seed}>{', n_params_multiplier=6' if kwargs else ''})"
            found = ck.seeded_training(10 + seed, sol.train_with_capacity_control, *data, **kwargs)
            ck.expect(isinstance(found, (list, tuple)) and len(found) == 2,
                      f"{what} to return (train_losses, val_losses)", repr(found)[:200],
                      "return the two lists, training first")
            for name, curve in zip(("train_losses", "val_losses"), found):
                ck.expect_float_list(curve, 200, f"{what}: {name}")
            finals[k].append((found[0][-1], found[1][-1] - found[0][-1]))
    mean_train = {k: sum(t for t, _ in v) / 3 for k, v in finals.items()}
    mean_gap = {k: sum(g for _, g in v) / 3 for k, v in finals.items()}
    ck.expect(mean_train[6] <= 0.8 * mean_train[1],
              f"with n_params_multiplier=6 a final training loss at most 0.8 x that with 1 "
              f"(mean over 3 splits: <= {0.8 * mean_train[1]:.4f})",
              f"{mean_train[6]:.4f} (with 1: {mean_train[1]:.4f})",
              "the features for k are [x, x**2, ..., x**k], all the powers, so that the model has 5 * k "
              "weights to fit the 30 training variants with")
    ck.expect(mean_gap[6] >= mean_gap[1] + 0.06,
              f"with n_params_multiplier=6 a final validation-minus-training gap wider by at least 0.06 "
              f"than with 1 (mean over 3 splits: >= {mean_gap[1] + 0.06:.4f})",
              f"{mean_gap[6]:.4f} (with 1: {mean_gap[1]:.4f})",
              "expand the validation features exactly like the training ones and train 200 epochs at "
              "learning rate 0.1 by default")


def test_stops_after_patience(sol):
    for case in STOP_RUNS:
        what, found, (trusted_train, trusted_val, _), patience = _stopping_case(sol, case)
        _, _, train_curve, val_curve, stopped = found
        epochs = len(trusted_val)
        ck.expect(type(stopped) is int, f"{what}: stopped_epoch as an int", type(stopped).__name__,
                  "return len(val_losses), the number of epochs run")
        ck.expect(isinstance(val_curve, list) and isinstance(train_curve, list)
                  and 1 <= len(val_curve) <= epochs and len(train_curve) == len(val_curve) == stopped,
                  f"{what}: stopped_epoch == len(val_losses) == len(train_losses), between 1 and {epochs}",
                  f"stopped_epoch={stopped}, val_losses {_size(val_curve)}, "
                  f"train_losses {_size(train_curve)}",
                  "append one training and one validation loss per epoch run and return len(val_losses)")
        ck.expect_float_list(val_curve, stopped, f"{what}: val_losses")
        ck.expect_float_list(train_curve, stopped, f"{what}: train_losses")
        ck.expect_close(val_curve, trusted_val[:stopped], f"{what}: val_losses, epoch by epoch", EPOCH_HINT)
        ck.expect_close(train_curve, trusted_train[:stopped], f"{what}: train_losses, epoch by epoch",
                        EPOCH_HINT)
        runs, best = _rule(val_curve, patience, epochs)
        if runs < epochs:
            expected = f"{runs} epochs: the best epoch is {best}, then {patience} epochs without improvement"
        else:
            expected = f"all {epochs} epochs (the validation loss never goes {patience} epochs without a " \
                "strict improvement)"
        late = " (one epoch late: stop as soon as the count reaches patience, count >= patience)" \
            if stopped == runs + 1 else ""
        ck.expect(stopped == runs, f"{what}: by its own val_losses, a run of {expected}",
                  f"{stopped} epochs{late}", STOP_HINT)


def test_best_weights_restored(sol):
    for case in BEST_RUNS:
        what, found, (_, trusted_val, after), patience = _stopping_case(sol, case)
        best_w, best_b, _, val_curve, _ = found
        d = after[0][0].shape[0]
        for name, value, shape in (("best_weights", best_w, (d,)), ("best_bias", best_b, (1,))):
            ck.expect_tensor(value, f"{what}: {name}", shape)
        ck.expect(isinstance(val_curve, list) and 1 <= len(val_curve) <= len(trusted_val),
                  f"{what}: val_losses, a list of 1 to {len(trusted_val)} losses", repr(val_curve)[:120],
                  "append one validation loss per epoch run")
        ck.expect_close(val_curve, trusted_val[:len(val_curve)], f"{what}: val_losses, epoch by epoch",
                        EPOCH_HINT)
        best = val_curve.index(min(val_curve))
        hint = BEST_HINT + "; return the copies kept at the best epoch, not the live tensors"
        if len(val_curve) == len(trusted_val):
            hint += " (also when the run uses up all its epochs)"
        ck.expect_close(best_w.detach(), after[best][0],
                        f"{what}: best_weights, the weights right after the step of the best epoch {best} "
                        f"(of {len(val_curve)} run)", hint)
        ck.expect_close(best_b.detach(), after[best][1], f"{what}: best_bias at the best epoch {best}", hint)


@contextlib.contextmanager
def _empty_folder():
    """Run inside a fresh, empty working folder; yields its path."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            yield Path(folder)
        finally:
            os.chdir(here)


def _fit(result, epochs, what):
    ck.expect(isinstance(result, (list, tuple)) and len(result) == 3,
              f"{what} to return weights, bias and loss_history", repr(result)[:200],
              "return the tuple (weights, bias, loss_history)")
    ck.expect_float_list(result[2], epochs, f"{what}: loss_history")
    for name, value in zip(("weights", "bias"), result[:2]):
        ck.expect(isinstance(value, torch.Tensor), f"{what}: {name} as a tensor", type(value).__name__,
                  "return the trained tensors")
    return result


def _trusted_fit(x, y, epochs, lr):
    """Trusted training-only run: (weights, bias, losses, Adam's state dict)."""
    w = torch.mul(torch.randn(x.shape[1]), 0.1).requires_grad_(True)
    b = torch.zeros(1).requires_grad_(True)
    adam = torch.optim.Adam([w, b], lr=lr)
    curve = []
    for _ in itertools.repeat(None, epochs):
        adam.zero_grad(set_to_none=True)
        objective = _loss(x, y, w, b)
        curve.append(objective.item())
        objective.backward()
        adam.step()
    return w.detach(), b.detach(), curve, adam.state_dict()


def test_checkpoint_contents(sol):
    x, y = variant_dataset(n=120, seed=7)
    for kwargs, epochs, lr, start in (({}, 100, 0.1, 30),
                                      ({"epochs": 7, "learning_rate": 0.05}, 7, 0.05, 31)):
        shown = "".join(f", {a}={v}" for a, v in kwargs.items())
        what = f"train_with_checkpoints(features, labels{shown}, checkpoint_path=...)"
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "variants.pt")
            found = _fit(ck.seeded_training(start, sol.train_with_checkpoints, x, y,
                                            checkpoint_path=path, **kwargs), epochs, what)
            ck.expect(os.path.isfile(path), f"{what} to write the checkpoint file", "no file",
                      "torch.save(checkpoint, checkpoint_path) at the end of every epoch")
            saved = torch.load(path, weights_only=False)
        weights, bias, curve, adam = ck.seeded(start, _trusted_fit, x, y, epochs, lr)
        ck.expect(isinstance(saved, dict) and all(key in saved for key in CKPT_KEYS),
                  f"the checkpoint of {what}: a dict with the keys {list(CKPT_KEYS)}",
                  f"keys {list(saved)}" if isinstance(saved, dict) else type(saved).__name__,
                  "save a dict: {'weights': ..., 'bias': ..., 'optimizer': optimizer.state_dict(), "
                  "'epoch': epochs done, 'loss_history': [...]}")
        ck.expect(type(saved["epoch"]) is int and saved["epoch"] == epochs,
                  f"the checkpoint's 'epoch': the int {epochs}, the number of epochs completed",
                  repr(saved["epoch"]), "save epoch + 1 after the epoch numbered epoch (counting from 0)")
        ck.expect_float_list(saved["loss_history"], epochs, "the checkpoint's 'loss_history'")
        hint = START_HINT + "; Adam(lr=learning_rate); each epoch record the loss, zero_grad, backward, step"
        ck.expect_close(found[2], curve, f"{what}: the returned loss_history", hint)
        ck.expect_close(saved["loss_history"], curve, "the checkpoint's 'loss_history'", hint)
        for key, returned, trusted in (("weights", found[0], weights), ("bias", found[1], bias)):
            ck.expect_tensor(saved[key], f"the checkpoint's {key!r}", tuple(trusted.shape))
            ck.expect_close(saved[key], returned.detach(), f"the checkpoint's {key!r} vs the returned {key}",
                            "save the current values after the epoch's step")
            ck.expect_close(saved[key], trusted, f"the checkpoint's {key!r}", hint)
        state = saved["optimizer"]
        ck.expect(isinstance(state, dict) and {"state", "param_groups"} <= set(state),
                  "the checkpoint's 'optimizer': an optimizer state dict (keys 'state', 'param_groups')",
                  type(state).__name__ if not isinstance(state, dict) else f"keys {list(state)}",
                  "save optimizer.state_dict(), not the optimizer object")
        group = state["param_groups"][0] if state["param_groups"] else {}
        ck.expect(len(state["param_groups"]) == 1 and group.get("lr") == lr and group.get("params") == [0, 1]
                  and sorted(state["state"]) == [0, 1],
                  f"the checkpoint's Adam state: one group [weights, bias] at lr {lr}, a state per tensor",
                  f"{len(state['param_groups'])} groups, lr {group.get('lr')}, params {group.get('params')}, "
                  f"state for {sorted(state['state'])}",
                  "torch.optim.Adam([weights, bias], lr=learning_rate)")
        for index, name in enumerate(("weights", "bias")):
            mine, theirs = state["state"][index], adam["state"][index]
            ck.expect(set(theirs) <= set(mine), f"Adam's state for {name} with {sorted(theirs)}",
                      f"{sorted(mine)}", "save optimizer.state_dict() of torch.optim.Adam")
            ck.expect(float(mine["step"]) == epochs, f"Adam's step count for {name}: {epochs}",
                      f"{float(mine['step'])}", "save the optimizer's state after every epoch's step")
            for moment in ("exp_avg", "exp_avg_sq"):
                ck.expect_close(mine[moment], theirs[moment], f"Adam's {moment!r} for {name}", hint)


def test_resume_equals_uninterrupted(sol):
    x, y = variant_dataset(n=120, seed=8)
    for stops, lr, start in (((30, 60), 0.1, 40), ((10, 25, 40), 0.05, 41)):
        extra = {} if lr == 0.1 else {"learning_rate": lr}
        total = stops[-1]
        with _empty_folder() as folder:
            whole = _fit(ck.seeded_training(start, sol.train_with_checkpoints, x, y, epochs=total, **extra),
                         total, f"train_with_checkpoints(features, labels, epochs={total})")
            left = sorted(p.name for p in folder.iterdir())
        ck.expect(not left, f"train_with_checkpoints(..., epochs={total}) without checkpoint_path to write "
                  f"no file", f"it wrote {left}", "the default checkpoint_path is None: save nothing then")
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "resume.pt")
            ck.seeded_training(start, sol.train_with_checkpoints, x, y, epochs=stops[0],
                               checkpoint_path=path, **extra)
            story = f"{stops[0]} epochs with a checkpoint"
            for step, upto in enumerate(stops[1:]):
                story += f", resumed to {upto}"
                resumed = _fit(ck.seeded_training(1000 + step, sol.train_with_checkpoints, x, y, epochs=upto,
                                                  checkpoint_path=path, resume=True, **extra),
                               upto, f"train_with_checkpoints(..., epochs={upto}, resume=True) after {story}")
                saved = torch.load(path, weights_only=False)
                ck.expect(isinstance(saved, dict) and saved.get("epoch") == upto,
                          f"the checkpoint after {story}: 'epoch' {upto}",
                          repr(saved.get("epoch") if isinstance(saved, dict) else saved)[:80],
                          "keep saving after every resumed epoch, with the total epochs completed")
        what = f"{story} (learning rate {lr})"
        hint = ("load the weights, the bias, optimizer.load_state_dict(checkpoint['optimizer']), the "
                "history, and continue from epoch checkpoint['epoch'] up to epochs")
        ck.expect_close(resumed[2], whole[2], f"{what}: the loss history vs an uninterrupted run", hint)
        for index, name in ((0, "weights"), (1, "bias")):
            ck.expect_close(resumed[index].detach(), whole[index].detach(),
                            f"{what}: the final {name} vs an uninterrupted run", hint)
