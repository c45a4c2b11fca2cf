"""Graders: session 9, exercise 4 (scale_to_unit, unscale, ConditionalGAN, train_cgan)."""
import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from sklearn.neighbors import NearestCentroid
from sklearn.preprocessing import MinMaxScaler
from torch import nn

from coursekit import checks as ck
from coursekit.data.session09 import log_expression

# ConditionalGAN(L, C, D, H) has C L + H (2 L + 2 D + C + 2 H + 5) + D + 1 parameters.
DEFAULT_PARAMS = 74_139  # ConditionalGAN(): 10 * 100 + 128 * 571 + 51
OTHER_MODELS = ((dict(n_classes=4), 72_771),
                (dict(latent_dim=8, n_classes=3, output_dim=6, hidden_dim=16), 1_119),
                (dict(latent_dim=16, n_classes=7, output_dim=30, hidden_dim=32), 5_519))
SMALL = dict(latent_dim=8, n_classes=3, output_dim=6, hidden_dim=16)
# The learning check: log_expression(N_CELLS, 50 genes, 4 types, seed DATA_SEED), scaled per gene by the
# graders; ConditionalGAN(n_classes=4) trained by train_cgan's defaults; PER_TYPE profiles per type.
DATA_SEED, INIT_SEED, TRAIN_SEED, GENERATE_SEED = 0, 0, 1, 2
N_CELLS, N_GENES, N_TYPES, PER_TYPE, DEFAULT_STEPS = 600, 50, 4, 50, 150
RATE_BAR = 0.70

LAYOUT_HINT = ("label_emb = nn.Embedding(n_classes, latent_dim); generator = Sequential(Linear(2 * "
               "latent_dim, hidden_dim), ReLU(), Linear(hidden_dim, hidden_dim), ReLU(), Linear(hidden_dim, "
               "output_dim), Tanh()); discriminator = Sequential(Linear(output_dim + n_classes, hidden_dim), "
               "LeakyReLU(0.2), Linear(hidden_dim, hidden_dim), LeakyReLU(0.2), Linear(hidden_dim, 1))")
G_HINT = ("forward(z, labels) = generator(torch.cat([z, label_emb(labels)], dim=1)): the noise first, then "
          "the label's embedding")
D_HINT = ("discriminate(x, labels) = discriminator(torch.cat([x, F.one_hot(labels, n_classes).float()], "
          "dim=1)): always n_classes one-hot columns (never F.one_hot(labels) alone), the profile first, "
          "no sigmoid")
NOISE_HINT = ("z = torch.randn(len(labels), latent_dim, generator=generator, device=labels.device) (one "
              "call, nothing else drawn), then forward(z, labels)")
SCALE_HINT = ("scale_to_unit = 2 * (x - low) / (high - low) - 1 with each gene's own low and high (to "
              "[-1, 1], not [0, 1]); unscale = (x_scaled + 1) / 2 * (high - low) + low")
TRAIN_HINT = ("each step: idx = torch.randint(0, N, (batch_size,), generator=generator); fakes made for the "
              "same labels y; D step on BCE(D(real, y), 1) + BCE(D(fake.detach(), y), 0); G step on "
              "BCE(D(fake, y), 1) with the labels the fakes were made for; Adam(lr, betas=(0.5, 0.999)) for "
              "label_emb + generator and for discriminator; defaults steps=150, batch_size=64, lr=2e-3")


