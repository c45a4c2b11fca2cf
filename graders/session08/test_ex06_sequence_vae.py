"""Graders: session 8, exercise 6 (SequenceVAE: a per-position categorical decoder for DNA)."""
import math

import numpy as np
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.distributions import Categorical, Normal, kl_divergence

from coursekit import checks as ck
from coursekit.data.session08 import sequence_families

RTOL, ATOL = 1e-4, 1e-4
# SequenceVAE() = (4*40 + 1)*128 + (128 + 1)*16 + (8 + 1)*128 + (128 + 1)*160
DEFAULT_PARAMS = 44_464
DEFAULT_EPOCHS = 10
# The graders' training (reconstructs_bases, prior_composition): the default model and
# train_sequence_vae's defaults on the first TRAIN_N of sequence_families(TRAIN_N + TEST_N, seed=DATA_SEED).
TRAIN_N, TEST_N, DATA_SEED, INIT_SEED, TRAIN_SEED = 256, 128, 8, 3, 5
ACCURACY_BAR, LOSS_FACTOR = 0.85, 1.8
# prior_composition: samples of the trained model (n=500) vs the training data, per base
PRIOR_N, PRIOR_SEED, COMPOSITION_BAR = 500, 11, 0.05
# prior_composition: the planted decoder (n=4000 samples) vs the graders' probabilities
PLANTED_N, PLANTED_BAR = 4000, 0.05
PLANTED_L, PLANTED_Z, PLANTED_H = 12, 3, 8

SOFTMAX_HINT = ("softmax over the BASES, dim=1 of [B, 4, L] (torch.softmax(logits, dim=1)): each position's "
                "4 probabilities sum to 1; not over the positions (dim 2 / -1)")
LOGP_HINT = ("log p(true base) at each position is F.log_softmax(logits, dim=1) picked by the one-hot x: "
             "(F.log_softmax(logits, dim=1) * x).sum over the bases AND the positions (a sum, not a mean); "
             "a cross-entropy needs logits [B, 4, L] with targets x.argmax(1) [B, L], or [B*L, 4] made with "
             ".transpose(1, 2) first (a plain .view(-1, 4) mixes positions and bases); not sigmoid + BCE")
LOSS_HINT = ("per sample: -reconstruction_log_prob(logits, x) + KL, with KL = -0.5 * sum over latent dims of "
             "(1 + logvar - mu^2 - exp(logvar)) (positive); then the mean over the batch")
ARCH_HINT = ("encoder = nn.Sequential(nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.ReLU(), "
             "nn.Linear(hidden_dim, 2 * latent_dim)); "
             "decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(), "
             "nn.Linear(hidden_dim, 4 * seq_len))")
FORWARD_HINT = ("encode: mu, logvar = encoder(x).chunk(2, dim=-1); decode: decoder(z).view(-1, 4, seq_len) "
                "(channel-major: logit [b, c, l] is output c * seq_len + l); forward in train mode: "
                "eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device), "
                "z = mu + eps * torch.exp(logvar / 2); in eval mode z = mu")
SEED_HINT = ("draw every random number from the generator you are given "
             "(torch.randn(..., generator=generator), torch.multinomial(..., generator=generator)), none "
             "from torch's global generator; never call torch.manual_seed inside your code")
SAMPLE_HINT = ("sample: z = torch.randn((n, latent_dim), generator=generator) (N(0, I)), "
               "logits = decode(z), then at EVERY position one base drawn from softmax(logits, dim=1) "
               "(a draw, not the argmax), returned one-hot float32 [n, 4, seq_len] "
               "(F.one_hot(bases, 4) is [n, L, 4]: .transpose(1, 2))")
TRAIN_HINT = ("Adam(model.parameters(), lr); each epoch a fresh torch.randperm order, batches of batch_size, "
              "logits, mu, logvar = model(batch, generator=generator), sequence_vae_loss, backward, step; "
              "one float per epoch")


