"""Graders: session 6, exercise 4 (GradientReversal, grad_reverse, DANN, dann_losses, adabn)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.checks.devices import DEVICE_HINT
from coursekit.data.session06 import MotifCNN, domain_dataset, pretrained_model, pretrained_state_dict

# adversarial_losses: the graders' own loop (a small trunk, full batches, Adam)
ADV_SOURCE_N, ADV_TARGET_N, ADV_STEPS, ADV_LR, ADV_CHANNELS, ADV_SEED = 64, 64, 40, 0.02, 16, 9
LABEL_FALL, DOMAIN_RATIO = 1.5, 1.3
# adabn checks
STATS_N, STATS_SEED = 24, 61
ADAPT_N, ADAPT_SEED, HELD_OUT_N, HELD_OUT_SEED, ADAPT_GAIN = 200, 62, 400, 63, 0.06
DANN_DEFAULT_COUNT = 119_653  # MotifCNN().features 84,704 + label head 2,052 + domain head 32,897
REVERSAL_HINT = ("forward returns x unchanged (x.view_as(x) or x.clone()), backward returns "
                 "(-lambd * grad_output, None); grad_reverse(x, lambd=1.0) calls GradientReversal.apply")


class _MaxAndMean(nn.Module):
    """[N, C, L] -> [N, 2C]: each channel's strongest response and its average response."""

    def forward(self, h):
        return torch.cat([h.amax(dim=-1), h.mean(dim=-1)], dim=1)


def _small_trunk(channels):
    """The graders' trunk: Conv1d(4, C, 9, padding=4), BatchNorm1d(C), ReLU, max and mean over positions."""
    return nn.Sequential(nn.Conv1d(4, channels, 9, padding=4), nn.BatchNorm1d(channels), nn.ReLU(),
                         _MaxAndMean())


def _dann(sol, trunk_channels=None, seed=0, **kwargs):
    """sol.DANN on a fresh trunk: MotifCNN().features (no channels) or the graders' small one."""
    def make():
        if trunk_channels is None:
            return sol.DANN(MotifCNN().features, **kwargs)
        return sol.DANN(_small_trunk(trunk_channels), 2 * trunk_channels, **kwargs)
    what = "DANN(MotifCNN().features)" if trunk_channels is None else \
        f"DANN(<trunk with {2 * trunk_channels} features>, {2 * trunk_channels}, ...)"
    return ck.build_model(make, seed=seed, what=what), what


def _one_hot(n, length, seed):
    g = torch.Generator().manual_seed(seed)
    return F.one_hot(torch.randint(0, 4, (n, length), generator=g), 4).permute(0, 2, 1).float()


def _domain_linears(model, what):
    ck.expect(isinstance(getattr(model, "domain_head", None), nn.Module), f"{what}.domain_head, an nn.Module",
              type(getattr(model, "domain_head", None)).__name__,
              "self.domain_head = nn.Sequential(nn.Linear(feature_dim, 64), nn.ReLU(), nn.Linear(64, 1))")
    linears = [m for m in model.domain_head.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(linears) == 2, f"{what}.domain_head holding two nn.Linear layers",
              f"{len(linears)}", "Linear(feature_dim, 64), ReLU, Linear(64, 1)")
    return linears


def _layout(model, what, feature_dim, num_classes):
    ck.expect_registered(model, what)
    ck.expect_linear(getattr(model, "label_head", None), feature_dim, num_classes, f"{what}.label_head")
    first, second = _domain_linears(model, what)
    ck.expect_linear(first, feature_dim, 64, f"the first Linear of {what}.domain_head")
    ck.expect_linear(second, 64, 1, f"the second Linear of {what}.domain_head")