def _call(what, fn, *args, hint=LAYOUT_HINT, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _describe(args):
    return "ConditionalGAN(" + ", ".join(f"{k}={v}" for k, v in args.items()) + ")"


ALL_PARTS = ("label_emb", "generator", "discriminator")
GENERATOR, DISCRIMINATOR = ("label_emb", "generator"), ("discriminator",)


def _expect_layout(model, what, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128, parts=ALL_PARTS):
    """The attributes of the spec that a check relies on (``parts``), with their layers and sizes."""
    if "label_emb" in parts:
        emb = getattr(model, "label_emb", None)
        ck.expect(isinstance(emb, nn.Embedding) and tuple(emb.weight.shape) == (n_classes, latent_dim),
                  f"{what}.label_emb = nn.Embedding({n_classes}, {latent_dim})",
                  repr(emb), "self.label_emb = nn.Embedding(n_classes, latent_dim)")
    h = hidden_dim
    for name, kinds, sizes in (
            ("generator", (nn.Linear, nn.ReLU, nn.Linear, nn.ReLU, nn.Linear, nn.Tanh),
             ((2 * latent_dim, h), (h, h), (h, output_dim))),
            ("discriminator", (nn.Linear, nn.LeakyReLU, nn.Linear, nn.LeakyReLU, nn.Linear),
             ((output_dim + n_classes, h), (h, h), (h, 1)))):
        if name not in parts:
            continue
        seq = getattr(model, name, None)
        ok = isinstance(seq, nn.Sequential) and len(seq) == len(kinds) and all(
            type(layer) is kind for layer, kind in zip(seq, kinds))
        ck.expect(ok, f"{what}.{name} = nn.Sequential({', '.join(k.__name__ for k in kinds)})", repr(seq),
                  LAYOUT_HINT)
        for index, (fan_in, fan_out) in zip((0, 2, 4), sizes):
            ck.expect_linear(seq[index], fan_in, fan_out, f"{what}.{name}[{index}]")
        for layer in seq:
            if isinstance(layer, nn.LeakyReLU):
                ck.expect(layer.negative_slope == 0.2, f"{what}.{name}: LeakyReLU(0.2)", repr(layer),
                          LAYOUT_HINT)


def _small(sol, seed=0, parts=(), **kwargs):
    """The small model (or another size), its ``parts`` checked against the spec's layout."""
    args = dict(SMALL, **kwargs)
    what = _describe(args)
    model = ck.build_model(sol.ConditionalGAN, seed=seed, what=what, **args)
    _expect_layout(model, what, parts=parts, **args)
    return model, what


def _trusted_g(model, z, labels):
    """generator(cat([z, label_emb.weight[labels]])) with F.linear on the model's weights."""
    g = model.generator
    with torch.no_grad():
        h = torch.cat([z, model.label_emb.weight[labels]], dim=1)
        h = F.relu(F.linear(h, g[0].weight, g[0].bias))
        h = F.relu(F.linear(h, g[2].weight, g[2].bias))
        return torch.tanh(F.linear(h, g[4].weight, g[4].bias))


def _trusted_d(model, x, labels, n_classes):
    """discriminator(cat([x, one_hot(labels, n_classes)])) with F.linear: a raw logit."""
    d = model.discriminator
    with torch.no_grad():
        h = torch.cat([x, F.one_hot(labels, n_classes).float()], dim=1)
        h = F.leaky_relu(F.linear(h, d[0].weight, d[0].bias), 0.2)
        h = F.leaky_relu(F.linear(h, d[2].weight, d[2].bias), 0.2)
        return F.linear(h, d[4].weight, d[4].bias)


def _bce_ones(logits):
    return F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))


# ---------------------------------------------------------------- checks ------------