def _call(fn, what, hint, *args, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _one_hot(batch, length, seed):
    g = torch.Generator().manual_seed(seed)
    bases = torch.randint(0, 4, (batch, length), generator=g)
    return F.one_hot(bases, 4).transpose(1, 2).float().contiguous()


def _logits(batch, length, seed, scale=3.0):
    g = torch.Generator().manual_seed(seed)
    return scale * torch.randn(batch, 4, length, generator=g)


def _trusted_log_prob(logits, x):
    """sum over positions of log p(true base), from torch.distributions, in float64."""
    return Categorical(logits=logits.detach().double().transpose(1, 2)).log_prob(x.argmax(1)).sum(-1)


def _trusted_loss(logits, x, mu, logvar):
    mu, logvar = mu.detach().double(), logvar.detach().double()
    kl = kl_divergence(Normal(mu, torch.exp(logvar / 2)), Normal(torch.zeros_like(mu), torch.ones_like(mu)))
    return (kl.sum(-1) - _trusted_log_prob(logits, x)).mean()


def _model_params(length, latent, hidden):
    encoder = (4 * length + 1) * hidden + (hidden + 1) * 2 * latent
    return encoder + (latent + 1) * hidden + (hidden + 1) * 4 * length


def _linears(model, part, shapes, what):
    """The nn.Linear layers of model.<part>, in order, checked against (in, out) shapes."""
    seq = getattr(model, part, None)
    ck.expect(isinstance(seq, nn.Module), f"{what}.{part} to be an nn.Module (an nn.Sequential)",
              type(seq).__name__, ARCH_HINT)
    layers = [m for m in seq.modules() if isinstance(m, nn.Linear)]
    found = [(m.in_features, m.out_features) for m in layers]
    ck.expect(found == list(shapes), f"{what}.{part} with nn.Linear layers (in, out) = {list(shapes)}",
              str(found), ARCH_HINT)
    for i, layer in enumerate(layers):
        ck.expect_linear(layer, *shapes[i], f"{what}.{part}'s linear layer {i}")
    return layers


# ---------------------------------------------------------------------------------------- param_count

def test_param_count(sol):
    model = ck.build_model(sol.SequenceVAE, what="SequenceVAE()")
    ck.expect_param_count(model, DEFAULT_PARAMS, "SequenceVAE() (defaults seq_len=40, latent_dim=8, "
                          "hidden_dim=128)")
    ck.expect_registered(model, "SequenceVAE()")
    for args in ((12, 3, 16), (7, 2, 5), (100, 16, 64)):
        what = "SequenceVAE(seq_len={}, latent_dim={}, hidden_dim={})".format(*args)
        model = ck.build_model(sol.SequenceVAE, *args, what=what)
        ck.expect_param_count(model, _model_params(*args), what)


# ---------------------------------------------------------------------------------- base_probabilities

def _check_probabilities(sol, logits):
    what = f"base_probabilities(logits {list(logits.shape)})"
    found = _call(sol.base_probabilities, what, SOFTMAX_HINT, logits.clone())
    ck.expect_tensor(found, what, tuple(logits.shape))
    ck.expect_close(found.sum(1), torch.ones(logits.shape[0], logits.shape[2]),
                    f"{what}.sum(dim=1) (each position's probabilities over the 4 bases)", SOFTMAX_HINT,
                    atol=1e-5)
    ck.expect_close(found, torch.softmax(logits.double(), dim=1), f"{what} vs torch.softmax(logits, dim=1)",
                    SOFTMAX_HINT, rtol=1e-4, atol=1e-6)


def test_base_probabilities(sol):
    logits = torch.tensor([[[2.0, 0.0, -1.0], [0.0, 0.0, 3.0], [1.0, 0.0, -1.0], [0.0, 0.0, 0.5]]])
    _check_probabilities(sol, logits)
    ck.for_all(st.tuples(st.integers(1, 5), st.integers(1, 12), st.integers(0, 2**31 - 1)),
               lambda case: _check_probabilities(sol, _logits(case[0], case[1], case[2], scale=5.0)),
               max_examples=30)


# ----------------------------------------------------------------------------- reconstruction_log_prob

def _check_log_prob(sol, logits, x):
    what = f"reconstruction_log_prob(logits {list(logits.shape)}, x {list(x.shape)})"
    found = _call(sol.reconstruction_log_prob, what, LOGP_HINT, logits.clone(), x.clone())
    ck.expect_tensor(found, what, (logits.shape[0],), hint="one value per sequence: shape [B]")
    ck.expect_close(found, _trusted_log_prob(logits, x),
                    f"{what} vs Categorical(logits=logits.transpose(1, 2)).log_prob(x.argmax(1)).sum(-1)",
                    LOGP_HINT, rtol=RTOL, atol=ATOL)


def test_reconstruction_log_prob(sol):
    # all logits 0: every base has probability 1/4, log p = -L log 4 whatever the sequence
    x = _one_hot(2, 5, seed=1)
    what = "reconstruction_log_prob(zeros [2, 4, 5], x [2, 4, 5])"
    found = _call(sol.reconstruction_log_prob, what, LOGP_HINT, torch.zeros(2, 4, 5), x)
    ck.expect_tensor(found, what, (2,), hint="one value per sequence: shape [B]")
    ck.expect_close(found, torch.full((2,), -5 * math.log(4)), f"{what} = -5 log 4 for each sequence",
                    LOGP_HINT, rtol=RTOL, atol=ATOL)
    # one sequence "ACG": logits that favour the truth at positions 0 and 2 and not at 1
    logits = torch.tensor([[[3.0, 0.0, 0.0], [0.0, -2.0, 1.0], [0.0, 0.0, 2.0], [1.0, 0.0, 0.0]]])
    x = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]])
    _check_log_prob(sol, logits, x)
    ck.for_all(st.tuples(st.integers(1, 5), st.integers(1, 12), st.integers(0, 2**31 - 1)),
               lambda case: _check_log_prob(sol, _logits(case[0], case[1], case[2]),
                                            _one_hot(case[0], case[1], case[2] + 1)),
               max_examples=30)


