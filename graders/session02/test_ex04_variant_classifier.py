"""Graders: session 2, exercise 4 (generate_variant_data, logistic_model,
binary_cross_entropy_loss, train_classifier)."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session02 import variant_dataset

COLUMNS = ("conservation", "allele frequency", "CADD", "PolyPhen", "SIFT")
UPPER = (1.0, 1.0, 40.0, 1.0, 1.0)
# pathogenic mean - benign mean: at least this much (a positive bound) or at most (negative)
GAPS = (0.2, -0.2, 5.0, 0.2, -0.2)
VALUES = st.floats(-3, 3, allow_nan=False, width=32)
# (N, F, N*F scores then F weights then the bias, bias 0-d?)
LOGISTIC_CASES = st.tuples(st.integers(1, 20), st.integers(1, 6)).flatmap(lambda nf: st.tuples(
    st.just(nf[0]), st.just(nf[1]), st.lists(VALUES, min_size=nf[0] * nf[1] + nf[1] + 1,
                                             max_size=nf[0] * nf[1] + nf[1] + 1), st.booleans()))
BCE_CASES = st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.lists(st.floats(0.001, 0.999), min_size=n, max_size=n),
    st.lists(st.sampled_from([0.0, 1.0]), min_size=n, max_size=n)))
START_HINT = ("start from weights = (0.1 * torch.randn(n_features)).requires_grad_() and "
              "bias = torch.zeros(1, requires_grad=True); each epoch record the loss and the "
              "accuracy of the current predictions before zero_grad(), backward(), step()")


def _pair(result, n, what):
    """(features, labels): float32 tensors of shapes [n, 5] and [n]."""
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2,
              f"{what} to return (features, labels)", repr(result)[:200],
              "return the two tensors as a tuple")
    features, labels = result
    ck.expect_tensor(features, f"{what}: features", (n, 5))
    ck.expect_tensor(labels, f"{what}: labels", (n,))
    return features, labels


def _expect_valid_data(features, labels, what):
    n = len(labels)
    ck.expect(bool(((labels == 0) | (labels == 1)).all()), f"{what}: labels only 0.0 and 1.0",
              f"values {sorted(set(labels.tolist()))[:6]}", "1.0 = pathogenic, 0.0 = benign")
    ones = int((labels == 1).sum())
    ck.expect(ones == n // 2, f"{what}: {n // 2} pathogenic labels (n_samples // 2)",
              f"{ones}", "make exactly n_samples // 2 variants pathogenic, the rest benign")
    ck.expect_finite(features, f"{what}: features")
    for column, (name, upper) in enumerate(zip(COLUMNS, UPPER)):
        low, high = features[:, column].min().item(), features[:, column].max().item()
        ck.expect(low >= 0 and high <= upper, f"{what}: every {name} score (column {column}) "
                  f"within [0, {upper:g}]", f"values from {low:.4g} to {high:.4g}",
                  f"clamp the column after drawing it: torch.clamp(score, 0, {upper:g})")


def _expect_class_gaps(features, labels, what):
    sick, healthy = labels == 1, labels == 0
    for column, (name, gap) in enumerate(zip(COLUMNS, GAPS)):
        diff = features[sick, column].mean().item() - features[healthy, column].mean().item()
        holds = diff >= gap if gap > 0 else diff <= gap
        ck.expect(holds, f"{what}: pathogenic mean minus benign mean of {name} "
                  f"{'at least' if gap > 0 else 'at most'} {gap:g}", f"{diff:.4g}",
                  "pathogenic variants (label 1.0) have higher conservation, CADD and PolyPhen "
                  "and lower allele frequency and SIFT: follow the recipe's means, columns in "
                  "the order conservation, allele frequency, CADD, PolyPhen, SIFT")


def test_variant_data(sol):
    result = ck.seeded(0, sol.generate_variant_data)
    features, labels = _pair(result, 1000, "generate_variant_data()")
    _expect_valid_data(features, labels, "generate_variant_data()")
    _expect_class_gaps(features, labels, "generate_variant_data()")
    top = labels[:500]
    ck.expect(bool((top == 0).any() and (top == 1).any()),
              "generate_variant_data(): both classes among the first 500 rows (shuffled rows)",
              f"only label {top[0].item():g} there",
              "shuffle rows and labels with the same torch.randperm(n_samples, generator=...)")
    for n, seed in ((5000, 7), (301, 3), (2, 1), (1, 0)):
        what = f"generate_variant_data({n}, {seed})"
        features, labels = _pair(ck.seeded(0, sol.generate_variant_data, n, seed), n, what)
        _expect_valid_data(features, labels, what)
        if n > 100:
            _expect_class_gaps(features, labels, what)


def _same(a, b):
    return all(isinstance(x, torch.Tensor) and isinstance(y, torch.Tensor) and x.shape == y.shape
               and torch.equal(x, y) for x, y in zip(a, b))


def test_variant_data_seeded(sol):
    first = _pair(ck.seeded(1, sol.generate_variant_data, 200, 5), 200, "generate_variant_data(200, 5)")
    again = _pair(ck.seeded(2, sol.generate_variant_data, 200, 5), 200, "generate_variant_data(200, 5)")
    ck.expect(_same(first, again), "generate_variant_data(200, 5) the same on every call",
              "different data from two calls with the same seed",
              "draw every number from torch.Generator().manual_seed(seed), passing "
              "generator=... to each draw, never from torch's global generator")
    other = _pair(ck.seeded(1, sol.generate_variant_data, 200, 6), 200, "generate_variant_data(200, 6)")
    ck.expect(not torch.equal(first[0], other[0]),
              "generate_variant_data(200, 6) different from generate_variant_data(200, 5)",
              "the same features", "seed your generator with the seed argument")
    for args, explicit, shown in (((), (1000, 42), "generate_variant_data()"),
                                  ((300,), (300, 42), "generate_variant_data(300)")):
        omitted = ck.seeded(3, sol.generate_variant_data, *args)
        stated = ck.seeded(4, sol.generate_variant_data, *explicit)
        ck.expect(_same(_pair(omitted, explicit[0], shown), stated),
                  f"{shown} equal to generate_variant_data{explicit}",
                  "different data", "the defaults are n_samples=1000 and seed=42")
    for args in ((), (50, 9)):
        shown = f"generate_variant_data({', '.join(map(str, args))})"
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(2024)
            torch.rand(3)  # the caller is somewhere in its own random stream
            before = torch.random.get_rng_state()
            sol.generate_variant_data(*args)
            after = torch.random.get_rng_state()
        ck.expect(torch.equal(before, after), f"{shown} to leave torch's global random state as it was",
                  "a different random state after the call",
                  "don't call torch.manual_seed or draw from the global generator: use "
                  "generator = torch.Generator().manual_seed(seed) and pass it to each draw")


def test_logistic_model(sol):
    def check(case):
        n, f, numbers, zero_d = case
        values = torch.tensor(numbers)
        x, w, bias = values[:n * f].reshape(n, f), values[n * f:-1], numbers[-1]
        b = values[-1] if zero_d else values[-1:]
        what = (f"logistic_model(x of shape {tuple(x.shape)}, weights of shape {tuple(w.shape)}, "
                f"bias of shape {tuple(b.shape)})")
        found = sol.logistic_model(x, w, b)
        ck.expect_tensor(found, what, (x.shape[0],),
                         hint="x @ weights gives one logit per variant; add the bias, keep shape [N]")
        logit = (x.double() * w.double()).sum(dim=1) + bias
        ck.expect_close(found, 1 / (1 + torch.exp(-logit)), what,
                        "the probability sigmoid(x @ weights + bias), not the logit")

    ck.for_all(LOGISTIC_CASES, check)


def test_bce(sol):
    def check(case):
        p, t = torch.tensor(case[0]), torch.tensor(case[1])
        what = f"binary_cross_entropy_loss of {len(t)} predictions"
        found = sol.binary_cross_entropy_loss(p, t)
        ck.expect_tensor(found, what, (), hint="return the mean as a 0-d tensor, not a number")
        ck.expect_close(found, F.binary_cross_entropy(p, t), what,
                        "-(t * log(p) + (1 - t) * log(1 - p)), averaged (a mean, not a sum)",
                        rtol=1e-5, atol=1e-6)

    ck.for_all(BCE_CASES, check)
    for p, t in ((0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0)):
        what = f"binary_cross_entropy_loss(tensor([{p:g}]), tensor([{t:g}]))"
        value = sol.binary_cross_entropy_loss(torch.tensor([p]), torch.tensor([t]))
        ck.expect_tensor(value, what, (), hint="return the mean as a 0-d tensor")
        ck.expect_finite(value, what)
        right = p == t
        cost = value.item()
        bound = "at most 1e-5" if right else f"between 15 and 17 (-log(1e-7) = {-math.log(1e-7):.1f})"
        ck.expect(cost <= 1e-5 if right else 15 <= cost <= 17, f"{what}: {bound}",
                  f"{cost:.6g}", "clamp the predictions to [1e-7, 1 - 1e-7] before taking the logs")
    probs = torch.tensor([0.0, 1.0, 0.0, 1.0], requires_grad=True)
    loss = sol.binary_cross_entropy_loss(probs, torch.tensor([0.0, 1.0, 1.0, 0.0]))
    what = "binary_cross_entropy_loss([0, 1, 0, 1], [0, 1, 1, 0])"
    ck.expect_finite(loss.detach(), what)
    loss.backward()
    ck.expect(probs.grad is not None, f"{what}: a gradient for the predictions", "grad None",
              "compute the loss from the predictions with torch operations (no .item(), no .detach())")
    ck.expect_finite(probs.grad, f"{what}: the gradient of the loss")
    ck.expect(torch.equal(probs.detach(), torch.tensor([0.0, 1.0, 0.0, 1.0])),
              f"{what}: the predictions left unchanged", f"{probs.detach().tolist()}",
              "clamp out of place: p = torch.clamp(predictions, eps, 1 - eps)")


def _training_data(n, seed, ties):
    """variant_dataset(n, seed) with its first `ties` rows all zeros and labelled pathogenic."""
    features, labels = variant_dataset(n, seed=seed)
    features[:ties] = 0.0
    labels[:ties] = 1.0
    return features, labels


def _four(result, epochs, what):
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 4,
              f"{what} to return (weights, bias, loss_history, accuracy_history)",
              repr(result)[:200], "return the four in that order")
    weights, bias, losses, accuracies = result
    ck.expect(isinstance(weights, torch.Tensor) and tuple(weights.shape) == (5,),
              f"{what}: weights of shape (5,)", repr(weights)[:120],
              "one weight per feature: 0.1 * torch.randn(n_features)")
    ck.expect(isinstance(bias, torch.Tensor) and bias.numel() == 1, f"{what}: a bias with one element",
              repr(bias)[:120], "bias = torch.zeros(1, requires_grad=True)")
    ck.expect_float_list(losses, epochs, f"{what}: loss_history")
    ck.expect_float_list(accuracies, epochs, f"{what}: accuracy_history")
    ck.expect(all(0 <= a <= 1 for a in accuracies), f"{what}: every accuracy in [0, 1]",
              f"{min(accuracies):.4g} to {max(accuracies):.4g}",
              "the accuracy is the fraction of variants called correctly")
    return result


def _train(sol, seed, *args):
    """sol.train_classifier(*args) from torch.manual_seed(seed)."""
    return ck.seeded_training(seed, sol.train_classifier, *args)


def test_history(sol):
    features, labels = _training_data(300, 4, 6)
    what = "train_classifier(features, labels, 9, 0.05)"
    _, _, losses, accuracies = _four(_train(sol, 7, features, labels, 9, 0.05), 9, what)
    start = ck.seeded(7, torch.randn, features.shape[1]) * 0.1
    logit = torch.mv(features, start)  # the bias starts at 0
    ck.expect_close(losses[0], F.binary_cross_entropy(torch.sigmoid(logit), labels),
                    f"{what}: loss_history[0], the BCE of the starting model", START_HINT)
    called = torch.where(logit > 0, 1.0, 0.0)
    ck.expect_close(accuracies[0], (called == labels).double().mean(),
                    f"{what}: accuracy_history[0], the accuracy of the starting model "
                    "(6 variants with probability exactly 0.5, called benign)",
                    START_HINT + "; call pathogenic only when the probability is > 0.5",
                    rtol=0, atol=1e-6)
    what = "train_classifier(features, labels) (defaults: 100 epochs, learning rate 0.1)"
    _, _, losses, _ = _four(_train(sol, 7, features, labels), 100, what)
    ck.expect_loss_falls(losses, 2, f"{what}: the loss")


def test_accuracy(sol):
    for seed in (1, 5, 9):
        features, labels = variant_dataset(1000, seed=seed)
        what = f"train_classifier on the first 600 variants of variant_dataset(1000, seed={seed})"
        weights, bias, _, _ = _four(_train(sol, 11, features[:600], labels[:600]), 100, what)
        with torch.no_grad():
            logit = torch.mv(features[600:], weights.detach().reshape(5)) + bias.detach().reshape(())
        held_out = ((logit > 0).float() == labels[600:]).float().mean().item()
        ck.expect(held_out >= 0.85, f"{what}: at least 85% of the other 400 called correctly",
                  f"{held_out:.1%}",
                  "train with torch.optim.Adam(lr=learning_rate) on the mean BCE of "
                  "sigmoid(features @ weights + bias), stepping every epoch")
