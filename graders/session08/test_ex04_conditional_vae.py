"""Graders: session 8, exercise 4 (one_hot, ConditionalVAE, train_cvae)."""
import contextlib

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from sklearn.neighbors import NearestCentroid
from torch import nn
from torch.overrides import TorchFunctionMode

from coursekit import checks as ck
from coursekit.data.session08 import expression_programs

# ConditionalVAE(D, C, L, H) has H * (2D + 2C + 3L + 2) + 2L + D parameters.
DEFAULT_PARAMS = 55_768  # ConditionalVAE(): 128 * (400 + 8 + 24 + 2) + 16 + 200
OTHER_MODELS = (((50, 3, 4, 32), 3_898), ((765, 10, 16, 64), 103_197))
# The learning check: expression_programs(400 cells, seed DATA_SEED); the first 200 train the
# CVAE (train_cvae's defaults), the other 200 give the real cell types' centroids.
DATA_SEED, INIT_SEED, TRAIN_SEED, GENERATE_SEED = 3, 0, 1, 2
N_TRAIN, N_HELD_OUT, PER_TYPE, N_TYPES = 200, 200, 50, 4
DEFAULT_EPOCHS, LOSS_FACTOR, TYPE_BAR = 50, 3.0, 0.60
SMALL = dict(input_dim=30, n_classes=5, latent_dim=3, hidden_dim=16)

ONE_HOT_HINT = ("one column per class, always n_classes of them: F.one_hot(labels, n_classes).float() "
                "(or torch.eye(n_classes, device=labels.device)[labels]); never F.one_hot(labels) "
                "alone, whose width is the largest label in the batch + 1")
LAYOUT_HINT = ("encoder = Sequential(Linear(input_dim + n_classes, hidden_dim), ReLU(), Linear(hidden_dim, "
               "2 * latent_dim)) on torch.cat([x, one_hot(labels, n_classes)], dim=-1); decoder = "
               "Sequential(Linear(latent_dim + n_classes, hidden_dim), ReLU(), Linear(hidden_dim, "
               "input_dim)) on torch.cat([z, one_hot(labels, n_classes)], dim=-1); "
               "mu, logvar = encoder(...).chunk(2, dim=-1); no sigmoid on the output")
SAMPLE_HINT = ("train mode: eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, "
               "device=mu.device) (one call, nothing else drawn), z = mu + eps * torch.exp(0.5 * logvar); "
               "eval mode: z = mu")
GENERATE_HINT = ("under torch.no_grad(): z = torch.randn((len(labels), latent_dim), generator=generator, "
                 "device=labels.device) (one call), then decode(z, labels)")
TRAIN_HINT = ("Adam(model.parameters(), lr=lr); each epoch a fresh torch.randperm(n, generator=generator, "
              "device=x.device), batches of batch_size; loss = batch mean of (squared error summed over "
              "genes + KL summed over latent dimensions), KL = -0.5 * sum(1 + logvar - mu^2 - exp(logvar)); "
              "zero_grad, backward, step for every batch")


def _call(what, fn, *args, **kwargs):
    return ck.call(fn, *args, what=what, hint=LAYOUT_HINT, **kwargs)


def _trusted_one_hot(labels, n_classes):
    return F.one_hot(labels, n_classes).float()


def _small(sol, seed=0, **kwargs):
    args = dict(SMALL, **kwargs)
    what = "ConditionalVAE(" + ", ".join(f"{k}={v}" for k, v in args.items()) + ")"
    model = ck.build_model(sol.ConditionalVAE, seed=seed, what=what, **args)
    _expect_layout(model, what, **args)
    return model, what


def _expect_layout(model, what, input_dim, n_classes, latent_dim, hidden_dim):
    for name, sizes in (("encoder", ((input_dim + n_classes, hidden_dim), (hidden_dim, 2 * latent_dim))),
                        ("decoder", ((latent_dim + n_classes, hidden_dim), (hidden_dim, input_dim)))):
        seq = getattr(model, name, None)
        ck.expect(isinstance(seq, nn.Sequential) and len(seq) == 3 and isinstance(seq[1], nn.ReLU),
                  f"{what}.{name} = nn.Sequential(Linear, ReLU, Linear)", repr(seq), LAYOUT_HINT)
        for index, (fan_in, fan_out) in zip((0, 2), sizes):
            ck.expect_linear(seq[index], fan_in, fan_out, f"{what}.{name}[{index}]")


