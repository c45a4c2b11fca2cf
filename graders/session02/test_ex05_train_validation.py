"""Graders: session 2, exercise 5 (split_data, train_with_validation, plot_training_curves)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session02 import variant_dataset

SPLIT_HINT = ("shuffle once with torch.randperm(N, generator=torch.Generator().manual_seed(seed)), "
              "take the first int(train_ratio * N) shuffled rows for training and the rest for "
              "validation, and index features and labels with the same rows")
TRAIN_HINT = ("draw weights = (0.1 * torch.randn(F)).requires_grad_(), bias = zeros(1); build "
              "Adam([weights, bias], lr=learning_rate) once; each epoch record the training loss "
              "and accuracy, then zero_grad(), backward(), step(), then measure the validation set "
              "under torch.no_grad()")


def _shuffled(n, seed):
    """The spec's order of the rows: a permutation from a private generator."""
    return torch.randperm(n, generator=torch.Generator().manual_seed(seed))


def _graded_split(n, seed, data_seed):
    """variant_dataset(n, data_seed) split 80/20 by the recipe of task 1 (seed != data_seed)."""
    features, labels = variant_dataset(n=n, seed=data_seed)
    rows = _shuffled(n, seed)
    cut = n * 4 // 5
    return features[rows[:cut]], labels[rows[:cut]], features[rows[cut:]], labels[rows[cut:]]


def _id_rows(n, n_columns, seed, wide=False):
    """(features, labels): column 0 is the row id, the other columns noise; labels tell rows apart."""
    generator = torch.Generator().manual_seed(seed)
    ids = torch.arange(n, dtype=torch.float64)
    noise = torch.rand(n, n_columns - 1, generator=generator, dtype=torch.float64)
    features = torch.cat([ids[:, None], noise], dim=1)
    labels = 3 * ids + 1
    if wide:
        return features, labels.long()
    return features.float(), labels.float()


def _four(result, what):
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 4,
              f"{what} to return (train_features, train_labels, val_features, val_labels)",
              repr(result)[:200], "return the four tensors in this order")
    for name, value in zip(("train_features", "train_labels", "val_features", "val_labels"), result):
        ck.expect(isinstance(value, torch.Tensor), f"{what}: {name} as a tensor", type(value).__name__,
                  "index the input tensors with tensors of row numbers")
    return result


def _expect_split(result, features, labels, ratio, what):
    """Sizes int(ratio * N), dtypes kept, disjoint, complete, every row with its label."""
    train_x, train_y, val_x, val_y = _four(result, what)
    n = features.shape[0]
    wanted = int(n * ratio)
    for name, value, like, rows in (("train_features", train_x, features, wanted),
                                     ("train_labels", train_y, labels, wanted),
                                     ("val_features", val_x, features, n - wanted),
                                     ("val_labels", val_y, labels, n - wanted)):
        ck.expect_tensor(value, f"{what}: {name}", (rows,) + tuple(like.shape[1:]), like.dtype,
                         hint=f"N = {n} rows at train_ratio={ratio}: int(train_ratio * N) = {wanted} "
                              "training rows (truncated, not rounded), the rest for validation")
    ids = torch.cat([train_x[:, 0], val_x[:, 0]]).long()
    seen = torch.bincount(ids, minlength=n) if ids.numel() else torch.zeros(n, dtype=torch.long)
    twice = (seen > 1).nonzero().flatten().tolist()
    ck.expect(not twice, f"{what}: no row twice (in one set or in both)",
              f"rows {twice[:5]} more than once", "take distinct rows: slices of one permutation, "
              "not random draws with replacement")
    missing = (seen == 0).nonzero().flatten().tolist()
    ck.expect(not missing, f"{what}: every row in one of the two sets", f"rows {missing[:5]} in neither",
              SPLIT_HINT)
    got = torch.cat([train_y, val_y])
    ck.expect(torch.equal(got, labels[ids]), f"{what}: every row with its own label",
              "labels that belong to other rows", "index features and labels with the same row numbers")


