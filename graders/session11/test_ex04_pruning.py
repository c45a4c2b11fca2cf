"""Graders: session 11, exercise 4 (global magnitude pruning: prunable_weights, prune_globally, fine_tune,
make_permanent, sparsity_report)."""
import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session11 import PromoterClassifier, accuracy, splits, trained_classifier

LAYERS = ("features.0", "classifier.0", "classifier.2", "classifier.4")  # the classifier's prunable layers
N_WEIGHTS = 75_904  # 1,152 + 8,192 + 65,536 + 1,024
ACCURACY_BAR = 0.95  # reference over fine-tune seeds 0-19: >= 0.979 at s = 0.8, >= 0.974 at s = 0.95
ACCURACY_SPARSITIES = (0.8, 0.95)
DEFAULT_STEPS = 50
REPORT_TOL = 1e-6

# Generated small models: (conv channels, kernel, hidden, hidden bias?, 3 weight scales, sparsity, seed)
MODEL_CASES = st.tuples(st.integers(1, 8), st.integers(1, 7), st.integers(1, 12), st.booleans(),
                        st.tuples(*[st.floats(0.1, 10.0)] * 3), st.floats(0.05, 0.95),
                        st.integers(0, 2**31 - 1))

LIST_HINT = ('prunable_weights(model) = [(module, "weight") for module in model.modules() if '
             "isinstance(module, (nn.Linear, nn.Conv1d))]: the modules themselves, in model.modules() order, "
             "Conv1d included, nothing else (not BatchNorm1d)")
GLOBAL_HINT = ("prune.global_unstructured(prunable_weights(model), pruning_method=prune.L1Unstructured, "
               "amount=sparsity): ONE ranking of |w| over all Linear and Conv1d weights together (not "
               "prune.l1_unstructured layer by layer, not RandomUnstructured), amount = the share to PRUNE, "
               "weights only (no biases); return the model")
REPORT_HINT = ("sparsity_report(model) = {name: (module.weight == 0).sum().item() / "
               "module.weight.numel()} for every nn.Linear and nn.Conv1d of model.named_modules()")
PERMANENT_HINT = ('make_permanent: prune.remove(module, "weight") for every pruned Linear AND Conv1d '
                  "layer (not only nn.Linear as in the course guide), skipping layers that are not pruned "
                  "(prune.is_pruned(module)); return the model")
BIAS_HINT = ('prune only (module, "weight") pairs: never a bias, not in the global ranking, not after it')
MASK_HINT = ("keep the masks on while fine-tuning: prune_globally must NOT call prune.remove (the pruned "
             "entries of weight stay 0 only through weight = weight_orig * weight_mask); fine_tune: "
             "torch.optim.Adam(model.parameters(), lr=lr), cross-entropy on random batches; make it "
             "permanent only afterwards")
TUNE_HINT = ("fine_tune(model, x, y, steps=50, lr=1e-3, batch_size=64, generator=None): Adam over "
             "model.parameters(), `steps` steps of F.cross_entropy on batch_size sequences drawn with the "
             "generator (torch.randint(0, N, (batch_size,), generator=generator)); return the list of "
             "loss.item()")


# ---------------------------------------------------------------- trusted pieces ----