def test_label_embedding(sol):
    model = ck.build_model(sol.ConditionalGAN, what="ConditionalGAN()")
    emb = getattr(model, "label_emb", None)
    ck.expect(isinstance(emb, nn.Embedding) and (emb.num_embeddings, emb.embedding_dim) == (10, 100),
              "ConditionalGAN().label_emb = nn.Embedding(10, 100) (defaults n_classes=10, latent_dim=100)",
              repr(emb), "self.label_emb = nn.Embedding(n_classes, latent_dim): one row per class")
    model, what = _small(sol, seed=1)
    ck.expect(model.label_emb.num_embeddings == 3 and model.label_emb.embedding_dim == 8,
              f"{what}.label_emb = nn.Embedding(3, 8)", repr(model.label_emb),
              "nn.Embedding(n_classes, latent_dim)")
    names = dict(model.named_parameters())
    ck.expect("label_emb.weight" in names and "label_emb.weight" in model.state_dict(),
              f"{what}: label_emb.weight among the parameters and in the state_dict",
              f"parameters {sorted(names)}", "assign the embedding as an attribute: self.label_emb = ...")
    ck.expect_registered(model, what)
    labels = torch.tensor([0, 2, 2, 0])
    model.train()
    fake = _call(f"{what}.generate(labels, generator=g)", model.generate, labels,
                 generator=torch.Generator().manual_seed(3), hint=NOISE_HINT)
    ck.expect_tensor(fake, f"{what}.generate(labels [4])", (4, SMALL["output_dim"]))
    logits = _call(f"{what}.discriminate(fake, labels)", model.discriminate, fake, labels, hint=D_HINT)
    ck.expect_tensor(logits, f"{what}.discriminate(x [4, 6], labels)", (4, 1))
    _call("BCE-with-logits(discriminate(generate(labels), labels), 1).backward()",
          lambda: _bce_ones(logits).backward(),
          hint="generate must keep gradients (no torch.no_grad() inside)")
    grad = model.label_emb.weight.grad
    ck.expect(grad is not None, f"{what}: label_emb.weight.grad after a generator loss's backward",
              "None (no gradient reached the embedding)",
              "the generator must read the label: " + G_HINT + "; and generate must keep gradients (no "
              "torch.no_grad() in generate: training backpropagates through it)")
    norms = [round(v, 6) for v in grad.abs().sum(dim=1).tolist()]
    ck.expect(norms[0] > 0 and norms[2] > 0 and norms[1] == 0,
              f"{what}: for labels [0, 2, 2, 0], label_emb.weight.grad nonzero in rows 0 and 2, zero in "
              "row 1",
              f"per-row |grad| sums {norms}", "look the labels up in label_emb: " + G_HINT)


def test_param_count(sol):
    model = ck.build_model(sol.ConditionalGAN, what="ConditionalGAN()")
    ck.expect_param_count(model, DEFAULT_PARAMS, "ConditionalGAN() (defaults latent_dim=100, n_classes=10, "
                          "output_dim=50, hidden_dim=128)")
    _expect_layout(model, "ConditionalGAN()")
    for args, count in OTHER_MODELS:
        what = _describe(args)
        model = ck.build_model(sol.ConditionalGAN, what=what, **args)
        ck.expect_param_count(model, count, what)


def _data(batch, dim, n_classes, seed):
    g = torch.Generator().manual_seed(seed)
    values = torch.rand(batch, dim, generator=g) * 2 - 1
    labels = torch.randint(0, n_classes, (batch,), generator=g)
    return values, labels


def _check_generator(sol, latent, n_classes, out, hidden, batch, seed):
    model, what = _small(sol, seed=seed, parts=GENERATOR, latent_dim=latent, n_classes=n_classes,
                         output_dim=out, hidden_dim=hidden)
    z = torch.randn(batch, latent, generator=torch.Generator().manual_seed(seed + 1))
    labels = torch.randint(0, n_classes, (batch,), generator=torch.Generator().manual_seed(seed + 2))
    with torch.no_grad():
        found = _call(f"{what}(z, labels)", model, z, labels, hint=G_HINT)
    ck.expect_tensor(found, f"{what}(z [{batch}, {latent}], labels)", (batch, out))
    ck.expect_close(found, _trusted_g(model, z, labels), f"{what}(z, labels {labels.tolist()}) vs "
                    "generator(cat([z, label_emb(labels)]))", G_HINT)


GAN_CASES = st.tuples(st.integers(1, 8), st.integers(1, 5), st.integers(1, 8), st.integers(1, 16),
                      st.integers(1, 10), st.integers(0, 2**20))