def test_split(sol):
    def law(case):
        n, n_columns, ratio, seed, wide = case
        features, labels = _id_rows(n, n_columns, seed, wide)
        what = f"split_data(features [{n}, {n_columns}], labels, train_ratio={ratio!r}, seed={seed})"
        result = ck.seeded(0, lambda: sol.split_data(features, labels, train_ratio=ratio, seed=seed))
        _expect_split(result, features, labels, ratio, what)

    for case in ((10, 2, 0.75, 1, False), (7, 1, 0.0, 5, True), (7, 3, 1.0, 5, False)):
        law(case)
    features, labels = _id_rows(1000, 3, 11)
    _expect_split(ck.seeded(0, sol.split_data, features, labels), features, labels, 0.8,
                  "split_data(features [1000, 3], labels) with the default train_ratio (0.8)")
    ck.for_all(st.tuples(st.integers(1, 40), st.integers(1, 4), st.floats(0.0, 1.0),
                         st.integers(0, 2**31 - 1), st.booleans()), law, max_examples=40)


def test_split_seeded(sol):
    features, labels = _id_rows(50, 2, 3)
    for args, kwargs, ratio, seed in (((), {}, 0.8, 42), ((0.6,), {"seed": 7}, 0.6, 7),
                                      ((), {"train_ratio": 0.5, "seed": 2024}, 0.5, 2024)):
        shown = "".join(f", {a}" for a in args) + "".join(f", {k}={v}" for k, v in kwargs.items())
        what = f"split_data(features [50, 2], labels{shown})"
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(99)
            torch.rand(3)  # the caller is somewhere in its own random stream
            before = torch.random.get_rng_state()
            first = sol.split_data(features, labels, *args, **kwargs)
            after = torch.random.get_rng_state()
            second = sol.split_data(features, labels, *args, **kwargs)
        ck.expect(torch.equal(before, after), f"{what} to leave torch's global random state as it was",
                  "a different global random state after the call",
                  "draw from your own generator: torch.randperm(N, generator=torch.Generator()"
                  ".manual_seed(seed)), never torch.manual_seed(seed)")
        train_x, _, val_x, _ = _four(first, what)
        order = _shuffled(50, seed)
        cut = int(50 * ratio)
        for name, got, rows in (("training", train_x, order[:cut]), ("validation", val_x, order[cut:])):
            wanted = rows.sort().values
            found = got[:, 0].long().sort().values if got.ndim == 2 else got
            ck.expect(got.ndim == 2 and torch.equal(found, wanted),
                      f"{what}: the {name} set made of the rows {wanted[:6].tolist()}... (seed {seed})",
                      f"rows {found[:6].tolist() if got.ndim == 2 else repr(got)[:60]}...",
                      SPLIT_HINT + (" (the default seed is 42)" if not kwargs else ""))
        again = _four(second, what + " called again")
        ck.expect(all(torch.equal(a, b) for a, b in zip(first, again)),
                  f"{what} to give the same split twice", "two different splits",
                  "seed a torch.Generator with seed inside the function and draw only from it")


def _run(sol, seed, *args, **kwargs):
    """sol.train_with_validation(*args, **kwargs) from torch.manual_seed(seed)."""
    return ck.seeded_training(seed, sol.train_with_validation, *args, **kwargs)


def _fit(result, epochs, n_features, what):
    """(weights, bias, train_losses, train_accs, val_losses, val_accs), shapes and lists checked."""
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 4
              and all(isinstance(h, (tuple, list)) and len(h) == 2 for h in result[2:]),
              f"{what} to return (weights, bias, (train_losses, train_accuracies), "
              "(val_losses, val_accuracies))", repr(result)[:200],
              "return the two tensors, then the two pairs of lists")
    weights, bias, (train_losses, train_accs), (val_losses, val_accs) = result
    ck.expect_tensor(weights, f"{what}: weights", (n_features,))
    ck.expect_tensor(bias, f"{what}: bias", (1,))
    for name, values in (("train_losses", train_losses), ("train_accuracies", train_accs),
                         ("val_losses", val_losses), ("val_accuracies", val_accs)):
        ck.expect_float_list(values, epochs, f"{what}: {name}")
    return weights, bias, train_losses, train_accs, val_losses, val_accs