def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _call(fn, what, *args, hint, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _graders_layers(model):
    """(name, module) of every nn.Linear and nn.Conv1d, in named_modules() order."""
    return [(n, m) for n, m in model.named_modules() if isinstance(m, (nn.Linear, nn.Conv1d))]


def _weights(model):
    """{name: a float64 copy of the layer's current weight}, read through module.weight."""
    return {n: m.weight.detach().double().clone() for n, m in _graders_layers(model)}


def _zeros(model):
    return {n: m.weight.detach() == 0 for n, m in _graders_layers(model)}


def _prune(sol, model, sparsity, what):
    out = _call(sol.prune_globally, what, model, sparsity, hint=GLOBAL_HINT)
    ck.expect(out is model, f"{what} to return the model it was given (pruned in place)",
              f"{type(out).__name__} object" + (" (another object)" if out is not None else ""), GLOBAL_HINT)
    return model


def _expect_globally_smallest(original, model, sparsity, what):
    """Exactly round(s N) zeros, and they are the smallest |w| of the pool: the graders' own sort."""
    pool = torch.cat([w.abs().flatten() for w in original.values()])
    n = pool.numel()
    k = round(sparsity * n)
    zeros = _zeros(model)
    count = sum(int(z.sum()) for z in zeros.values())
    per_layer = ", ".join(f"{name}: {int(z.sum())}/{z.numel()}" for name, z in zeros.items())
    ck.expect(count == k, f"{what}: exactly round({sparsity:.4g} * {n}) = {k} of the {n} Linear and Conv1d "
              "weights equal to 0", f"{count} zeros ({per_layer})", GLOBAL_HINT)
    if k in (0, n):
        return
    ordered = torch.sort(pool).values
    largest_pruned, smallest_kept = ordered[k - 1].item(), ordered[k].item()
    for name, w in original.items():
        z = zeros[name]
        if z.any():
            worst = w.abs()[z].max().item()
            ck.expect(worst <= largest_pruned, f"{what}: only the {k} smallest |w| of all layers together "
                      f"pruned (every pruned |w| <= {largest_pruned:.6g}, the {k}-th smallest)",
                      f"a weight of |w| = {worst:.6g} pruned in {name}", GLOBAL_HINT)
        if (~z).any():
            least = w.abs()[~z].min().item()
            ck.expect(least >= smallest_kept, f"{what}: every weight of |w| below {smallest_kept:.6g} pruned "
                      f"(the {k} smallest of all layers together)",
                      f"a weight of |w| = {least:.6g} kept in {name}", GLOBAL_HINT)
    now = _weights(model)
    for name, w in original.items():
        kept = ~zeros[name]
        ck.expect(torch.equal(now[name][kept], w[kept]), f"{what}: the kept weights of {name} unchanged",
                  "changed values", "pruning only zeroes weights; it changes no other value")


def _expect_report(sol, model, what):
    found = _call(sol.sparsity_report, f"sparsity_report({what})", model, hint=REPORT_HINT)
    ck.expect(isinstance(found, dict), f"sparsity_report({what}) to be a dict", type(found).__name__,
              REPORT_HINT)
    trusted = {n: z.double().mean().item() for n, z in _zeros(model).items()}
    ck.expect(list(found) == list(trusted), f"sparsity_report({what}) keys {list(trusted)} (in order)",
              str(list(found)), REPORT_HINT)
    for name, share in trusted.items():
        value = found[name]
        ck.expect(isinstance(value, float) and abs(value - share) <= REPORT_TOL,
                  f"sparsity_report({what})[{name!r}] = {share:.6f} (a Python float: zeros / numel)",
                  repr(value), REPORT_HINT)


def _expect_pairs(sol, model, what):
    found = _call(sol.prunable_weights, f"prunable_weights({what})", model, hint=LIST_HINT)
    wanted = [m for _, m in _graders_layers(model)]
    ok = (isinstance(found, (list, tuple)) and len(found) == len(wanted)
          and all(isinstance(p, tuple) and len(p) == 2 and p[0] is m and p[1] == "weight"
                  for p, m in zip(found, wanted)))
    describe = [(type(p[0]).__name__, p[1] if isinstance(p[1], str) else type(p[1]).__name__)
                if isinstance(p, tuple) and len(p) == 2 else type(p).__name__
                for p in (found if isinstance(found, (list, tuple)) else [])]
    ck.expect(ok, f"prunable_weights({what}) = the {len(wanted)} pairs (module, 'weight') of "
              f"{[type(m).__name__ for m in wanted]} (the same module objects, in order)",
              str(describe) if isinstance(found, (list, tuple)) else type(found).__name__, LIST_HINT)


def _small_model(case):
    """A graders' model: Conv1d, BatchNorm1d (random scales), ReLU, max-pool, Flatten, a nested
    Sequential(Linear, ReLU), Linear; each prunable layer's weights scaled by its own factor."""
    channels, kernel, hidden, bias, scales, _, seed = case
    model = ck.seeded(seed % 10_000, lambda: nn.Sequential(
        nn.Conv1d(4, channels, kernel), nn.BatchNorm1d(channels), nn.ReLU(), nn.AdaptiveMaxPool1d(1),
        nn.Flatten(), nn.Sequential(nn.Linear(channels, hidden, bias=bias), nn.ReLU()), nn.Linear(hidden, 3)))
    g = _gen(seed)
    with torch.no_grad():
        for (_, layer), scale in zip(_graders_layers(model), scales):
            layer.weight.mul_(scale)
            layer.weight[layer.weight == 0] = 0.01  # no weight is 0 before pruning
        model[1].weight.copy_(0.01 + 0.3 * torch.rand(channels, generator=g))
    return model


def _check_small(sol, case):
    sparsity = case[-2]
    model = _small_model(case)
    what = (f"the graders' model (Conv1d(4, {case[0]}, {case[1]}), BatchNorm1d, ..., Linear({case[0]}, "
            f"{case[2]}, bias={case[3]}), Linear({case[2]}, 3))")
    _expect_pairs(sol, model, what)
    original, scale = _weights(model), model[1].weight.detach().clone()
    _prune(sol, model, sparsity, f"prune_globally({what}, {sparsity:.4g})")
    _expect_globally_smallest(original, model, sparsity, f"prune_globally({what}, {sparsity:.4g})")
    ck.expect(torch.equal(model[1].weight.detach(), scale), f"{what}: the BatchNorm1d scale unchanged",
              "changed values", "only nn.Linear and nn.Conv1d weights are prunable")
    _expect_report(sol, model, f"{what} pruned to {sparsity:.4g}")


def _test_data():
    (x_train, y_train), (x_test, y_test) = splits()
    return x_train, y_train, x_test, y_test


def _pruned_classifier(sol, sparsity):
    model = trained_classifier()
    return _prune(sol, model, sparsity, f"prune_globally(trained_classifier(), {sparsity})")


def _total_zeros(model):
    return sum(int(z.sum()) for z in _zeros(model).values())


# ---------------------------------------------------------------- checks ------------

def test_global_smallest(sol):
    model = trained_classifier()
    _expect_pairs(sol, model, "trained_classifier()")
    for sparsity in (0.8, 0.3):
        model = trained_classifier()
        original = _weights(model)
        what = f"prune_globally(trained_classifier(), {sparsity})"
        _prune(sol, model, sparsity, what)
        _expect_globally_smallest(original, model, sparsity, what)
        _expect_report(sol, model, f"the classifier pruned to {sparsity}")
    ck.for_all(MODEL_CASES, lambda c: _check_small(sol, c), max_examples=20)


def test_made_permanent(sol):
    x = _test_data()[2][:128]
    model = _pruned_classifier(sol, 0.6)
    with torch.no_grad():
        before = model(x)
    masked = _weights(model)
    what = "make_permanent(the classifier pruned to 0.6)"
    out = _call(sol.make_permanent, what, model, hint=PERMANENT_HINT)
    ck.expect(out is model, f"{what} to return the model it was given", type(out).__name__, PERMANENT_HINT)
    wanted = sorted(n for n, _ in PromoterClassifier().named_parameters())
    found = sorted(n for n, _ in model.named_parameters())
    ck.expect(found == wanted, f"{what}: the parameters of an unpruned PromoterClassifier {wanted} (in any "
              "order)", str(found),
              PERMANENT_HINT + " (no weight_orig left)")
    buffers = [n for n, _ in model.named_buffers()]
    ck.expect(not buffers, f"{what}: no buffers (no weight_mask left)", str(buffers), PERMANENT_HINT)
    hooked = [n or "the model" for n, m in model.named_modules() if m._forward_pre_hooks]
    ck.expect(not hooked, f"{what}: no forward pre-hooks left on any module", f"hooks on {hooked}",
              PERMANENT_HINT)
    for name, layer in _graders_layers(model):
        weight = layer._parameters.get("weight")
        ck.expect(isinstance(weight, nn.Parameter) and weight.requires_grad,
                  f"{what}: {name}.weight a registered nn.Parameter that requires grad",
                  type(layer.__dict__.get("weight", weight)).__name__, PERMANENT_HINT)
        ck.expect(torch.equal(weight.detach().double(), masked[name]),
                  f"{what}: {name}.weight equal to weight_orig * weight_mask before (the same zeros)",
                  "other values", PERMANENT_HINT)
    plain = PromoterClassifier()
    try:
        plain.load_state_dict(model.state_dict())
    except RuntimeError as error:
        raise ck.CheckFailure(f"{what}: a state_dict that loads into a plain PromoterClassifier (strict)",
                              str(error).splitlines()[0][:300], PERMANENT_HINT) from None
    with torch.no_grad():
        after = plain.eval()(x)
    ck.expect_close(after, before, f"{what}: the logits on 128 test sequences of a plain PromoterClassifier "
                    "loaded with its state_dict vs the pruned model's", PERMANENT_HINT, rtol=1e-5, atol=1e-6)
    # An unpruned model: nothing to remove, nothing changes.
    model = trained_classifier()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    what = "make_permanent(trained_classifier()) (not pruned)"
    _call(sol.make_permanent, what, model, hint="skip the layers that are not pruned: prune.remove raises a "
          "ValueError on them (if prune.is_pruned(module): ...)")
    now = model.state_dict()
    ck.expect(list(now) == list(state) and all(torch.equal(now[k], v) for k, v in state.items()),
              f"{what}: the same state_dict", "other keys or values", PERMANENT_HINT)


def _expect_biases(model, original, what):
    for name, layer in _graders_layers(model):
        if original.get(name) is None:
            continue
        extra = [n for n, _ in layer.named_parameters()] + [n for n, _ in layer.named_buffers()]
        ck.expect(not any(n.startswith("bias_") for n in extra),
                  f"{what}: {name} without bias_orig or bias_mask", str(extra), BIAS_HINT)
        bias = layer._parameters.get("bias")
        ck.expect(isinstance(bias, nn.Parameter), f"{what}: {name}.bias still a registered nn.Parameter",
                  type(layer.__dict__.get("bias", bias)).__name__, BIAS_HINT)
        ck.expect(torch.equal(bias.detach(), original[name]), f"{what}: {name}.bias unchanged",
                  f"{int((bias.detach() != original[name]).sum())} of {bias.numel()} entries changed",
                  BIAS_HINT)


def _tiny_bias_model():
    """Biases all below 1e-3, every weight above 0.05 in absolute value."""
    model = ck.seeded(3, lambda: nn.Sequential(nn.Conv1d(4, 6, 5), nn.ReLU(), nn.AdaptiveMaxPool1d(1),
                                               nn.Flatten(), nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3)))
    g = _gen(3)
    with torch.no_grad():
        for _, layer in _graders_layers(model):
            w = torch.randn(layer.weight.shape, generator=g)
            layer.weight.copy_(w.sign() * (w.abs() + 0.05))
            layer.bias.copy_(1e-4 * torch.rand(layer.bias.shape, generator=g) + 1e-5)
    return model


