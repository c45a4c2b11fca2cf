"""Graders: session 3, exercise 2 (encode_sequence, PromoterClassifier, train_with_validation)."""
import copy

import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session03 import digits_binary, one_hot_flat, promoter_sequences, random_dna

SHAPES = [(200, [128, 64], 34_049), (64, [32], 2_113), (40, [24, 12, 6], 1_369)]


def _classifier(sol, input_size, hidden_sizes, dropout=0.2, seed=0):
    return ck.build_model(sol.PromoterClassifier, input_size=input_size, hidden_sizes=hidden_sizes,
                          dropout=dropout, seed=seed,
                          what=f"PromoterClassifier({input_size}, {hidden_sizes})")


def _linear_chain(model, input_size, hidden_sizes):
    """The model's Linear layers in the order their sizes chain, input to output."""
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    chain, size = [], input_size
    for out in [*hidden_sizes, 1]:
        layer = next((m for m in linears if (m.in_features, m.out_features) == (size, out)), None)
        ck.expect(layer is not None, f"a registered nn.Linear({size}, {out})",
                  "none among the registered layers",
                  "one Linear per hidden size, then Linear(last hidden size, 1)")
        chain.append(layer)
        size = out
    return chain


def _probe_model(n_features, seed=3):
    """A dropout-free classifier of the grader's own, so training is judged on its own."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_features, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid(),
                         nn.Flatten(0))


def test_encode_sequence(sol):
    out = sol.encode_sequence("ACGT")
    ck.expect_tensor(out, 'encode_sequence("ACGT")', (16,))
    ck.expect_close(out, torch.eye(4).flatten(), 'encode_sequence("ACGT")',
                    "base order A, C, G, T; position i fills entries 4i..4i+3")
    seqs = random_dna(6, 30, seed=11)
    seqs += ["acgtnNACGT", "NNNN", "TATAAAA-xy"]
    for seq in seqs:
        got = sol.encode_sequence(seq)
        ck.expect_tensor(got, f"encode_sequence({seq!r})", (4 * len(seq),))
        ck.expect_close(got, one_hot_flat([seq])[0], f"encode_sequence({seq!r})",
                        "lowercase counts as its base (seq.upper()); any other letter is 4 zeros")


def test_architecture(sol):
    for input_size, hidden, _ in SHAPES:
        model = _classifier(sol, input_size, hidden).eval()
        with torch.no_grad():
            out = model(3 * torch.randn(16, input_size))
        ck.expect_tensor(out, f"PromoterClassifier({input_size}, {hidden}) output for 16 samples",
                         (16,))
        ck.expect(bool(((out > 0) & (out < 1)).all()), "probabilities in (0, 1)",
                  f"values from {out.min().item():.3g} to {out.max().item():.3g}",
                  "end with nn.Sigmoid() (BCELoss expects probabilities)")


def test_param_count(sol):
    for input_size, hidden, count in SHAPES:
        ck.expect_param_count(_classifier(sol, input_size, hidden), count,
                              f"PromoterClassifier({input_size}, {hidden})")
    default = ck.build_model(sol.PromoterClassifier, what="PromoterClassifier()")
    ck.expect_param_count(default, 34_049, "PromoterClassifier() (defaults 200, [128, 64], 0.2)")


def test_registered(sol):
    model = _classifier(sol, 40, [24, 12, 6])
    ck.expect_registered(model, "PromoterClassifier(40, [24, 12, 6])")
    _linear_chain(model, 40, [24, 12, 6])
    ck.expect_param_count(model, 1_369, "PromoterClassifier(40, [24, 12, 6])")


def test_forward(sol):
    for input_size, hidden, _ in SHAPES:
        model = _classifier(sol, input_size, hidden, dropout=0.5).eval()
        chain = _linear_chain(model, input_size, hidden)
        x = 2 * torch.randn(32, input_size)
        with torch.no_grad():
            out = model(x)
            h = x
            for layer in chain[:-1]:
                h = F.relu(layer(h))
            trusted = torch.sigmoid(chain[-1](h)).squeeze(-1)
        ck.expect_tensor(out, "output", (32,))
        ck.expect_close(out, trusted, f"eval-mode forward of PromoterClassifier({input_size}, {hidden})",
                        "Linear then ReLU (then Dropout) per hidden size, Linear to 1, Sigmoid; "
                        "no dropout in eval mode")


def test_dropout_modes(sol):
    x = torch.randn(64, 40)
    model = _classifier(sol, 40, [24, 12], dropout=0.5)
    model.train()
    first, second = model(x), model(x)
    ck.expect(not torch.equal(first, second), "two train-mode passes to differ (dropout 0.5)",
              "identical outputs", "apply dropout after each hidden ReLU")
    model.eval()
    with torch.no_grad():
        first, second = model(x), model(x)
    hidden_away = ck.unregistered_members(model)
    ck.expect(torch.equal(first, second), "eval mode to be deterministic", "outputs differ",
              f"model.eval() cannot reach layers kept in {', '.join(hidden_away)}: hold them in "
              "nn.ModuleList or nn.Sequential" if hidden_away else
              "use nn.Dropout (or F.dropout(..., training=self.training))")
    plain = _classifier(sol, 40, [24, 12], dropout=0.0)
    with torch.no_grad():
        train_out = plain.train()(x)
        eval_out = plain.eval()(x)
    ck.expect_close(train_out, eval_out, "dropout=0: train-mode output equal to eval mode",
                    "pass the dropout argument on to every dropout layer")
    _expect_default_dropout(sol)


def _expect_default_dropout(sol):
    """PromoterClassifier() drops with p = 0.2: in train mode the activations that survive
    into the second Linear are the first one's ReLU outputs times 1 / (1 - 0.2) = 1.25."""
    model = ck.build_model(sol.PromoterClassifier, what="PromoterClassifier()").train()
    first, second = _linear_chain(model, 200, [128, 64])[:2]
    seen = {}
    hooks = [first.register_forward_hook(lambda m, a, out: seen.__setitem__("relu", F.relu(out))),
             second.register_forward_pre_hook(lambda m, a: seen.__setitem__("dropped", a[0]))]
    try:
        with torch.no_grad():
            model(torch.randn(64, 200))
    finally:
        for hook in hooks:
            hook.remove()
    kept = (seen["dropped"] != 0) & (seen["relu"] > 0)
    scale = seen["dropped"][kept] / seen["relu"][kept]
    ck.expect_close(scale, torch.full_like(scale, 1.25),
                    "PromoterClassifier() in train mode: surviving activations scaled by 1/(1-0.2)",
                    "the default dropout is 0.2: use the dropout argument, not nn.Dropout()'s own 0.5")