def _trusted_forward(weights, x, eps):
    """Class and domain logits from plain functions (no reversal): conv, batch statistics, heads."""
    h = F.conv1d(x, weights["conv_w"], weights["conv_b"], padding=4)
    h = F.batch_norm(h, None, None, weights["bn_w"], weights["bn_b"], training=True, eps=eps)
    pooled = torch.relu(h)
    shared = torch.cat([torch.amax(pooled, 2), torch.mean(pooled, 2)], dim=1)
    hidden = torch.relu(F.linear(shared, weights["d1_w"], weights["d1_b"]))
    return F.linear(shared, weights["label_w"], weights["label_b"]), F.linear(hidden, weights["d2_w"],
                                                                           weights["d2_b"])[:, 0]


def _named_tensors(model, what):
    """The student's parameters under the graders' names (trunk, label head, domain head)."""
    conv, norm = model.features[0], model.features[1]
    first, second = _domain_linears(model, what)
    return {"conv_w": conv.weight, "conv_b": conv.bias, "bn_w": norm.weight, "bn_b": norm.bias,
            "label_w": model.label_head.weight, "label_b": model.label_head.bias,
            "d1_w": first.weight, "d1_b": first.bias, "d2_w": second.weight, "d2_b": second.bias}


TRUNK_KEYS = ("conv_w", "conv_b", "bn_w", "bn_b")
LABEL_KEYS = ("label_w", "label_b")


def _trusted_grads(model, what, source_x, source_y, target_x):
    """(label loss, domain loss, d label / d w, d domain / d w) on copies of the weights."""
    copies = {k: v.detach().clone().requires_grad_() for k, v in _named_tensors(model, what).items()}
    class_logits, domain_logits = _trusted_forward(copies, torch.cat([source_x, target_x]),
                                                   model.features[1].eps)
    n_src, n_all = source_x.shape[0], source_x.shape[0] + target_x.shape[0]
    label = F.cross_entropy(class_logits[:n_src], source_y)
    domain_of = (torch.arange(n_all) >= n_src).float()  # 0 source, 1 target
    domain = F.binary_cross_entropy_with_logits(domain_logits, domain_of)
    names = list(copies)
    by_label = torch.autograd.grad(label, [copies[k] for k in names], retain_graph=True, allow_unused=True)
    by_domain = torch.autograd.grad(domain, [copies[k] for k in names], allow_unused=True)
    zero = lambda g, k: torch.zeros_like(copies[k]) if g is None else g  # noqa: E731
    return (label.detach(), domain.detach(), {k: zero(g, k) for k, g in zip(names, by_label)},
            {k: zero(g, k) for k, g in zip(names, by_domain)})


def _bn_inputs(x):
    """The inputs of the two BatchNorm layers of the pretrained MotifCNN when it runs on all of
    ``x`` in train mode, recomputed in float64 from its state dict."""
    w = {k: v.double() for k, v in pretrained_state_dict().items()}
    first = F.conv1d(x.double(), w["features.0.weight"], w["features.0.bias"], padding=4)
    mu, var = first.mean(dim=(0, 2), keepdim=True), first.var(dim=(0, 2), unbiased=False, keepdim=True)
    normed = (first - mu) / torch.sqrt(var + 1e-5) * w["features.1.weight"][:, None] \
        + w["features.1.bias"][:, None]
    second = F.conv1d(F.max_pool1d(torch.relu(normed), 4), w["features.4.weight"], w["features.4.bias"],
                      padding=2)
    return {"features.1": first, "features.5": second}


def _first_failure_of(strategy, check, max_examples):
    """ck.for_all, reporting the first failing case on its own (a wrong solution often fails in
    several ways at once, which hypothesis would report as a group)."""
    failures = []

    def guarded(case):
        if not failures:
            try:
                check(case)
            except Exception as err:  # noqa: BLE001 - re-raised below, as it was
                failures.append(err)

    ck.for_all(strategy, guarded, max_examples)
    if failures:
        raise failures[0]


def _accuracy(model, x, y):
    with torch.no_grad():
        return (model.eval()(x).argmax(dim=1) == y).float().mean().item()