def _data(n, dim, n_classes, seed):
    g = torch.Generator().manual_seed(seed)
    x = 1.5 * torch.randn(n, dim, generator=g)
    labels = torch.randint(0, n_classes, (n,), generator=g)
    labels[:n_classes] = torch.arange(n_classes)  # every class present in the mixed batch
    return x, labels


def _trusted_encode(model, x, labels):
    n_classes = model.encoder[0].in_features - x.shape[1]
    with torch.no_grad():
        h = model.encoder(torch.cat([x, _trusted_one_hot(labels, n_classes)], -1))
    return h.chunk(2, dim=-1)


def _trusted_decode(model, z, labels):
    n_classes = model.decoder[0].in_features - z.shape[1]
    with torch.no_grad():
        return model.decoder(torch.cat([z, _trusted_one_hot(labels, n_classes)], -1))


# ---------------------------------------------------------------- checks ------------

def _check_one_hot(sol, labels, n_classes):
    what = f"one_hot(tensor({labels.tolist()}), {n_classes})"
    found = _call(what, sol.one_hot, labels.clone(), n_classes)
    ck.expect_tensor(found, what, (len(labels), n_classes), hint=ONE_HOT_HINT)
    ck.expect_close(found, _trusted_one_hot(labels, n_classes),
                    f"{what} vs F.one_hot(labels, n_classes).float()", ONE_HOT_HINT)


ONE_HOT_CASES = st.integers(1, 12).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, n - 1), min_size=1, max_size=20), st.just(n)))


def test_one_hot(sol):
    _check_one_hot(sol, torch.tensor([2, 0, 2, 1]), 4)  # class 3 missing: still 4 columns
    _check_one_hot(sol, torch.tensor([2, 2, 2]), 4)  # a batch of one type
    _check_one_hot(sol, torch.tensor([0]), 3)
    ck.for_all(ONE_HOT_CASES, lambda c: _check_one_hot(sol, torch.tensor(c[0]), c[1]), max_examples=30)
    for labels, n in (([0, 4, 1], 4), ([1, -1], 4), ([3], 3)):
        ck.expect_raises(lambda: sol.one_hot(torch.tensor(labels), n), ValueError,
                         f"one_hot(tensor({labels}), {n}) (a label outside 0..{n - 1})",
                         "check the range first: if labels.min() < 0 or labels.max() >= n_classes: "
                         "raise ValueError(...)")


def test_param_count(sol):
    model = ck.build_model(sol.ConditionalVAE, what="ConditionalVAE()")
    ck.expect_param_count(model, DEFAULT_PARAMS, "ConditionalVAE() (defaults 200, 4, 8, 128)")
    _expect_layout(model, "ConditionalVAE()", 200, 4, 8, 128)
    for args, count in OTHER_MODELS:
        what = f"ConditionalVAE{args}"
        model = ck.build_model(sol.ConditionalVAE, *args, what=what)
        ck.expect_param_count(model, count, what)