def _small_split(seed=5):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(72, 20, generator=g)
    y = (X[:, 0] + X[:, 1] > 0).float()
    return X[:48], y[:48], X[48:], y[48:]


def _passes(calls, what: str) -> str:
    """How many forward passes of a kind ran in each mode, in words."""
    if not calls:
        return f"no {what} forward pass"
    count = {}
    for _, training, grad in calls:
        key = f"{'train' if training else 'eval'} mode, {'with' if grad else 'without'} gradients"
        count[key] = count.get(key, 0) + 1
    return f"{len(calls)} {what} passes: " + "; ".join(f"{n} in {k}" for k, n in count.items())


def test_train_modes(sol):
    X_train, y_train, X_val, y_val = _small_split()
    model = _probe_model(20)
    untrained = copy.deepcopy(model)
    with ck.record_modes(model) as calls:
        result = sol.train_with_validation(model, X_train, y_train, X_val, y_val, epochs=6, lr=0.01)
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 4,
              "a tuple (train_losses, val_losses, train_accs, val_accs)",
              f"{type(result).__name__}", "return the four lists in that order")
    for name, values in zip(["train_losses", "val_losses", "train_accs", "val_accs"], result):
        ck.expect_float_list(values, 6, name)
    for name, values in zip(["train_accs", "val_accs"], result[2:]):
        ck.expect(all(0.0 <= v <= 1.0 for v in values), f"{name} within [0, 1]", str(values),
                  "accuracy = fraction of correct predictions")
    train_calls = [c for c in calls if c[0] == len(X_train)]
    val_calls = [c for c in calls if c[0] == len(X_val)]
    ck.expect(sum(1 for c in train_calls if c[1] and c[2]) >= 6,
              "one training pass per epoch (6 epochs) in train mode with gradients",
              _passes(train_calls, "training"), "call model.train() before the training forward pass")
    ck.expect(len(val_calls) >= 6 and all(not c[1] and not c[2] for c in val_calls),
              "every validation pass (at least one per epoch) in eval mode under torch.no_grad()",
              _passes(val_calls, "validation"),
              "call model.eval() and wrap validation in `with torch.no_grad():`")
    with torch.no_grad():
        p = untrained(X_train)
        first_loss = F.binary_cross_entropy(p, y_train).item()
        first_acc = ((p > 0.5).float() == y_train).float().mean().item()
    ck.expect_close(result[0][0], first_loss, "the first training loss (untrained model's BCE)",
                    "record the loss of the forward pass made before optimizer.step()")
    ck.expect_close(result[2][0], first_acc, "the first training accuracy (untrained model)",
                    "accuracy of that same forward pass: (probability > 0.5) == label")


def test_learns(sol):
    seqs, y = promoter_sequences(500, 50, seed=0)
    X = one_hot_flat(seqs)
    model = _classifier(sol, 200, [128, 64])
    train_losses, _, _, val_accs = sol.train_with_validation(
        model, X[:400], y[:400], X[400:], y[400:], epochs=100, lr=0.001)
    ck.expect_loss_falls(train_losses, 5, "the training loss on promoter sequences")
    ck.expect(val_accs[-1] >= 0.9, "validation accuracy >= 0.9 after 100 epochs",
              f"{val_accs[-1]:.3f}", "check the model and the training loop against the spec")


def test_learns_digits(sol):
    X_train, y_train, X_val, y_val = digits_binary(seed=0)
    model = _classifier(sol, 64, [128, 64])
    _, _, _, val_accs = sol.train_with_validation(model, X_train, y_train, X_val, y_val,
                                                  epochs=100, lr=0.001)
    ck.expect(val_accs[-1] >= 0.85, "validation accuracy >= 0.85 on the digits (digit >= 5?)",
              f"{val_accs[-1]:.3f}", "check the model and the training loop against the spec")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _classifier(sol, 40, [24, 12]), torch.randn(8, 40),
                             "PromoterClassifier(40, [24, 12])")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _classifier(sol, 200, [128, 64]), torch.randn(16, 200),
                          "PromoterClassifier()")