# ----------------------------------------------------------------------------------- sequence_vae_loss

def _check_loss(sol, batch, length, latent, seed):
    logits = _logits(batch, length, seed).requires_grad_()
    x = _one_hot(batch, length, seed + 1)
    g = torch.Generator().manual_seed(seed + 2)
    mu, logvar = 1.5 * torch.randn(batch, latent, generator=g), torch.randn(batch, latent, generator=g)
    what = (f"sequence_vae_loss(logits {list(logits.shape)}, x {list(x.shape)}, mu {list(mu.shape)}, "
            f"logvar {list(logvar.shape)})")
    found = _call(sol.sequence_vae_loss, what, LOSS_HINT, logits, x, mu.clone(), logvar.clone())
    ck.expect_tensor(found, what, (), hint="a 0-d tensor: the batch mean (.mean()), not a list or .item()")
    ck.expect_close(found, _trusted_loss(logits, x, mu, logvar),
                    f"{what} vs the batch mean of -Categorical.log_prob summed over positions + "
                    "kl_divergence(Normal(mu, exp(logvar / 2)), Normal(0, 1)) summed over latent dims",
                    LOSS_HINT, rtol=RTOL, atol=ATOL)
    ck.expect(found.grad_fn is not None, f"{what} to carry gradients back to logits", "no grad_fn",
              "compute the loss with torch operations on the tensors you are given (no .item(), .detach(), "
              "torch.no_grad())")


def test_sequence_vae_loss(sol):
    _check_loss(sol, 3, 6, 2, seed=0)
    ck.for_all(st.tuples(st.integers(1, 5), st.integers(1, 10), st.integers(1, 6), st.integers(0, 2**31 - 1)),
               lambda case: _check_loss(sol, *case), max_examples=25)


# ---------------------------------------------------------------------------------------- forward_modes

def _mlp(layers, h):
    first, second = layers
    return F.linear(torch.relu(F.linear(h, first.weight, first.bias)), second.weight, second.bias)


def _under_two_global_seeds(run, what):
    return ck.under_global_seeds(run, what, SEED_HINT)


def _forward(model, x, what, **kwargs):
    out = _call(model, what, FORWARD_HINT, x, **kwargs)
    ck.expect(isinstance(out, tuple) and len(out) == 3, f"{what} to return a tuple (logits, mu, logvar)",
              type(out).__name__, FORWARD_HINT)
    return tuple(ck.base.plain(t).detach() if isinstance(t, torch.Tensor) else t for t in out)