def _check_batch(sol, n_classes, n, chosen, seed):
    model, what = _small(sol, seed=seed, n_classes=n_classes)
    x, labels = _data(n, SMALL["input_dim"], n_classes, seed)
    z = torch.randn(n, SMALL["latent_dim"], generator=torch.Generator().manual_seed(seed + 1))
    rows = labels == chosen
    what_x = f"{what} on x [{n}, 30] with labels {labels.tolist()}"
    for training in (True, False):
        model.train(training)
        mode = "train" if training else "eval"
        with torch.no_grad():
            mu, logvar = _call(f"{what}.encode", model.encode, x, labels)
            sub_mu, sub_logvar = _call(f"{what}.encode", model.encode, x[rows], labels[rows])
            recon = _call(f"{what}.decode", model.decode, z, labels)
            sub_recon = _call(f"{what}.decode", model.decode, z[rows], labels[rows])
        ck.expect_tensor(mu, f"mu of {what}.encode", (n, SMALL["latent_dim"]))
        ck.expect_tensor(logvar, f"logvar of {what}.encode", (n, SMALL["latent_dim"]))
        ck.expect_tensor(recon, f"{what}.decode(z, labels)", (n, SMALL["input_dim"]))
        trusted_mu, trusted_logvar = _trusted_encode(model, x, labels)
        ck.expect_close(mu, trusted_mu, f"mu of {what_x} ({mode} mode) vs encoder(cat([x, one_hot]))",
                        LAYOUT_HINT)
        ck.expect_close(logvar, trusted_logvar, f"logvar of {what_x} ({mode} mode)", LAYOUT_HINT)
        ck.expect_close(recon, _trusted_decode(model, z, labels), f"{what}.decode(z, labels) ({mode} mode) "
                        "vs decoder(cat([z, one_hot]))", LAYOUT_HINT)
        alone = f"the type-{chosen} cells alone vs the same cells inside the mixed batch ({mode} mode)"
        ck.expect_tensor(sub_mu, f"mu of {what}.encode on {int(rows.sum())} type-{chosen} cells",
                         (int(rows.sum()), SMALL["latent_dim"]))
        ck.expect_close(sub_mu, mu[rows], f"{what}.encode, mu of {alone}", ONE_HOT_HINT +
                        "; no layer that mixes the rows of a batch (no BatchNorm)")
        ck.expect_close(sub_logvar, logvar[rows], f"{what}.encode, logvar of {alone}", ONE_HOT_HINT)
        ck.expect_close(sub_recon, recon[rows], f"{what}.decode of {alone}", ONE_HOT_HINT)
    with torch.no_grad():  # eval mode: forward is deterministic, z = mu
        out = _call(f"{what}(x, labels)", model, x, labels)
        sub = _call(f"{what}(x, labels)", model, x[rows], labels[rows])
    ck.expect(isinstance(out, tuple) and len(out) == 3, f"{what}(x, labels) to return (recon, mu, logvar)",
              type(out).__name__, "return recon, mu, logvar")
    ck.expect_close(out[0], _trusted_decode(model, trusted_mu, labels), f"recon of {what_x} in eval mode: "
                    "decode(mu, labels)", "in eval mode z = mu: no sampling (if not self.training)")
    ck.expect_close(sub[0], out[0][rows], f"{what}(x, labels) in eval mode: recon of {alone}",
                    "in eval mode z = mu: no sampling, so each row depends on its own cell only")


BATCH_CASES = st.tuples(st.integers(2, 6), st.integers(0, 40), st.integers(0, 5), st.integers(0, 2**20))


def test_batch_independent(sol):
    _check_batch(sol, 5, 12, 2, seed=1)  # a plain case first: 5 types, 12 cells, the type-2 ones alone
    ck.for_all(BATCH_CASES, lambda c: _check_batch(sol, c[0], c[0] + c[1], c[2] % c[0], c[3]),
               max_examples=20)


def test_decoder_uses_label(sol):
    model, what = _small(sol, seed=4)
    model.eval()
    z = torch.randn(6, SMALL["latent_dim"], generator=torch.Generator().manual_seed(5))
    outputs = []
    for label in range(SMALL["n_classes"]):
        labels = torch.full((6,), label, dtype=torch.int64)
        with torch.no_grad():
            found = _call(f"{what}.decode(z, labels)", model.decode, z, labels)
        ck.expect_tensor(found, f"{what}.decode(z [6, 3], labels of type {label})", (6, SMALL["input_dim"]))
        ck.expect_close(found, _trusted_decode(model, z, labels),
                        f"{what}.decode(z, labels of type {label}) vs "
                        "decoder(cat([z, one_hot(labels, n_classes)]))",
                        LAYOUT_HINT)
        outputs.append(found)
    for a in range(SMALL["n_classes"]):
        for b in range(a):
            gap = (outputs[a] - outputs[b]).abs().mean().item()
            ck.expect(gap > 1e-3, f"{what}.decode(z, type {a}) and decode(z, type {b}) to differ "
                      "(the same z, two cell types)", f"mean |difference| {gap:.3g}",
                      "the decoder must read the label: "
                      "decoder(torch.cat([z, one_hot(labels, n_classes)], -1))")


def _trained(sol):
    x, labels = expression_programs(n_cells=N_TRAIN + N_HELD_OUT, seed=DATA_SEED)
    model = ck.build_model(sol.ConditionalVAE, seed=INIT_SEED, what="ConditionalVAE()")
    losses = _call("train_cvae(ConditionalVAE(), x, labels, generator=...) with its defaults",
                   ck.seeded_training, INIT_SEED, sol.train_cvae, model, x[:N_TRAIN], labels[:N_TRAIN],
                   generator=torch.Generator().manual_seed(TRAIN_SEED))
    return model, losses, x[N_TRAIN:], labels[N_TRAIN:]