def test_biases_untouched(sol):
    model = trained_classifier()
    original = {n: m.bias.detach().clone() for n, m in _graders_layers(model)}
    _prune(sol, model, 0.9, "prune_globally(trained_classifier(), 0.9)")
    _expect_biases(model, original, "prune_globally(trained_classifier(), 0.9)")
    _call(sol.make_permanent, "make_permanent(the classifier pruned to 0.9)", model, hint=PERMANENT_HINT)
    _expect_biases(model, original, "the classifier pruned to 0.9, then make_permanent")
    model = _tiny_bias_model()
    original = {n: m.bias.detach().clone() for n, m in _graders_layers(model)}
    what = "prune_globally(the graders' model with biases below 1e-3 and weights above 0.05, 0.5)"
    _prune(sol, model, 0.5, what)
    _expect_biases(model, original, what)


def _tuned_copy(sol, model, x, y, seed):
    what = "fine_tune(the classifier pruned to 0.7, x_train, y_train, steps=5, generator)"
    _call(sol.fine_tune, what, model, x, y, steps=5, generator=_gen(seed), hint=TUNE_HINT)
    return [w for w in _weights(model).values()]


def test_zeros_survive(sol):
    x, y, _, _ = _test_data()
    model = _pruned_classifier(sol, 0.7)
    zeros, before = _zeros(model), _weights(model)
    what = "fine_tune(the classifier pruned to 0.7, x_train, y_train, steps=20, batch_size=32, generator)"
    losses = _call(sol.fine_tune, what, model, x, y, steps=20, batch_size=32, generator=_gen(1),
                   hint=TUNE_HINT)
    ck.expect_float_list(losses, 20, f"{what}'s losses", per="step")
    after = _weights(model)
    for name, z in zeros.items():
        regrown = int((after[name][z] != 0).sum())
        ck.expect(regrown == 0, f"{what}: every weight of {name} pruned before the fine-tune still exactly 0",
                  f"{regrown} of {int(z.sum())} pruned weights non-zero again", MASK_HINT)
        moved = int((after[name][~z] != before[name][~z]).sum())
        ck.expect(moved > 0, f"{what}: kept weights of {name} changed (the fine-tune trains them)",
                  "no kept weight changed", TUNE_HINT)
    _call(sol.make_permanent, f"make_permanent after {what}", model, hint=PERMANENT_HINT)
    final = _zeros(model)
    for name, z in zeros.items():
        ck.expect(torch.equal(final[name], z), f"{what}, then make_permanent: the zeros of {name} exactly "
                  f"those of the pruning ({int(z.sum())}, at the same positions)",
                  f"{int(final[name].sum())} zeros, {int((final[name] & z).sum())} of them where the pruning "
                  "put one", MASK_HINT)
    # the same pruned model twice (pruned under one seed), so that only fine_tune runs below
    models = [ck.seeded(5, _pruned_classifier, sol, 0.7) for _ in range(2)]
    runs = ck.under_global_seeds(lambda: _tuned_copy(sol, models.pop(), x, y, 2),
                                 "fine_tune(..., steps=5, generator=torch.Generator().manual_seed(2))",
                                 "draw every batch from the generator you are given "
                                 "(torch.randint(..., generator=generator))")
    ck.expect(all(torch.equal(a, b) for a, b in zip(*runs)),
              "fine_tune with the same generator seed under two different global seeds: the same weights",
              "different weights", "draw every batch from the generator you are given")