def test_reversal_forward(sol):
    reversal = sol.GradientReversal
    ck.expect(isinstance(reversal, type) and issubclass(reversal, torch.autograd.Function),
              "GradientReversal, a subclass of torch.autograd.Function", repr(sol.GradientReversal),
              "class GradientReversal(torch.autograd.Function) with @staticmethod forward and backward")

    def check(case):
        shape, dtype, lambd, tracked, via_apply, seed = case
        g = torch.Generator().manual_seed(seed)
        x = torch.randn(shape, generator=g, dtype=dtype).requires_grad_(tracked)
        before = x.detach().clone()
        if via_apply:
            y, call = sol.GradientReversal.apply(x, 1.0 if lambd is None else lambd), "GradientReversal.apply"
        elif lambd is None:
            y, call = sol.grad_reverse(x), "grad_reverse (lambd left out)"
        else:
            y, call = sol.grad_reverse(x, lambd), "grad_reverse"
        what = f"{call} of a {dtype} tensor of shape {tuple(shape)}" + (
            "" if lambd is None else f", lambd={lambd}")
        ck.expect_tensor(y, what, tuple(shape), dtype)
        ck.expect(torch.equal(y.detach(), before) and torch.equal(x.detach(), before),
                  f"{what}: the values of x, unchanged (the forward pass is the identity)",
                  "different values", REVERSAL_HINT + "; lambd scales only the gradient")
        ck.expect(y is not x, f"{what}: a new tensor (a node of the graph)", "x itself",
                  "return GradientReversal.apply(x, lambd), not x with a hook on it")
        if tracked:
            node = type(y.grad_fn) if y.grad_fn is not None else None
            ck.expect(getattr(node, "_forward_cls", None) is sol.GradientReversal,
                      f"{what}: the output made by GradientReversal (its grad_fn)",
                      "no grad_fn" if node is None else f"grad_fn {node.__name__}",
                      "return GradientReversal.apply(x, lambd) so that autograd calls its backward")

    _first_failure_of(st.tuples(st.lists(st.integers(1, 5), min_size=1, max_size=3),
                                st.sampled_from([torch.float32, torch.float64]),
                                st.sampled_from([None, 1.0, 0.5, 2.0, 0.0]), st.booleans(), st.booleans(),
                                st.integers(0, 10_000)), check, max_examples=30)


def test_reversal_backward(sol):
    g = torch.Generator().manual_seed(5)
    for lambd in (None, 1.0, 0.5, 2.0, 0.0, 3.7):
        x = torch.randn(4, 6, generator=g).requires_grad_()
        upstream = torch.randn(4, 6, generator=g)
        y = sol.grad_reverse(x) if lambd is None else sol.grad_reverse(x, lambd)
        factor = 1.0 if lambd is None else lambd
        call = "grad_reverse(x)" if lambd is None else f"grad_reverse(x, {lambd})"
        (found,) = torch.autograd.grad(y, x, upstream)
        ck.expect_close(found, -factor * upstream,
                        f"the gradient through {call} for a given upstream gradient",
                        REVERSAL_HINT + ("; the default is lambd=1.0" if lambd is None else ""))
    # only the path through the reversal is flipped: y = reverse(2x) * a + 2x * b
    x = torch.randn(3, 5, generator=g).requires_grad_()
    a, b = torch.randn(3, 5, generator=g), torch.randn(3, 5, generator=g)
    doubled = 2 * x
    (sol.grad_reverse(doubled, 0.5) * a + doubled * b).sum().backward()
    ck.expect_close(x.grad, 2 * (-0.5 * a + b), "d/dx of sum(grad_reverse(2x, 0.5) * a + 2x * b)",
                    "reverse only the gradient that flows through grad_reverse (a hook on x or on 2x also "
                    "flips the other path)")
    # gradcheck in float64: reverse(u) + (1 + lambd) * (u - u.detach()) has the Jacobian of the identity
    for lambd in (None, 0.5, 2.0):
        factor = 1.0 if lambd is None else lambd

        def composed(v, lambd=lambd, factor=factor):
            inner = torch.sin(v)
            rev = sol.grad_reverse(inner) if lambd is None else sol.grad_reverse(inner, lambd)
            return torch.tanh(rev + (1 + factor) * (inner - inner.detach()))

        v = torch.randn(7, generator=g, dtype=torch.float64).requires_grad_()
        passed = torch.autograd.gradcheck(composed, (v,), eps=1e-6, atol=1e-5, raise_exception=False)
        label = "lambd left out" if lambd is None else f"lambd={lambd}"
        ck.expect(passed, f"torch.autograd.gradcheck of tanh(grad_reverse(sin v) + (1 + lambd) * (sin v - "
                  f"(sin v).detach())) ({label}), whose true Jacobian is that of tanh(sin v)",
                  "the analytic and numerical Jacobians differ", REVERSAL_HINT)


