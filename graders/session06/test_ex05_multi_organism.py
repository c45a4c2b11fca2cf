"""Graders: session 6, exercise 5 (MultiOrganismModel: a shared trunk, one head per organism)."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session06 import SPECIES, pretrained_model, species_dataset

DEFAULT_CLASSES = {"human": 4, "mouse": 4, "zebrafish": 3, "yeast": 2}
PAIR_CLASSES = {"mouse": 4, "yeast": 2}
SMALL_CLASSES = {"yeast": 2, "chicken": 5, "human": 4}
SMALL_WIDTH = 16
TRAIN_N, TEST_N, LENGTH, BATCH, ROUNDS = 128, 100, 40, 16, 32
HEAD_LR, TRUNK_LR, ACCURACY_BAR = 3e-3, 1e-4, 0.75
ROUTE_HINT = ("forward(x, organism) returns self.heads[organism](self.trunk(x)): the trunk's features "
              "through that organism's own nn.Linear, logits without softmax")
GRAD_HINT = ("run the trunk with gradients on (no torch.no_grad(), no .detach()) and only the chosen "
             "organism's head; keep the trunk you were given as self.trunk")


def _small_trunk(seed=3):
    """The graders' own trunk: [N, 4, L] -> [N, 16] (464 parameters)."""
    return ck.seeded(seed, lambda: nn.Sequential(nn.Conv1d(4, SMALL_WIDTH, 7, padding=3), nn.ReLU(),
                                                 nn.AdaptiveMaxPool1d(1), nn.Flatten()))


def _setups(sol):
    """(trunk, num_classes, feature_dim, model, call text) for the three graded models."""
    found = []
    trunk = pretrained_model().features
    found.append((trunk, DEFAULT_CLASSES, 512, ck.build_model(
        sol.MultiOrganismModel, trunk, seed=11, what="MultiOrganismModel(trunk)"),
        "MultiOrganismModel(pretrained_model().features)"))
    trunk = pretrained_model().features
    found.append((trunk, PAIR_CLASSES, 512, ck.build_model(
        sol.MultiOrganismModel, trunk, dict(PAIR_CLASSES), seed=12, what="MultiOrganismModel(trunk, {...})"),
        f"MultiOrganismModel(pretrained_model().features, {PAIR_CLASSES})"))
    trunk = _small_trunk()
    found.append((trunk, SMALL_CLASSES, SMALL_WIDTH, ck.build_model(
        sol.MultiOrganismModel, trunk, num_classes=dict(SMALL_CLASSES), feature_dim=SMALL_WIDTH, seed=13,
        what="MultiOrganismModel(small trunk, ...)"),
        f"MultiOrganismModel(small trunk, num_classes={SMALL_CLASSES}, feature_dim={SMALL_WIDTH})"))
    return found


def _logits(model, x, organism, what):
    """model(x, organism), with a shape error told in the student's terms."""
    try:
        return model(x, organism)
    except NotImplementedError:
        raise
    except (RuntimeError, IndexError, TypeError) as err:
        raise ck.CheckFailure(f"{what}({organism!r}) to run on a batch {tuple(x.shape)}",
                              f"{type(err).__name__}: {err}",
                              "each head is nn.Linear(feature_dim, k) applied to the trunk's "
                              "[N, feature_dim] features") from None


def _head_params(model, organism, what):
    named = dict(model.named_parameters())
    keys = (f"heads.{organism}.weight", f"heads.{organism}.bias")
    missing = [k for k in keys if k not in named]
    ck.expect(not missing, f"{what}: parameters {', '.join(keys)}",
              f"missing: {', '.join(missing)}; found {sorted(named)[-6:]}",
              "self.heads = nn.ModuleDict({organism: nn.Linear(feature_dim, k)})")
    return named[keys[0]], named[keys[1]]


def _sequences(n, seed, length=80):
    return species_dataset("mouse", n, seed=seed, length=length)[0]


