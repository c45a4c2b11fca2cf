"""Graders: session 3, exercise 5 (DropoutMLP, inverted dropout)."""
import torch
import torch.nn.functional as F

from coursekit import checks as ck

HINT = "dropout1(relu(fc1(x))), dropout2(relu(fc2(x))), fc3(x); inverted dropout scales kept values by 1/(1-p)"


def _mlp(sol, p, seed=0):
    return ck.build_model(sol.DropoutMLP, dropout_rate=p, seed=seed, what=f"DropoutMLP({p})")


def _layer_inputs(model, x):
    """Run ``model(x)`` and capture the inputs of fc2 and fc3 and the output."""
    seen = {}
    hooks = [getattr(model, name).register_forward_pre_hook(
        lambda m, args, name=name: seen.__setitem__(name, args[0].detach().clone()))
        for name in ("fc2", "fc3")]
    try:
        out = model(x)
    finally:
        for h in hooks:
            h.remove()
    return seen, out


def test_architecture(sol):
    model = _mlp(sol, 0.3)
    for attr, sizes in [("fc1", (5, 100)), ("fc2", (100, 50)), ("fc3", (50, 1))]:
        ck.expect_linear(getattr(model, attr, None), *sizes, attr)
    ck.expect_tensor(model(torch.randn(9, 5)), "DropoutMLP output", (9, 1))


def test_param_count(sol):
    for p in (0.0, 0.5):
        ck.expect_param_count(_mlp(sol, p), 5_701, f"DropoutMLP({p})")


def test_eval_deterministic(sol):
    model = _mlp(sol, 0.5).eval()
    x = torch.randn(128, 5)
    with torch.no_grad():
        first, second = model(x), model(x)
        trusted = model.fc3(F.relu(model.fc2(F.relu(model.fc1(x)))))
    ck.expect(torch.equal(first, second), "eval mode to be deterministic", "two different outputs",
              "nn.Dropout is off after model.eval(); F.dropout needs training=self.training")
    ck.expect_close(first, trusted, "eval-mode output (no dropout, no scaling)", HINT)


def test_inverted_scaling(sol):
    x = torch.randn(512, 5)
    for p in (0.5, 0.2):
        model = _mlp(sol, p).train()
        with torch.no_grad():
            seen, out = _layer_inputs(model, x)
            ck.expect("fc2" in seen and "fc3" in seen, "forward to call fc2 and fc3",
                      f"calls seen: {sorted(seen)}", HINT)
            pairs = [("fc2", F.relu(model.fc1(x)), seen["fc2"]),
                     ("fc3", F.relu(model.fc2(seen["fc2"])), seen["fc3"])]
            for name, clean, dropped in pairs:
                kept = dropped != 0
                ck.expect_close(dropped[kept], clean[kept] / (1 - p),
                                f"train-mode input of {name}: kept values = value / (1 - p), p={p}",
                                HINT)
                positive = clean > 0
                fraction = (~kept & positive).sum().item() / max(positive.sum().item(), 1)
                ck.expect(abs(fraction - p) < 0.05,
                          f"about {p:.0%} of the positive inputs of {name} zeroed in train mode",
                          f"{fraction:.1%} zeroed", HINT)
            ck.expect_close(out, model.fc3(seen["fc3"]), "train-mode output = fc3(its input)",
                            "no dropout after fc3")


def test_rate_zero(sol):
    x = torch.randn(64, 5)
    for model, call in ((_mlp(sol, 0.0), "DropoutMLP(0.0)"),
                        (ck.build_model(sol.DropoutMLP, what="DropoutMLP()"), "DropoutMLP()")):
        with torch.no_grad():
            train_out = model.train()(x)
            eval_out = model.eval()(x)
        ck.expect_close(train_out, eval_out, f"{call}: train-mode output equal to eval mode",
                        "pass dropout_rate on to both dropout layers; its default is 0.0")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _mlp(sol, 0.3), torch.randn(8, 5), "DropoutMLP(0.3)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _mlp(sol, 0.3), torch.randn(16, 5), "DropoutMLP(0.3)")