def _measure(features, labels, weights, bias):
    """(mean BCE, accuracy) of the logistic model at these parameters, in float64."""
    logits = torch.addmv(torch.as_tensor(bias).detach().double().reshape(()), features.double(),
                         torch.as_tensor(weights).detach().double().reshape(-1))
    loss = F.binary_cross_entropy_with_logits(logits, labels.double())
    hits = (logits > 0).double().eq(labels.double())
    return loss.item(), hits.double().mean().item()


def _start(seed, n_features):
    """The spec's start after torch.manual_seed(seed): 0.1 * randn(F) and a zero bias."""
    return ck.seeded(seed, lambda: torch.randn(n_features) * 0.1), torch.zeros(1)


def test_validation_no_grad(sol):
    train_x, train_y, val_x, val_y = _graded_split(250, 130, 30)
    probe, records = ck.graph_probe(val_x)
    what = "train_with_validation(..., epochs=5)"
    result = _run(sol, 6, train_x, train_y, probe, val_y, epochs=5)
    ck.expect(not records, f"{what}: no autograd graph built from val_features",
              f"{len(records)} operations on val_features recorded for autograd "
              f"(e.g. {', '.join(sorted(set(records))[:3])})",
              "compute the validation predictions, loss and accuracy inside `with torch.no_grad():`")
    _fit(result, 5, 5, what)


def test_validation_independent(sol):
    train_x, train_y, val_x, val_y = _graded_split(300, 105, 5)
    other_x, other_y = variant_dataset(n=120, seed=6)
    what = "train_with_validation(..., epochs=30)"
    runs = [_fit(_run(sol, 9, train_x, train_y, vx, vy, epochs=30), 30, 5, f"{what} [{name}]")
            for name, vx, vy in (("200x5 validation set", val_x, val_y),
                                 ("120x5 validation set", other_x, other_y))]
    hint = ("train on the training set only: validation measures the updated weights under "
            "torch.no_grad(), with no backward() and no step")
    for index, name in enumerate(("weights", "bias", "train_losses", "train_accuracies")):
        ck.expect_close(runs[1][index], runs[0][index],
                        f"{what}: {name} of the run with the 120x5 validation set, vs the run with the "
                        "200x5 one,", hint)
    ck.expect(runs[0][4] != runs[1][4], f"{what}: val_losses that differ for different validation sets",
              "the same val_losses for both", "measure the validation loss on val_features and val_labels")


def test_history(sol):
    train_x, train_y, val_x, val_y = _graded_split(200, 103, 3)
    what = "train_with_validation(train_features, train_labels, val_features, val_labels)"
    weights, bias, train_losses, train_accs, val_losses, val_accs = _fit(
        _run(sol, 4, train_x, train_y, val_x, val_y), 100, 5, f"{what} (default epochs)")
    for name, value in (("weights", weights), ("bias", bias)):
        ck.expect(value.is_leaf and value.requires_grad, f"{what}: {name} a leaf tensor that requires grad",
                  f"is_leaf={value.is_leaf}, requires_grad={value.requires_grad}",
                  "return the tensors you created and handed to Adam, not .detach()-ed copies")
    start_w, start_b = _start(4, 5)
    loss, accuracy = _measure(train_x, train_y, start_w, start_b)
    ck.expect_close(train_losses[0], loss, f"{what}: train_losses[0], the training loss at the start",
                    TRAIN_HINT + " (entry 0 is recorded before the first step)")
    ck.expect_close(train_accs[0], accuracy, f"{what}: train_accuracies[0], the training accuracy at the "
                    "start", "accuracy = the fraction of rows where (p > 0.5) equals the label")
    loss, accuracy = _measure(val_x, val_y, weights, bias)
    ck.expect_close(val_losses[-1], loss, f"{what}: val_losses[-1], the validation loss of the returned "
                    "weights", "measure the validation set after each epoch's step, with "
                    "val_features and val_labels")
    ck.expect_close(val_accs[-1], accuracy, f"{what}: val_accuracies[-1], the validation accuracy of the "
                    "returned weights", "accuracy on the validation set after the step: the fraction of "
                    "rows where (p > 0.5) equals the label")

    what = "train_with_validation(..., epochs=1) with the default learning_rate"
    weights, bias, *_ = _fit(_run(sol, 4, train_x, train_y, val_x, val_y, epochs=1), 1, 5, what)
    start = torch.cat([start_w, start_b]).double().requires_grad_()
    logits = train_x.double() @ start[:5] + start[5]
    gradient, = torch.autograd.grad(F.binary_cross_entropy_with_logits(logits, train_y.double()), start)
    moved = start.detach() - 0.1 * gradient / (gradient.abs() + 1e-8)
    found = torch.cat([weights.detach().reshape(-1), bias.detach().reshape(-1)])
    ck.expect_close(found, moved, f"{what}: (weights, bias) after one Adam step from the start",
                    "torch.optim.Adam([weights, bias], lr=learning_rate) with learning_rate 0.1 by "
                    "default; its first step moves every parameter by about the learning rate")