def test_generates_its_type(sol):
    model, losses, x_real, y_real = _trained(sol)
    what = (f"train_cvae(ConditionalVAE(), x, labels) with its defaults on expression_programs({N_TRAIN} "
            f"cells, seed={DATA_SEED})")
    ck.expect_float_list(losses, DEFAULT_EPOCHS, f"the losses of {what}")
    ck.expect_loss_falls(losses, LOSS_FACTOR, f"the loss per epoch of {what}")
    classifier = NearestCentroid().fit(x_real.double().numpy(), y_real.numpy())
    wanted = torch.arange(N_TYPES).repeat_interleave(PER_TYPE)
    model.eval()
    generated = _call("model.generate(labels, generator=...)", model.generate, wanted,
                      generator=torch.Generator().manual_seed(GENERATE_SEED))
    ck.expect_tensor(generated, f"generate(labels [{len(wanted)}])", (len(wanted), 200))
    ck.expect_finite(generated, "the generated profiles")
    assigned = torch.from_numpy(classifier.predict(generated.detach().double().numpy()))
    rate = (assigned == wanted).float().mean().item()
    per_type = [round((assigned[wanted == k] == k).float().mean().item(), 2) for k in range(N_TYPES)]
    ck.expect(rate >= TYPE_BAR, f"after {what}: {PER_TYPE} generated profiles per type assigned to their "
              f"requested type (scikit-learn's NearestCentroid fit on {N_HELD_OUT} real held-out cells) at a "
              f"rate >= {TYPE_BAR} (chance 0.25)", f"{rate:.3f} (per type {per_type})",
              "the decoder must use the label, and training must take its steps: " + TRAIN_HINT +
              "; defaults epochs=50, lr=1e-2, batch_size=64")


def _same_rng(before, what, hint):
    ck.expect(torch.equal(before, torch.get_rng_state()),
              f"{what} to leave torch's global generator untouched", "the global random state changed", hint)


def test_seeded_sampling(sol):
    model, what = _small(sol, seed=6)
    x, labels = _data(9, SMALL["input_dim"], SMALL["n_classes"], seed=7)
    model.train()
    before = torch.get_rng_state()
    out = _call(f"{what}(x, labels, generator=g) in train mode", model, x, labels,
                generator=torch.Generator().manual_seed(8))
    _same_rng(before, f"{what}(x, labels, generator=g)", SAMPLE_HINT)
    ck.expect(isinstance(out, tuple) and len(out) == 3, f"{what}(x, labels) to return (recon, mu, logvar)",
              type(out).__name__, "return recon, mu, logvar")
    mu, logvar = _trusted_encode(model, x, labels)
    eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(8), dtype=mu.dtype)
    trusted = _trusted_decode(model, mu + eps * torch.exp(0.5 * logvar), labels)
    ck.expect_tensor(out[0], f"recon of {what}(x [9, 30], labels)", (9, SMALL["input_dim"]))
    ck.expect_close(out[0], trusted, f"recon of {what}(x, labels, generator=g) in train mode vs "
                    "decode(mu + eps * exp(logvar / 2)) with eps redrawn from g's seed", SAMPLE_HINT)
    first, second = (ck.seeded(s, model, x, labels)[0] for s in (1, 2))
    ck.expect(not torch.equal(first, second), f"{what}(x, labels) in train mode without a generator: "
              "two calls sample different z", "the same recon twice", SAMPLE_HINT)
    model.eval()
    for n in (12, 5):
        wanted = torch.arange(n) % SMALL["n_classes"]
        before = torch.get_rng_state()
        found = _call(f"{what}.generate(labels, generator=g)", model.generate, wanted,
                      generator=torch.Generator().manual_seed(9 + n))
        _same_rng(before, f"{what}.generate(labels, generator=g)", GENERATE_HINT)
        ck.expect_tensor(found, f"{what}.generate(labels [{n}], generator=g)", (n, SMALL["input_dim"]))
        ck.expect(not found.requires_grad, f"{what}.generate to run without gradients", "requires_grad=True",
                  GENERATE_HINT)
        z = torch.randn((n, SMALL["latent_dim"]), generator=torch.Generator().manual_seed(9 + n))
        ck.expect_close(found, _trusted_decode(model, z, wanted),
                        f"{what}.generate(labels [{n}], generator=g) vs decode(z, labels) "
                        "with z redrawn from g's seed",
                        GENERATE_HINT)
    default = _call(f"{what}.generate(labels)", ck.seeded, 3, model.generate, torch.tensor([0, 4]))
    ck.expect_tensor(default, f"{what}.generate(labels [2]) without a generator", (2, SMALL["input_dim"]))
    x, labels = _data(40, SMALL["input_dim"], SMALL["n_classes"], seed=10)
    runs = []
    for _ in range(2):
        model, _ = _small(sol, seed=11)
        before = torch.get_rng_state()
        runs.append(_call("train_cvae", sol.train_cvae, model, x, labels, epochs=2, lr=1e-3, batch_size=16,
                          generator=torch.Generator().manual_seed(12)))
        _same_rng(before, "train_cvae(..., generator=g)", TRAIN_HINT)
    ck.expect_float_list(runs[0], 2, "train_cvae(model, x [40, 30], labels, epochs=2, lr=1e-3, "
                         "batch_size=16, generator=g)")
    ck.expect(runs[0] == runs[1], "train_cvae from the same start with generators of the same seed: the same "
              "losses", f"{runs[0]} then {runs[1]}", TRAIN_HINT)