def test_forward_modes(sol):
    length, latent, hidden, batch = 10, 3, 16, 5
    name = f"SequenceVAE(seq_len={length}, latent_dim={latent}, hidden_dim={hidden})"
    model = ck.build_model(sol.SequenceVAE, length, latent, hidden, seed=4, what=name)
    encoder = _linears(model, "encoder", [(4 * length, hidden), (hidden, 2 * latent)], name)
    decoder = _linears(model, "decoder", [(latent, hidden), (hidden, 4 * length)], name)
    x = _one_hot(batch, length, seed=5)
    with torch.no_grad():
        h = _mlp(encoder, x.flatten(1))
        mu, logvar = h[:, :latent], h[:, latent:]
        z = torch.randn(batch, latent, generator=torch.Generator().manual_seed(6))
        decoded = _mlp(decoder, z).view(-1, 4, length)
        found = _call(model.encode, f"{name}.encode(x [{batch}, 4, {length}])", FORWARD_HINT, x)
        ck.expect(isinstance(found, tuple) and len(found) == 2, f"{name}.encode(x) to return (mu, logvar)",
                  type(found).__name__, FORWARD_HINT)
        halves = ((found[0], mu, "mu", "first"), (found[1], logvar, "logvar", "second"))
        for value, trusted, part, half in halves:
            ck.expect_tensor(value, f"{name}.encode(x): {part}", (batch, latent))
            ck.expect_close(value, trusted, f"{name}.encode(x): {part} (the {half} half of encoder(x) along "
                            "the last dim)", FORWARD_HINT)
        what = f"{name}.decode(z [{batch}, {latent}])"
        found = _call(model.decode, what, FORWARD_HINT, z)
        ck.expect_tensor(found, what, (batch, 4, length))
        ck.expect_close(found, decoded, f"{what} vs decoder(z).view(-1, 4, {length})", FORWARD_HINT)

        model.eval()
        what = f"{name} in eval mode, forward(x)"
        runs = _under_two_global_seeds(lambda: _forward(model, x, what), what)
        logits, mu_found, logvar_found = runs[0]
        ck.expect_tensor(logits, f"{what}: logits", (batch, 4, length))
        ck.expect_close(mu_found, mu, f"{what}: mu", FORWARD_HINT)
        ck.expect_close(logvar_found, logvar, f"{what}: logvar", FORWARD_HINT)
        ck.expect_close(logits, _mlp(decoder, mu).view(-1, 4, length), f"{what}: logits = decode(mu) (no "
                        "sampling in eval mode)", "in eval mode (not self.training) z = mu: no noise")
        ck.expect(torch.equal(runs[1][0], logits), f"{what} to be the same under any global seed",
                  "different logits", "in eval mode z = mu: no noise")

        model.train()
        what = f"{name} in train mode, forward(x, generator=torch.Generator().manual_seed(7))"
        runs = _under_two_global_seeds(
            lambda: _forward(model, x, what, generator=torch.Generator().manual_seed(7)), what)
        eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(7))
        trusted = _mlp(decoder, mu + eps * torch.exp(logvar / 2)).view(-1, 4, length)
        ck.expect_tensor(runs[0][0], f"{what}: logits", (batch, 4, length))
        ck.expect_close(runs[0][0], trusted, f"{what}: logits = decode(mu + eps * exp(logvar / 2)) with "
                        "eps = torch.randn(mu.shape, generator=generator)", FORWARD_HINT)
        ck.expect(torch.equal(runs[0][0], runs[1][0]), f"{what} to be the same under any global seed",
                  "different logits", SEED_HINT)
        what = f"{name} in train mode, forward(x) (no generator: torch's global one)"
        first, second = (ck.seeded(s, _forward, model, x, what)[0] for s in (1, 2))
        ck.expect(not torch.equal(first, second), f"{what} under global seeds 1 and 2 to differ",
                  "the same logits", "in train mode forward samples z; with generator=None, "
                  "torch.randn(..., generator=None) uses the global generator")
        ck.expect(torch.equal(first, ck.seeded(1, _forward, model, x, what)[0]),
                  f"{what} to be the same twice from torch.manual_seed(1)", "different logits", SEED_HINT)


# ---------------------------------------------------------------------------------- reconstructs_bases

def _data(seed=DATA_SEED):
    x, _ = sequence_families(TRAIN_N + TEST_N, seed=seed)
    return x[:TRAIN_N], x[TRAIN_N:]


def _trained(sol, data_seed=DATA_SEED, init_seed=INIT_SEED, train_seed=TRAIN_SEED):
    """(model, losses, train, test): SequenceVAE() trained by train_sequence_vae with its defaults."""
    train, test = _data(data_seed)
    model = ck.build_model(sol.SequenceVAE, seed=init_seed, what="SequenceVAE()")
    losses = ck.seeded_training(train_seed, _call, sol.train_sequence_vae,
                                "train_sequence_vae(SequenceVAE(), x [256, 4, 40])", TRAIN_HINT,
                                model, train.clone())
    ck.expect_float_list(losses, DEFAULT_EPOCHS, f"train_sequence_vae(model, x) (default epochs="
                         f"{DEFAULT_EPOCHS}): the losses")
    return model.eval(), losses, train, test