def test_generator_uses_label(sol):
    model, what = _small(sol, seed=4, parts=GENERATOR)
    model.eval()
    z = torch.randn(6, SMALL["latent_dim"], generator=torch.Generator().manual_seed(5))
    outputs = []
    cases = [torch.full((6,), k, dtype=torch.int64) for k in range(3)] + [torch.tensor([2, 0, 1, 1, 0, 2])]
    for labels in cases:
        with torch.no_grad():
            found = _call(f"{what}(z, labels)", model, z, labels, hint=G_HINT)
        ck.expect_tensor(found, f"{what}(z [6, 8], labels {labels.tolist()})", (6, SMALL["output_dim"]))
        ck.expect_close(found, _trusted_g(model, z, labels), f"{what}(z, labels {labels.tolist()}) vs "
                        "generator(cat([z, label_emb(labels)]))", G_HINT)
        outputs.append(found)
    for a in range(3):
        for b in range(a):
            gap = (outputs[a] - outputs[b]).abs().mean().item()
            ck.expect(gap > 1e-3, f"{what}(z, class {a}) and (z, class {b}) to differ (the same z, two "
                      "classes)",
                      f"mean |difference| {gap:.3g}", "the generator must read the label: " + G_HINT)
    ck.for_all(GAN_CASES, lambda c: _check_generator(sol, *c), max_examples=20)
    for n in (7, 2):
        wanted = torch.arange(n) % 3
        before = torch.get_rng_state()
        with torch.no_grad():
            found = _call(f"{what}.generate(labels, generator=g)", model.generate, wanted,
                          generator=torch.Generator().manual_seed(6 + n), hint=NOISE_HINT)
        ck.expect(torch.equal(before, torch.get_rng_state()),
                  f"{what}.generate(labels, generator=g) to leave torch's global generator untouched",
                  "the global random state changed", NOISE_HINT)
        ck.expect_tensor(found, f"{what}.generate(labels [{n}], generator=g)", (n, SMALL["output_dim"]))
        z = torch.randn(n, SMALL["latent_dim"], generator=torch.Generator().manual_seed(6 + n))
        ck.expect_close(found, _trusted_g(model, z, wanted), f"{what}.generate(labels [{n}], generator=g) vs "
                        "the generator on z redrawn from g's seed", NOISE_HINT)
    with torch.no_grad():
        first, second = (_call(f"{what}.generate(labels)", ck.seeded, s, model.generate,
                               torch.tensor([0, 1, 2]), hint=NOISE_HINT) for s in (1, 2))
    ck.expect_tensor(first, f"{what}.generate(labels [3]) without a generator", (3, SMALL["output_dim"]))
    ck.expect(not torch.equal(first, second), f"{what}.generate(labels) without a generator under two global "
              "seeds: different profiles", "the same profiles twice", NOISE_HINT)


def _check_discriminator(sol, _latent, n_classes, out, hidden, batch, seed):
    model, what = _small(sol, seed=seed, parts=DISCRIMINATOR, latent_dim=2, n_classes=n_classes,
                         output_dim=out, hidden_dim=hidden)
    x, labels = _data(batch, out, n_classes, seed + 1)
    with torch.no_grad():
        found = _call(f"{what}.discriminate(x, labels)", model.discriminate, x, labels, hint=D_HINT)
    ck.expect_tensor(found, f"{what}.discriminate(x [{batch}, {out}], labels)", (batch, 1))
    ck.expect_close(found, _trusted_d(model, x, labels, n_classes),
                    f"{what}.discriminate(x, labels {labels.tolist()}) vs "
                    "discriminator(cat([x, one_hot(labels, n_classes)]))", D_HINT)