def test_dann_gradients(sol):
    model, what = _dann(sol)
    _layout(model, what + " (defaults feature_dim=512, num_classes=4)", 512, 4)
    ck.expect_param_count(model, DANN_DEFAULT_COUNT, what + " (defaults feature_dim=512, num_classes=4)")
    with torch.no_grad():
        out = model.eval()(_one_hot(6, 80, seed=8))
    ck.expect(isinstance(out, tuple) and len(out) == 2, f"{what} to return (class_logits, domain_logits)",
              type(out).__name__, "return a tuple of two tensors")
    ck.expect_tensor(out[0], f"the class logits of {what} for 6 sequences", (6, 4))
    ck.expect_tensor(out[1], f"the domain logits of {what} for 6 sequences", (6,),
                     hint="one logit per sequence: .squeeze(-1) of the [N, 1] output")

    model, what = _dann(sol, trunk_channels=8, seed=1, num_classes=3)
    _layout(model, what, 16, 3)
    source_x, target_x = domain_dataset("mouse", 12, seed=9)[0], domain_dataset("human", 8, seed=10)[0]
    source_y = torch.arange(12) % 3
    model.train()
    for lambd in (0.5, 2.0):
        label_t, domain_t, by_label, by_domain = _trusted_grads(model, what, source_x, source_y, target_x)
        model.zero_grad(set_to_none=True)
        losses = sol.dann_losses(model, source_x, source_y, target_x, lambd)
        call = f"dann_losses(model, 12 source, 12 labels, 8 target, lambd={lambd})"
        ck.expect(isinstance(losses, (tuple, list)) and len(losses) == 2,
                  f"{call} to return (label_loss, domain_loss)", type(losses).__name__,
                  "return a tuple of two 0-d tensors")
        for loss, trusted, name, hint in (
                (losses[0], label_t, "label_loss", "cross-entropy of the SOURCE rows' class logits with "
                 "source_y, from ONE forward pass of torch.cat([source_x, target_x]) (BatchNorm sees both "
                 "domains)"),
                (losses[1], domain_t, "domain_loss", "binary cross-entropy with logits over ALL rows, source "
                 "labelled 0 and target 1, from ONE forward pass of torch.cat([source_x, target_x])")):
            ck.expect_tensor(loss, f"{name} of {call}", ())
            ck.expect_close(loss, trusted, f"{name} of {call}", hint)
        (losses[0] + losses[1]).backward()
        named = _named_tensors(model, what)
        for key, param in named.items():
            if key in TRUNK_KEYS:
                wanted, part = by_label[key] - lambd * by_domain[key], "trunk (d label - lambd * d domain)"
            elif key in LABEL_KEYS:
                wanted, part = by_label[key], "label head (d label only)"
            else:
                wanted, part = by_domain[key], "domain head (plain d domain, not reversed)"
            ck.expect(param.grad is not None, f"a gradient for the {part} parameter {key}", "None",
                      "do not compute the features under torch.no_grad() or detach them: the trunk must "
                      "learn from both losses")
            ck.expect_close(param.grad, wanted, f"after backward of label_loss + domain_loss of {call}: "
                            f"the {part} gradient of {key}",
                            "the domain head sees grad_reverse(features, lambd); the label head sees the "
                            "features directly")
    # forward's default lambd=1.0: the trunk gets minus the plain domain gradient
    x = torch.cat([source_x, target_x])
    model.zero_grad(set_to_none=True)
    ones = (torch.arange(20) >= 12).float()
    out = model(x)
    F.binary_cross_entropy_with_logits(out[1], ones).backward()
    _, _, _, plain = _trusted_grads(model, what, source_x, source_y, target_x)
    for key in TRUNK_KEYS:
        ck.expect_close(_named_tensors(model, what)[key].grad, -plain[key],
                        f"model(x) with lambd left out: the trunk gradient of {key} from the domain loss",
                        "forward(x, lambd=1.0): the default reverses the gradient with factor 1")