def _accuracy(model, test):
    with torch.no_grad():
        mu, _ = model.encode(test)
        return (model.decode(mu).argmax(1) == test.argmax(1)).double().mean().item()


def test_reconstructs_bases(sol):
    # seeded: a generator makes training reproducible, the global state untouched
    small = lambda: ck.build_model(sol.SequenceVAE, 8, 2, 8, what="SequenceVAE(8, 2, 8)")  # noqa: E731
    x = _one_hot(40, 8, seed=9)
    what = "train_sequence_vae(SequenceVAE(8, 2, 8), x [40, 4, 8], epochs=2, generator=Generator(3))"
    runs = _under_two_global_seeds(lambda: _call(sol.train_sequence_vae, what, TRAIN_HINT, small(), x,
                                                 epochs=2, generator=torch.Generator().manual_seed(3)), what)
    ck.expect_float_list(runs[0], 2, f"{what}: the losses")
    ck.expect(runs[0] == runs[1], f"{what} to give the same losses under any global seed",
              f"{runs[0]} then {runs[1]}", "shuffle with torch.randperm(n, generator=generator) and pass "
              "generator=generator to model(batch, generator=generator)")
    model, losses, _, test = _trained(sol)
    trained = (f"SequenceVAE() trained by train_sequence_vae(model, x) (defaults) on sequence_families("
               f"{TRAIN_N + TEST_N}, seed={DATA_SEED})[:{TRAIN_N}]")
    accuracy = _accuracy(model, test)
    ck.expect(accuracy >= ACCURACY_BAR, f"{trained}: per-base accuracy of decode(mu).argmax(1) on the "
              f"{TEST_N} held-out family members >= {ACCURACY_BAR}", f"{accuracy:.3f}",
              TRAIN_HINT + "; " + LOGP_HINT)
    ck.expect_loss_falls(losses, LOSS_FACTOR, f"{trained}: the loss per epoch")


# ---------------------------------------------------------------------------------- prior_composition

def _planted(sol, seed=12):
    """A small SequenceVAE whose decoder the graders set: logits[c, l] = B[c, l] + W[c, l] * z[0];
    W is 0 at the first half of the positions. Returns (model, trusted base probabilities [4, L])."""
    name = f"SequenceVAE(seq_len={PLANTED_L}, latent_dim={PLANTED_Z}, hidden_dim={PLANTED_H})"
    model = ck.build_model(sol.SequenceVAE, PLANTED_L, PLANTED_Z, PLANTED_H, what=name)
    first, last = _linears(model, "decoder", [(PLANTED_Z, PLANTED_H), (PLANTED_H, 4 * PLANTED_L)], name)
    g = torch.Generator().manual_seed(seed)
    bias = 1.5 * torch.randn(4, PLANTED_L, generator=g, dtype=torch.float64)
    slope = 2.0 * torch.randn(4, PLANTED_L, generator=g, dtype=torch.float64)
    slope[:, :PLANTED_L // 2] = 0.0
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
        first.weight[0, 0], first.weight[1, 0] = 1.0, -1.0  # hidden 0 - hidden 1 = relu(z0) - relu(-z0) = z0
        last.weight[:, 0] = slope.flatten().float()          # channel-major: output c * L + l
        last.weight[:, 1] = -slope.flatten().float()
        last.bias.copy_(bias.flatten().float())
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)  # E over z0 ~ N(0, 1), exact for smooth terms
    nodes, weights = torch.from_numpy(nodes), torch.from_numpy(weights) / math.sqrt(2 * math.pi)
    probs = torch.softmax(bias[None] + slope[None] * nodes[:, None, None], dim=1)
    return model.eval(), (weights[:, None, None] * probs).sum(0)