def test_accuracy_kept(sol):
    x_train, y_train, x_test, y_test = _test_data()
    for sparsity in ACCURACY_SPARSITIES:
        model = _pruned_classifier(sol, sparsity)
        what = (f"the classifier pruned to {sparsity}, fine_tune(model, x_train, y_train, "
                "generator=torch.Generator().manual_seed(0)) (the defaults), make_permanent")
        losses = _call(sol.fine_tune, what, model, x_train, y_train, generator=_gen(0), hint=TUNE_HINT)
        ck.expect_float_list(losses, DEFAULT_STEPS, f"{what}: the losses", per="step (default steps=50)")
        _call(sol.make_permanent, what, model, hint=PERMANENT_HINT)
        count, k = _total_zeros(model), round(sparsity * N_WEIGHTS)
        ck.expect(count == k, f"{what}: exactly {k} zero weights (a model pruned to {sparsity})",
                  f"{count} zeros", GLOBAL_HINT + "; " + MASK_HINT)
        found = accuracy(model, x_test, y_test)
        ck.expect(found >= ACCURACY_BAR, f"{what}: test accuracy >= {ACCURACY_BAR} (the original: 0.984)",
                  f"{found:.3f}", "rank |w| over ALL Linear and Conv1d weights together (global, L1: the "
                  "smallest are pruned, mask 1 = keep), then fine-tune with the masks on: " + TUNE_HINT)