def test_discriminator_uses_label(sol):
    model, what = _small(sol, seed=7, parts=DISCRIMINATOR)
    model.eval()
    x, _ = _data(6, SMALL["output_dim"], 3, seed=8)
    cases = [torch.full((6,), k, dtype=torch.int64) for k in range(3)] + [torch.tensor([1, 2, 0, 0, 2, 1])]
    logits = []
    for labels in cases:
        with torch.no_grad():
            found = _call(f"{what}.discriminate(x, labels)", model.discriminate, x, labels, hint=D_HINT)
        ck.expect_tensor(found, f"{what}.discriminate(x [6, 6], labels {labels.tolist()})", (6, 1))
        ck.expect_close(found, _trusted_d(model, x, labels, 3), f"{what}.discriminate(x, labels "
                        f"{labels.tolist()}) vs discriminator(cat([x, one_hot(labels, 3)])) (raw logits)",
                        D_HINT)
        logits.append(found)
    for a in range(3):
        for b in range(a):
            gap = (logits[a] - logits[b]).abs().mean().item()
            ck.expect(gap > 1e-4, f"{what}.discriminate(x, class {a}) and (x, class {b}) to differ (the "
                      "same x, two classes)", f"mean |difference| {gap:.3g}",
                      "the discriminator must see the label too (the course guide's sketch conditions only "
                      "the generator): " + D_HINT)
    two = torch.tensor([0, 1])
    with torch.no_grad():
        found = _call(f"{what}.discriminate(x[:2], labels [0, 1])", model.discriminate, x[:2], two,
                      hint=D_HINT)
    ck.expect_tensor(found, f"{what}.discriminate(x [2, 6], labels [0, 1]) (class 2 absent)", (2, 1))
    ck.expect_close(found, _trusted_d(model, x[:2], two, 3), f"{what}.discriminate(x [2, 6], labels [0, 1]) "
                    "(class 2 absent: still 3 one-hot columns)", D_HINT)
    ck.for_all(GAN_CASES, lambda c: _check_discriminator(sol, *c), max_examples=20)


def _check_scaling(sol, x, low, high, what):
    found = _call(f"scale_to_unit({what})", sol.scale_to_unit, x.clone(), low.clone(), high.clone(),
                  hint=SCALE_HINT)
    ck.expect_tensor(found, f"scale_to_unit({what})", tuple(x.shape))
    trusted = 2 * (x.double() - low.double()) / (high.double() - low.double()) - 1
    ck.expect_close(found, trusted, f"scale_to_unit({what}) vs per-gene min-max to [-1, 1]", SCALE_HINT,
                    atol=1e-5)
    back = _call(f"unscale(scale_to_unit({what}))", sol.unscale, found, low.clone(), high.clone(),
                 hint=SCALE_HINT)
    ck.expect_tensor(back, f"unscale(scale_to_unit({what}))", tuple(x.shape))
    ck.expect_close(back, x, f"unscale(scale_to_unit({what})) vs x (the round trip)", SCALE_HINT, atol=1e-4)


SCALE_CASES = st.tuples(st.integers(1, 30), st.integers(1, 12), st.booleans(), st.integers(0, 2**20))