def test_learns(sol):
    for data_seed in (2, 8, 14):
        train_x, train_y, val_x, val_y = _graded_split(1000, 1000 + data_seed, data_seed)
        what = f"train_with_validation on variant_dataset(seed={data_seed}) with the defaults"
        *_, train_losses, _, val_losses, val_accs = _fit(
            _run(sol, data_seed, train_x, train_y, val_x, val_y), 100, 5, what)
        ck.expect(0.85 <= val_accs[-1] <= 1, f"{what}: last validation accuracy (a fraction) "
                  "between 0.85 and 1", f"{val_accs[-1]:.3f}",
                  "the accuracy is the fraction of correct rows (their mean), not their count"
                  if val_accs[-1] > 1 else TRAIN_HINT)
        ck.expect_loss_falls(val_losses, 2, f"{what}: the validation loss")
        ck.expect_loss_falls(train_losses, 2, f"{what}: the training loss")


def _curves(epochs, seed):
    """((train losses, train accuracies), (val losses, val accuracies)) that look like training."""
    generator = torch.Generator().manual_seed(seed)
    t = torch.arange(epochs, dtype=torch.float64)
    wiggle = lambda: 0.02 * torch.rand(epochs, generator=generator, dtype=torch.float64)  # noqa: E731
    series = [0.7 * torch.exp(-t / 9) + 0.2 + wiggle(), 0.55 + 0.4 * (1 - torch.exp(-t / 6)) - wiggle(),
              0.75 * torch.exp(-t / 11) + 0.25 + wiggle(), 0.5 + 0.38 * (1 - torch.exp(-t / 7)) - wiggle()]
    lists = [s.tolist() for s in series]
    return (lists[0], lists[1]), (lists[2], lists[3])


def test_figure(sol):
    for epochs, seed in ((12, 1), (30, 2)):
        train_history, val_history = _curves(epochs, seed)
        what = f"plot_training_curves (histories of {epochs} epochs)"
        fig = sol.plot_training_curves(train_history, val_history)
        with ck.checked_figure(fig, f"the figure of {what}") as fig:
            axes = ck.expect_axes(fig, 2, f"the figure of {what}")
            for ax, index, kind, words, example in ((axes[0], 0, "loss", ["loss"], "Loss (BCE)"),
                                                    (axes[1], 1, "accuracy", ["accuracy"], "Accuracy")):
                labels = []
                for role, mark, other, history in (("training", "train", "val", train_history),
                                                   ("validation", "val", "train", val_history)):
                    line = ck.find_line(ax, history[index], f"Axes {index}: the {role} {kind} line",
                                        x=list(range(epochs)),
                                        hint=f"plot the {role} {kind} values themselves against "
                                             f"0 .. E-1: ax.plot(values, label=...)")
                    label = str(line.get_label())
                    ck.expect(mark in label.lower() and other not in label.lower(),
                              f"Axes {index}: the {role} {kind} line labelled with {mark!r} "
                              f"(and not {other!r})", repr(label),
                              "ax.plot(train_values, label='Training') and ax.plot(val_values, "
                              "label='Validation')")
                    labels.append(label)
                ck.expect_legend(ax, labels, f"Axes {index}")
                ck.expect_text(ax.get_xlabel(), ["epoch"], f"Axes {index}: the x-axis label",
                               'ax.set_xlabel("Epoch")')
                ck.expect_text(ax.get_ylabel(), words, f"Axes {index}: the y-axis label",
                               f'ax.set_ylabel("{example}")')