def test_registration(sol):
    for trunk, classes, width, model, what in _setups(sol):
        ck.expect_registered(model, what)
        held = getattr(model, "trunk", None)
        ck.expect(held is trunk, f"{what}: model.trunk is the trunk passed in",
                  "no attribute trunk" if held is None else f"another object ({type(held).__name__})",
                  "store the trunk you are given as self.trunk, without copying it")
        heads = getattr(model, "heads", None)
        ck.expect(isinstance(heads, nn.ModuleDict), f"{what}: model.heads an nn.ModuleDict",
                  type(heads).__name__, "one nn.Linear per organism in self.heads = nn.ModuleDict(...), "
                  "keyed by organism (a plain dict hides the heads from PyTorch)")
        ck.expect(list(heads.keys()) == list(classes), f"{what}: heads {list(classes)} in that order",
                  str(list(heads.keys())), "one head per key of num_classes, in its order "
                  "(None means the SPECIES organisms)")
        for organism, k in classes.items():
            ck.expect_linear(heads[organism], width, k, f"{what}: heads[{organism!r}]")
        wanted = {"trunk." + name for name in trunk.state_dict()}
        wanted |= {f"heads.{organism}.{p}" for organism in classes for p in ("weight", "bias")}
        found = set(model.state_dict())
        ck.expect(found == wanted, f"{what}: state_dict keys trunk.* and heads.<organism>.weight/.bias only",
                  f"missing {sorted(wanted - found)[:4]}, unexpected {sorted(found - wanted)[:4]}",
                  "register the trunk once, as self.trunk, and the heads in self.heads")
        seen = {id(p) for p in model.parameters()}
        unseen = [n for n, p in trunk.named_parameters() if id(p) not in seen]
        ck.expect(not unseen, f"{what}: every trunk parameter in model.parameters()",
                  f"not there: {unseen[:3]}", "keep the trunk you were given as self.trunk")


def test_param_count(sol):
    for trunk, classes, width, model, what in _setups(sol):
        total = ck.count_parameters(trunk) + sum((width + 1) * k for k in classes.values())
        ck.expect_param_count(model, total, what + " (trunk counted once)")


def test_routing(sol):
    g = torch.Generator().manual_seed(21)
    for trunk, classes, width, model, what in _setups(sol)[::2]:
        model.eval()
        heads = {organism: _head_params(model, organism, what) for organism in classes}
        for n in (6, 1):
            x = _sequences(n, seed=30 + n)
            with torch.no_grad():
                features = trunk(x)
            for organism, k in classes.items():
                with torch.no_grad():
                    for w, b in heads.values():
                        w.copy_(torch.randn(w.shape, generator=g) * 0.1)
                        b.copy_(torch.randn(b.shape, generator=g))
                    w, b = heads[organism]
                    call = f"{what}(x [{n}, 4, 80], {organism!r})"
                    out = _logits(model, x, organism, what)
                    ck.expect_tensor(out, call, (n, k), hint=ROUTE_HINT)
                    ck.expect_close(out, F.linear(features, w, b), call, ROUTE_HINT)
                    for other, (w2, b2) in heads.items():
                        if other != organism:
                            w2.add_(1.0)
                            b2.sub_(2.0)
                    ck.expect_close(_logits(model, x, organism, what), out,
                                    f"{call} after changing every other organism's head",
                                    "use only heads[organism]: no other head may take part")
        unknown = ["Human", "zebra fish"] + (["chicken"] if "chicken" not in classes else [])
        x = _sequences(2, seed=40)
        for name in unknown:
            ck.expect_raises(lambda: model(x, name), KeyError, f"{what}(x, {name!r})",
                             "an organism without a head raises KeyError (names are case-sensitive); "
                             "never fall back to another head")