def _adversarial_run(sol, lambd, data):
    source_x, source_y, target_x = data
    model, _ = _dann(sol, trunk_channels=ADV_CHANNELS, seed=ADV_SEED, num_classes=4)
    adam = torch.optim.Adam(model.parameters(), lr=ADV_LR)
    model.train()
    label_curve, domain_curve = [], []
    for _ in range(ADV_STEPS):
        adam.zero_grad()
        label, domain = sol.dann_losses(model, source_x, source_y, target_x, lambd)
        (label + domain).backward()
        adam.step()
        label_curve.append(label.detach().item())
        domain_curve.append(domain.detach().item())
    ck.expect_finite(label_curve + domain_curve, f"the losses of the run with lambd={lambd}")
    return label_curve, domain_curve


def test_adversarial_losses(sol):
    source_x, source_y = domain_dataset("mouse", ADV_SOURCE_N, seed=ADV_SEED)
    target_x, _ = domain_dataset("human", ADV_TARGET_N, seed=ADV_SEED + 100)
    data = (source_x, source_y, target_x)
    label_rev, domain_rev = ck.seeded(ADV_SEED, _adversarial_run, sol, 1.0, data)
    _, domain_plain = ck.seeded(ADV_SEED, _adversarial_run, sol, 0.0, data)
    half = ADV_STEPS // 2
    first, last = label_rev[0], sum(label_rev[-5:]) / 5
    run = f"{ADV_STEPS} full-batch Adam steps (lr {ADV_LR}) of label_loss + domain_loss"
    ck.expect(last <= first / LABEL_FALL, f"with lambd=1.0, {run}: the label loss falls by {LABEL_FALL}x "
              f"(from {first:.3f} to <= {first / LABEL_FALL:.3f}, mean of the last 5 steps)", f"{last:.3f}",
              "the label head and the trunk follow the label loss normally (no reversal on that path)")
    rev, plain = sum(domain_rev[half:]) / half, sum(domain_plain[half:]) / half
    ck.expect(rev >= DOMAIN_RATIO * plain,
              f"the domain loss (mean of steps {half + 1}-{ADV_STEPS}) to stay high with lambd=1.0: at least "
              f"{DOMAIN_RATIO}x that of the same run with lambd=0.0 ({plain:.3f}): "
              f">= {DOMAIN_RATIO * plain:.3f}",
              f"{rev:.3f}", "the domain head must see grad_reverse(features, lambd) so that the trunk works "
                            "AGAINST it; with lambd=0.0 the trunk gets no domain gradient at all")


