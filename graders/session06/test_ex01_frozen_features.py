"""Graders: session 6, exercise 1 (AdaptedModel: a frozen pretrained trunk and a new head)."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session06 import domain_dataset, pretrained_model, pretrained_state_dict, species_dataset

TRUNK_SIZE, FEATURE_DIM = 84_704, 512
# (num_classes, hidden, dropout); None = left out of the call (defaults 3, 256, 0.3)
CONFIGS = [(None, None, None), (2, 64, 0.5), (5, 32, 0.0)]
TRAIN_N, TEST_N, DATA_SEED, INIT_SEED = 120, 200, 61, 3
STEPS, LR, ACCURACY_BAR = 30, 0.01, 0.85
FROZEN_STEPS, FROZEN_N = 4, 48
BN_EPS = 1e-5
FREEZE_HINT = ("set requires_grad = False on every parameter of self.features (the BatchNorm "
               "weight and bias too, not only the convolutions), and nothing else")
SIZE_HINT = ("only the adapter trains: Linear(512, hidden), ReLU, Dropout, Linear(hidden, num_classes), "
             "every parameter trainable; the defaults are num_classes=3, hidden=256")
EVAL_HINT = ("keep self.features in eval mode whatever model.train() does (override train() to put "
             "self.features back in eval mode, or call self.features.eval() in forward): in train "
             "mode BatchNorm normalises with the batch's statistics and moves its running ones, "
             "even under torch.no_grad()")


def _call(config):
    """Keyword arguments and their text, leaving out the ones that are None."""
    names = ("num_classes", "hidden", "dropout")
    kwargs = {k: v for k, v in zip(names, config) if v is not None}
    return kwargs, "AdaptedModel(pretrained_model()" + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")"


def _settings(config):
    classes, width, p = config
    return (3 if classes is None else classes, 256 if width is None else width, 0.3 if p is None else p)


def _build(sol, config=(None, None, None), seed=0, base_mode=False):
    """(model, base model, call text): the student's model on a fresh pretrained CNN (handed
    over in eval mode, or in train mode with base_mode=True)."""
    kwargs, what = _call(config)
    base = pretrained_model().train(base_mode)
    model = ck.build_model(sol.AdaptedModel, base, seed=seed, what=what, **kwargs)
    for part in ("features", "adapter"):
        ck.expect(isinstance(getattr(model, part, None), nn.Module), f"{what}.{part} to be an nn.Module",
                  type(getattr(model, part, None)).__name__,
                  "self.features = base_model.features and self.adapter = nn.Sequential(...)")
    return model, base, what


def _head_size(classes, width):
    """Linear(512, width) and Linear(width, classes), with biases."""
    return (FEATURE_DIM + 1) * width + (width + 1) * classes


def _batch(n, seed):
    """One-hot DNA from the GC-rich domain: its batch statistics are far from the running ones."""
    return domain_dataset("human", n, seed=seed)[0]


def _trusted_trunk(x):
    """The pretrained trunk written out by hand from its state dict, BatchNorm with running stats."""
    state = {k[len("features."):]: v.double() for k, v in pretrained_state_dict().items()
             if k.startswith("features.")}

    def normalise(h, layer):
        scale = state[f"{layer}.weight"] / torch.sqrt(state[f"{layer}.running_var"] + BN_EPS)
        shift = state[f"{layer}.bias"] - state[f"{layer}.running_mean"] * scale
        return h * scale[:, None] + shift[:, None]

    h = F.conv1d(x.double(), state["0.weight"], state["0.bias"], padding=4)
    h = normalise(h, 1).clamp(min=0)
    h = h.unfold(-1, 4, 4).max(dim=-1).values
    h = F.conv1d(h, state["4.weight"], state["4.bias"], padding=2)
    return normalise(h, 5).clamp(min=0).max(dim=-1).values


def _adapter_input(model, x):
    """(output, what the adapter received) for one call of the model."""
    seen = []
    handle = model.adapter.register_forward_pre_hook(lambda module, args: seen.append(args[0]))
    try:
        out = model(x)
    finally:
        handle.remove()
    ck.expect(len(seen) == 1, "forward to call self.adapter once, on the features",
              f"{len(seen)} calls", "forward(x) returns self.adapter(self.features(x))")
    return out, seen[0].detach()


def test_adapter_architecture(sol):
    for config in CONFIGS:
        model, base, what = _build(sol, config)
        classes, width, p = _settings(config)
        ck.expect_registered(model, what)
        ck.expect(model.features is base.features, f"{what}.features to be base_model.features itself",
                  "another module (a copy or a newly built trunk)",
                  "self.features = base_model.features: reuse the pretrained module; "
                  "do not copy or rebuild it")
        layers = list(model.adapter.children()) if isinstance(model.adapter, nn.Sequential) else []
        kinds = [type(m).__name__ for m in layers]
        ck.expect(kinds == ["Linear", "ReLU", "Dropout", "Linear"],
                  f"{what}.adapter = nn.Sequential(Linear, ReLU, Dropout, Linear)",
                  f"{type(model.adapter).__name__}({', '.join(kinds)})",
                  "exactly these four layers in this order; no Softmax (cross_entropy takes logits)")
        ck.expect_linear(layers[0], FEATURE_DIM, width, f"the first Linear of {what}.adapter")
        ck.expect_linear(layers[3], width, classes, f"the last Linear of {what}.adapter")
        ck.expect(layers[2].p == p, f"the Dropout of {what}.adapter with p = {p}", f"p = {layers[2].p}",
                  "nn.Dropout(dropout); the default dropout is 0.3")
        x = _batch(6, seed=classes)
        model.eval()
        with torch.no_grad():
            found = model(x)
            hidden = F.relu(F.linear(_trusted_trunk(x), layers[0].weight.double(), layers[0].bias.double()))
            trusted = F.linear(hidden, layers[3].weight.double(), layers[3].bias.double())
        ck.expect_tensor(found, f"{what} output for 6 sequences (eval mode)", (6, classes))
        ck.expect_close(found, trusted, f"{what} output in eval mode",
                        "logits = adapter(features(x)) with the pretrained features; no softmax at the end")


def test_trainable_count(sol):
    for config in CONFIGS:
        model, _, what = _build(sol, config)
        classes, width, _ = _settings(config)
        head = _head_size(classes, width)
        trainable = ck.count_parameters(model, trainable_only=True)
        ck.expect(trainable == head, f"{what}: {head:,} trainable parameters (the adapter's)",
                  f"{trainable:,}", FREEZE_HINT if trainable > head else SIZE_HINT)
        ck.expect_param_count(model, TRUNK_SIZE + head, f"{what} (trunk {TRUNK_SIZE:,} + adapter {head:,})")
        frozen = [n for n, w in model.features.named_parameters() if w.requires_grad]
        ck.expect(not frozen, f"every parameter of {what}.features frozen", "trainable: " + ", ".join(frozen),
                  FREEZE_HINT)
        stuck = [n for n, w in model.adapter.named_parameters() if not w.requires_grad]
        ck.expect(not stuck, f"every parameter of {what}.adapter trainable", "frozen: " + ", ".join(stuck),
                  "freeze only self.features; the new head must learn")


def test_frozen_trunk(sol):
    model, _, what = _build(sol, seed=1)
    before = {k: v.detach().clone() for k, v in model.features.state_dict().items()}
    head_before = [w.detach().clone() for w in model.adapter.parameters()]
    x, y = species_dataset("zebrafish", FROZEN_N, seed=7)
    model.eval()
    model.train()
    adam = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=0.01)
    for _ in range(FROZEN_STEPS):
        adam.zero_grad()
        loss = ck.seeded(11, lambda: F.cross_entropy(model(x), y))
        ck.expect(loss.requires_grad, f"the loss of {what} to reach the adapter's parameters",
                  "a loss without gradient", "freeze only self.features; the adapter must train")
        loss.backward()
        adam.step()
    moved = [k for k, v in model.features.state_dict().items() if not torch.equal(v, before[k])]
    weights = [k for k in moved if k.endswith(("weight", "bias"))]
    ck.expect(not weights, f"the trunk's weights unchanged by {FROZEN_STEPS} Adam steps in train mode",
              "changed: " + ", ".join(weights), FREEZE_HINT)
    ck.expect(not moved, f"the trunk's BatchNorm buffers unchanged by {FROZEN_STEPS} training steps",
              "changed: " + ", ".join(moved), EVAL_HINT)
    ck.expect(any(not torch.equal(w, w0) for w, w0 in zip(model.adapter.parameters(), head_before)),
              "the adapter's weights to change with the training steps", "no adapter weight changed",
              "the adapter's parameters must require gradients")


def test_eval_features(sol):
    model, _, what = _build(sol, seed=2, base_mode=True)
    x = _batch(16, seed=21)
    trusted = _trusted_trunk(x)
    with torch.no_grad():
        _, features = _adapter_input(model, x)
    ck.expect_close(features, trusted, f"the features of {what} built from a base model in train mode, "
                    "before any call of train() or eval()", "the trunk runs in eval mode from the start: "
                    "put self.features in eval mode in __init__ (or at the start of forward)")
    for mode in (True, False, True):
        returned = model.train(mode)
        ck.expect(returned is model, f"{what}.train({mode}) to return the model", type(returned).__name__,
                  "an overridden train() must end with `return self`, as nn.Module.train does")
        with torch.no_grad():
            _, features = _adapter_input(model, x)
        after = f"after model.train({mode})"
        ck.expect_tensor(features, f"the features of 16 sequences {after}", (16, FEATURE_DIM))
        ck.expect_close(features, trusted,
                        f"the features {after} (the trunk in eval mode, running statistics)", EVAL_HINT)
    with torch.no_grad():
        model.train()
        first, second = ck.seeded(1, model, x), ck.seeded(2, model, x)
        model.eval()
        third, fourth = ck.seeded(1, model, x), ck.seeded(2, model, x)
    ck.expect(not torch.equal(first, second), "dropout to act after model.train() (two passes differ)",
              "two identical passes", "model.train() must put the adapter in train mode; only the trunk "
              "stays in eval mode")
    ck.expect(torch.equal(third, fourth), "the same output twice after model.eval()", "two different outputs",
              "model.eval() must turn dropout off")


def test_head_learns(sol):
    x, y = species_dataset("zebrafish", TRAIN_N + TEST_N, seed=DATA_SEED)
    model, _, what = _build(sol, seed=INIT_SEED)
    trainable = [w for w in model.parameters() if w.requires_grad]
    ck.expect(bool(trainable), f"{what} to have trainable parameters", "none",
              "freeze only self.features; the adapter must train")
    adam = torch.optim.Adam(trainable, lr=LR)
    model.train()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(INIT_SEED)
        for _ in range(STEPS):
            adam.zero_grad()
            F.cross_entropy(model(x[:TRAIN_N]), y[:TRAIN_N]).backward()
            adam.step()
    model.eval()
    with torch.no_grad():
        logits = model(x[TRAIN_N:])
    ck.expect_tensor(logits, f"{what} output for {TEST_N} sequences", (TEST_N, 3))
    hits = (logits.argmax(dim=1) == y[TRAIN_N:]).float().mean().item()
    ck.expect(hits >= ACCURACY_BAR,
              f"{what} after {STEPS} full-batch Adam steps (lr {LR}) on {TRAIN_N} zebrafish sequences: "
              f"held-out accuracy >= {ACCURACY_BAR} on {TEST_N} others", f"{hits:.3f}",
              "the pretrained features, frozen, in eval mode; a trainable adapter ending in logits")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _build(sol, (2, 16, None))[0], _batch(3, seed=4),
                             "AdaptedModel(pretrained_model(), num_classes=2, hidden=16)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _build(sol)[0], _batch(16, seed=5), "AdaptedModel(pretrained_model())")