def test_chosen_head_gradients(sol):
    for trunk, classes, width, model, what in _setups(sol)[::2]:
        model.eval()
        heads = {organism: _head_params(model, organism, what) for organism in classes}
        for step, (organism, k) in enumerate(classes.items()):
            x = _sequences(8, seed=50 + step)
            y = torch.arange(8) % k
            model.zero_grad(set_to_none=True)
            logits = _logits(model, x, organism, what)
            ck.expect_tensor(logits, f"{what}(x [8, 4, 80], {organism!r})", (8, k), hint=ROUTE_HINT)
            F.cross_entropy(logits, y).backward()
            w, b = heads[organism]
            with torch.no_grad():
                features = trunk(x)
                delta = (torch.softmax(F.linear(features, w, b), dim=1) - F.one_hot(y, k)) / len(y)
            call = f"{what}: after a loss on {organism!r}"
            for param, trusted, name in ((w, delta.T @ features, "weight"), (b, delta.sum(0), "bias")):
                ck.expect(param.grad is not None, f"{call}: heads[{organism!r}].{name}.grad set", "None",
                          GRAD_HINT)
                ck.expect_close(param.grad, trusted, f"{call}: heads[{organism!r}].{name}.grad", GRAD_HINT)
            for name, param in trunk.named_parameters():
                ck.expect(param.grad is not None, f"{call}: trunk parameter {name} to get a gradient",
                          "no gradient (None)", GRAD_HINT)
            trusted = torch.autograd.grad(F.cross_entropy(F.linear(trunk(x), w.detach(), b.detach()), y),
                                          list(trunk.parameters()))
            for (name, param), grad in zip(trunk.named_parameters(), trusted):
                ck.expect_close(param.grad, grad, f"{call}: gradient of trunk parameter {name}", GRAD_HINT)
            for other, params in heads.items():
                if other == organism:
                    continue
                for param, name in zip(params, ("weight", "bias")):
                    leak = None if param.grad is None else param.grad.abs().max().item()
                    ck.expect(leak is None, f"{call}: heads[{other!r}].{name}.grad still None",
                              f"a gradient tensor (largest value {leak:.3g})" if leak is not None else "",
                              "run only heads[organism]: a head that takes part in the forward pass gets a "
                              "gradient (zeros at best), and Adam keeps moving a parameter whose gradient is "
                              "zero (momentum), so the other organisms' heads drift")


def test_learns_all(sol):
    trunk = pretrained_model().features
    model = ck.build_model(sol.MultiOrganismModel, trunk, seed=0, what="MultiOrganismModel(trunk)")
    splits = {}
    for index, organism in enumerate(SPECIES):
        x, y = species_dataset(organism, TRAIN_N + TEST_N, seed=index, length=LENGTH)
        splits[organism] = (x[:TRAIN_N], y[:TRAIN_N], x[TRAIN_N:], y[TRAIN_N:])
        with torch.no_grad():
            out = _logits(model.eval(), x[:2], organism, "MultiOrganismModel(trunk)")
        ck.expect_tensor(out, f"MultiOrganismModel(trunk)(x, {organism!r})", (2, DEFAULT_CLASSES[organism]),
                         hint=ROUTE_HINT)
    shared = {id(p) for p in trunk.parameters()}
    groups = [{"params": [p for p in model.parameters() if id(p) in shared], "lr": TRUNK_LR},
              {"params": [p for p in model.parameters() if id(p) not in shared], "lr": HEAD_LR}]
    adam = torch.optim.Adam([grp for grp in groups if grp["params"]])

    def fit():
        model.eval()
        for r in range(ROUNDS):
            rows = torch.arange(r * BATCH, (r + 1) * BATCH) % TRAIN_N
            for organism, (fit_x, fit_y, _, _) in splits.items():
                adam.zero_grad()
                F.cross_entropy(model(fit_x[rows], organism), fit_y[rows]).backward()
                adam.step()

    ck.seeded(1, fit)
    model.eval()
    scores = {}
    with torch.no_grad():
        for organism, (_, _, test_x, test_y) in splits.items():
            scores[organism] = (model(test_x, organism).argmax(1) == test_y).float().mean().item()
    ck.expect(min(scores.values()) >= ACCURACY_BAR,
              f"after {ROUNDS} rounds of one Adam step per organism (batches of {BATCH}): held-out accuracy "
              f">= {ACCURACY_BAR} for every organism",
              ", ".join(f"{o} {a:.2f}" for o, a in scores.items()),
              "heads registered in nn.ModuleDict (so model.parameters() has them), the trunk's "
              "features through the organism's own head")


class _EveryOrganism(nn.Module):
    """Wraps the model: forward(x) gives the logits of every organism, as a tuple."""

    def __init__(self, model, organisms):
        super().__init__()
        self.model, self.organisms = model, list(organisms)

    def forward(self, x):
        return tuple(self.model(x, organism) for organism in self.organisms)


def _wrapped(sol):
    model = ck.build_model(sol.MultiOrganismModel, pretrained_model().features, seed=5,
                           what="MultiOrganismModel(trunk)")
    return _EveryOrganism(model, DEFAULT_CLASSES)


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _wrapped(sol), _sequences(3, seed=60),
                             "MultiOrganismModel(pretrained_model().features)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _wrapped(sol), _sequences(16, seed=61),
                          "MultiOrganismModel(pretrained_model().features)")