def _generated_scaling(sol, rows, genes, wider, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(rows, genes, generator=g) * 6
    low, high = x.min(dim=0).values, x.max(dim=0).values
    if wider or rows == 1:  # a wider range than the rows hold (a single row has none)
        low, high = low - 1 - torch.rand(genes, generator=g), high + 1 + torch.rand(genes, generator=g)
    _check_scaling(sol, x, low, high, f"x [{rows}, {genes}], low, high")


def _scaled_data(seed):
    x, labels = log_expression(n_cells=N_CELLS, n_genes=N_GENES, n_types=N_TYPES, seed=seed)
    low, high = x.min(dim=0).values, x.max(dim=0).values
    return x, labels, low, high


def _expect_scaling(sol):
    x, _, low, high = _scaled_data(5)
    what = f"log_expression({N_CELLS}, seed=5) x [{N_CELLS}, {N_GENES}], its per-gene min and max"
    found = _call(f"scale_to_unit({what})", sol.scale_to_unit, x.clone(), low, high, hint=SCALE_HINT)
    ck.expect_tensor(found, f"scale_to_unit({what})", (N_CELLS, N_GENES))
    trusted = MinMaxScaler(feature_range=(-1, 1)).fit_transform(x.double().numpy())
    ck.expect_close(found, torch.from_numpy(trusted), f"scale_to_unit({what}) vs scikit-learn's "
                    "MinMaxScaler(feature_range=(-1, 1)).fit_transform(x)", SCALE_HINT, atol=1e-5)
    _check_scaling(sol, x, low, high, what)
    ck.for_all(SCALE_CASES, lambda c: _generated_scaling(sol, *c), max_examples=20)


def _trained(sol, data_seed=DATA_SEED, init_seed=INIT_SEED):
    x, labels, low, high = _scaled_data(data_seed)
    x_scaled = (2 * (x.double() - low.double()) / (high.double() - low.double()) - 1).float()
    model = ck.build_model(sol.ConditionalGAN, seed=init_seed, n_classes=N_TYPES,
                           what="ConditionalGAN(n_classes=4)")
    losses = _call("train_cgan(ConditionalGAN(n_classes=4), x_scaled, labels, generator=g) with its defaults",
                   ck.seeded_training, init_seed, sol.train_cgan, model, x_scaled, labels,
                   generator=torch.Generator().manual_seed(TRAIN_SEED), hint=TRAIN_HINT)
    return model, losses, x_scaled, labels


def _rate(model, x_scaled, labels):
    """(share of generated profiles assigned to their requested type, per type), by NearestCentroid
    fit on the real cells."""
    classifier = NearestCentroid().fit(x_scaled.double().numpy(), labels.numpy())
    wanted = torch.arange(N_TYPES).repeat_interleave(PER_TYPE)
    model.eval()
    with torch.no_grad():
        generated = _call("model.generate(labels, generator=g)", model.generate, wanted,
                          generator=torch.Generator().manual_seed(GENERATE_SEED), hint=NOISE_HINT)
    ck.expect_tensor(generated, f"generate(labels [{len(wanted)}])", (len(wanted), N_GENES))
    ck.expect_finite(generated.detach(), "the generated profiles")
    assigned = torch.from_numpy(np.asarray(classifier.predict(generated.detach().double().numpy())))
    per_type = [round((assigned[wanted == k] == k).float().mean().item(), 2) for k in range(N_TYPES)]
    return (assigned == wanted).float().mean().item(), per_type


def test_generates_requested_class(sol):
    _expect_scaling(sol)
    model, losses, x_scaled, labels = _trained(sol)
    what = (f"train_cgan(ConditionalGAN(n_classes=4), x_scaled, labels) with its defaults on log_expression("
            f"{N_CELLS}, seed={DATA_SEED}) scaled to [-1, 1]")
    ck.expect(isinstance(losses, tuple) and len(losses) == 2, f"{what} to return (d_losses, g_losses)",
              type(losses).__name__, "return d_losses, g_losses")
    for name, values in zip(("d_losses", "g_losses"), losses):
        ck.expect_float_list(values, DEFAULT_STEPS, f"the {name} of {what} (one per step, default steps=150)")
    rate, per_type = _rate(model, x_scaled, labels)
    ck.expect(rate >= RATE_BAR, f"after {what}: {PER_TYPE} generated profiles per type assigned to the type "
              f"they were generated for (scikit-learn's NearestCentroid fit on the {N_CELLS} real scaled "
              f"cells) at a rate >= {RATE_BAR} (chance 0.25)", f"{rate:.3f} (per type {per_type})",
              "both networks must use the label, and training must follow the spec: " + TRAIN_HINT)


class _Both(nn.Module):
    """forward(z): forward, discriminate (and generate) for labels 0, 1, 2, 0, ... made on z's device."""

    def __init__(self, model, n_classes, generate=True):
        super().__init__()
        self.model, self.n_classes, self.generate = model, n_classes, generate

    def forward(self, z):
        labels = torch.arange(z.shape[0], device=z.device) % self.n_classes
        fake = self.model(z, labels)
        out = (fake, self.model.discriminate(fake, labels))
        return out + (self.model.generate(labels),) if self.generate else out


def test_follows_device(sol):
    z = torch.randn(5, SMALL["latent_dim"], generator=torch.Generator().manual_seed(9))
    what = _describe(SMALL) + ": forward, generate and discriminate"
    ck.expect_follows_device(lambda: _Both(_small(sol, seed=10)[0], SMALL["n_classes"]), z, what)


def test_cuda_parity(sol):
    z = torch.randn(8, 100, generator=torch.Generator().manual_seed(11))
    def build():
        model = ck.build_model(sol.ConditionalGAN, seed=12, n_classes=4, what="ConditionalGAN(n_classes=4)")
        return _Both(model, 4, generate=False)

    ck.expect_cuda_parity(build, z, "ConditionalGAN(n_classes=4): forward and discriminate")