def _samples(model, n, length, what, generator=None):
    out = _call(model.sample, what, SAMPLE_HINT, n, generator=generator)
    ck.expect_tensor(out, what, (n, 4, length), hint=SAMPLE_HINT)
    out = ck.base.plain(out).detach()
    ck.expect(bool(((out == 0) | (out == 1)).all()) and bool((out.sum(1) == 1).all()),
              f"{what} to be one-hot: at every position one base 1, the others 0 (a sum of 1 over dim 1)",
              f"values {sorted(set(out.flatten().tolist()))[:6]}, sums over dim 1 "
              f"{sorted(set(out.sum(1).flatten().tolist()))[:6]}", SAMPLE_HINT)
    return out


def test_prior_composition(sol):
    model, trusted = _planted(sol)
    name = f"SequenceVAE({PLANTED_L}, {PLANTED_Z}, {PLANTED_H}).sample"
    what = f"{name}({PLANTED_N}, generator=torch.Generator().manual_seed(5))"
    runs = _under_two_global_seeds(
        lambda: _samples(model, PLANTED_N, PLANTED_L, what, torch.Generator().manual_seed(5)), what)
    ck.expect(torch.equal(runs[0], runs[1]), f"{what} to be the same under any global seed",
              "different samples", SEED_HINT)
    other = _samples(model, PLANTED_N, PLANTED_L, what, torch.Generator().manual_seed(6))
    ck.expect(not torch.equal(other, runs[0]), f"{what.replace('seed(5)', 'seed(6)')} to differ from seed 5",
              "the same samples", "draw z and the bases from the generator you are given")
    frequencies = runs[0].double().mean(0)
    gap = (frequencies - trusted).abs()
    worst = divmod(gap.argmax().item(), PLANTED_L)
    ck.expect(gap.max().item() < PLANTED_BAR,
              f"{what}, decoder set by the graders to logits[c, l] = B[c, l] + W[c, l] * z[0]: the "
              f"frequency of each base at each position within {PLANTED_BAR} of its probability "
              "E_z[softmax(logits, dim=1)]",
              f"base {'ACGT'[worst[0]]} at position {worst[1]}: frequency {frequencies[worst].item():.3f} "
              f"where {trusted[worst].item():.3f} was expected", SAMPLE_HINT + "; " + FORWARD_HINT)
    what = f"{name}(50) (no generator: torch's global one)"
    first = ck.seeded(1, _samples, model, 50, PLANTED_L, what)
    ck.expect(torch.equal(first, ck.seeded(1, _samples, model, 50, PLANTED_L, what)),
              f"{what} to be the same twice from torch.manual_seed(1)", "different samples",
              "with generator=None, every draw uses torch's global generator")
    ck.expect(not torch.equal(first, ck.seeded(2, _samples, model, 50, PLANTED_L, what)),
              f"{what} under global seeds 1 and 2 to differ", "the same samples", SAMPLE_HINT)

    model, _, train, _ = _trained(sol)
    what = (f"SequenceVAE() trained as in reconstructs_bases, .sample({PRIOR_N}, "
            f"generator=Generator({PRIOR_SEED}))")
    samples = _samples(model, PRIOR_N, 40, what, torch.Generator().manual_seed(PRIOR_SEED))
    composition, wanted = samples.double().mean((0, 2)), train.double().mean((0, 2))
    ck.expect(bool(((composition - wanted).abs() < COMPOSITION_BAR).all()),
              f"{what}: the frequency of each base A, C, G, T over all samples and positions within "
              f"{COMPOSITION_BAR} of the training data's {[round(v, 3) for v in wanted.tolist()]}",
              str([round(v, 3) for v in composition.tolist()]), SAMPLE_HINT)


# ------------------------------------------------------------------------------------------- devices

class _Sampler(nn.Module):
    """A model whose forward is the student's sample (n = the batch size of the input)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model.sample(x.shape[0])


def test_follows_device(sol):
    x = _one_hot(3, 10, seed=13)
    what = "SequenceVAE(seq_len=10, latent_dim=3, hidden_dim=16)"
    ck.expect_follows_device(lambda: ck.build_model(sol.SequenceVAE, 10, 3, 16, what=what), x, what)
    ck.expect_follows_device(lambda: _Sampler(ck.build_model(sol.SequenceVAE, 10, 3, 16, what=what)), x,
                             what + ".sample(3)")


def test_cuda_parity(sol):
    x = _one_hot(16, 40, seed=14)
    ck.expect_cuda_parity(lambda: ck.build_model(sol.SequenceVAE, what="SequenceVAE()"), x, "SequenceVAE()")