def test_adabn_statistics(sol):
    model = pretrained_model()
    norms = {n: m for n, m in model.named_modules() if isinstance(m, nn.BatchNorm1d)}
    for i, norm in enumerate(norms.values()):
        norm.momentum = 0.1 + 0.1 * i  # any value: adabn must put it back
    weights = {k: v.detach().clone() for k, v in model.named_parameters()}
    target_x, _ = domain_dataset("human", STATS_N, seed=STATS_SEED)
    returned = sol.adabn(model, target_x)
    call = f"adabn(pretrained_model(), {STATS_N} human-domain sequences)"
    ck.expect(returned is model, f"{call} to return the same model object", type(returned).__name__,
              "update the model in place and return it")
    modes = sorted(n or "(the model)" for n, m in model.named_modules() if m.training)
    ck.expect(not modes, f"{call}: the model in eval mode", "in train mode: " + ", ".join(modes),
              "end with model.eval(): the new statistics are used only in eval mode")
    for name, norm in norms.items():
        momentum = 0.1 + 0.1 * list(norms).index(name)
        ck.expect(norm.momentum == momentum, f"{call}: {name}.momentum put back to {momentum:g}",
                  repr(norm.momentum), "save each BatchNorm's momentum, set None for the pass, restore it")
    for key, value in model.named_parameters():
        ck.expect(torch.equal(value.detach(), weights[key]), f"{call}: parameter {key} unchanged",
                  "a changed value", "AdaBN changes only the running statistics, no weights (no optimizer)")
    inputs = _bn_inputs(target_x)
    for name, norm in norms.items():
        var, mean = torch.var_mean(inputs[name], dim=(0, 2), correction=1)
        ck.expect_close(norm.running_mean, mean, f"{call}: {name}.running_mean (the per-channel mean of "
                        "its inputs over all target sequences and positions)",
                        "reset_running_stats(), momentum=None, one forward pass in train mode over ALL "
                        "target sequences at once")
        ck.expect_close(norm.running_var, var, f"{call}: {name}.running_var (the unbiased per-channel "
                        "variance of its inputs over all target sequences and positions)",
                        "running_var holds the UNBIASED variance (divide by n - 1), as BatchNorm stores it")


def test_adaptation_helps(sol):
    model = pretrained_model()
    held_x, held_y = domain_dataset("human", HELD_OUT_N, seed=HELD_OUT_SEED)
    before = _accuracy(model, held_x, held_y)
    sol.adabn(model, domain_dataset("human", ADAPT_N, seed=ADAPT_SEED)[0])
    after = _accuracy(model, held_x, held_y)
    ck.expect(after >= before + ADAPT_GAIN,
              f"the pretrained model's accuracy on {HELD_OUT_N} held-out human-domain sequences to rise by "
              f">= {ADAPT_GAIN} after adabn on {ADAPT_N} unlabelled ones (from {before:.3f} to >= "
              f"{before + ADAPT_GAIN:.3f})", f"{after:.3f}",
              "replace the running statistics by the target data's own (momentum=None after "
              "reset_running_stats(), train mode for the pass), not a 10% step towards them")


def test_follows_device(sol):
    example = _one_hot(3, 80, seed=11)
    ck.expect_follows_device(lambda: _dann(sol)[0], example, "DANN(MotifCNN().features)")
    model = _dann(sol)[0].to("meta").train()
    source_x, target_x = example.to("meta"), _one_hot(2, 80, seed=12).to("meta")
    source_y = torch.tensor([0, 3, 1], device="meta")
    try:
        losses = sol.dann_losses(model, source_x, source_y, target_x, 1.0)
    except RuntimeError as err:
        raise ck.CheckFailure("dann_losses to run with model and data on any device (meta here)",
                              f"RuntimeError: {err}", "make the domain labels on the logits' device: "
                              "torch.zeros(n, device=x.device) or torch.ones_like(domain_logits)") from None
    for name, loss in zip(("label_loss", "domain_loss"), losses):
        ck.expect(loss.device.type == "meta", f"dann_losses: {name} on the data's device",
                  str(loss.device), DEVICE_HINT)


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _dann(sol)[0], _one_hot(16, 80, seed=13), "DANN(MotifCNN().features)")