class _Both(nn.Module):
    """forward(x): the model's forward, decode and generate for labels 0, 1, ... made on x's device."""

    def __init__(self, model, generate=True):
        super().__init__()
        self.model, self.generate = model, generate

    def forward(self, x):
        n_classes = self.model.decoder[0].in_features - self.model.encoder[2].out_features // 2
        labels = torch.arange(x.shape[0], device=x.device) % n_classes
        out = self.model(x, labels)
        if not self.generate:
            return out
        mu = out[1]
        return (*out, self.model.decode(mu, labels), self.model.generate(labels))


class _NoValues(TorchFunctionMode):
    """On the meta device tensors hold no values: there a range check (bool(...), .item()) reads
    comparisons as False and ``.all()`` as True, so a check of valid labels passes."""

    ANSWERS = {torch.Tensor.item: 0, torch.Tensor.__int__: 0, torch.Tensor.__float__: 0.0,
               torch.Tensor.__index__: 0}
    ALL = (torch.all, torch.Tensor.all)

    def __init__(self):
        super().__init__()
        self.true = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        meta = bool(args) and isinstance(args[0], torch.Tensor) and args[0].is_meta
        if meta and func is torch.Tensor.__bool__:
            return any(args[0] is t for t in self.true)
        if meta and func in self.ANSWERS:
            return self.ANSWERS[func]
        out = func(*args, **(kwargs or {}))
        if meta and func in self.ALL:
            self.true.append(out)
        return out


def _meta_fallback(original):
    def one_hot(labels, n_classes):
        try:
            return original(labels, n_classes)
        except Exception as error:  # noqa: BLE001 - a range check that needs values, on meta only
            if labels.device.type != "meta" or "device" in str(error):
                raise
            return F.one_hot(labels, n_classes).float()
    return one_hot


@contextlib.contextmanager
def _meta_safe_one_hot(sol):
    """While checking on the meta device, the one_hot that encode and decode call falls back to
    F.one_hot(labels, n_classes).float() if the student's cannot run without values."""
    patched = []
    for name in ("encode", "decode"):
        namespace = getattr(getattr(sol.ConditionalVAE, name, None), "__globals__", None)
        if namespace is not None and callable(namespace.get("one_hot")) and \
                all(namespace is not n for n, _ in patched):
            patched.append((namespace, namespace["one_hot"]))
    for namespace, original in patched:
        namespace["one_hot"] = _meta_fallback(original)
    try:
        yield
    finally:
        for namespace, original in patched:
            namespace["one_hot"] = original


def test_follows_device(sol):
    x = torch.randn(6, SMALL["input_dim"], generator=torch.Generator().manual_seed(13))
    what = "ConditionalVAE(input_dim=30, n_classes=5, latent_dim=3, hidden_dim=16)"
    with _meta_safe_one_hot(sol), _NoValues():
        ck.expect_follows_device(lambda: _Both(_small(sol, seed=14)[0]), x,
                                 what + ": forward, decode and generate")


def test_cuda_parity(sol):
    x, _ = _data(8, 200, 4, seed=15)
    ck.expect_cuda_parity(lambda: _Both(ck.build_model(sol.ConditionalVAE, seed=16, what="ConditionalVAE()"),
                                        generate=False), x, "ConditionalVAE() in eval mode")
