"""Graders: session 8, exercise 2 (VAE: the reparameterisation trick, eval-mode means, KL and the loss)."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.distributions import Normal
from torch.distributions import kl_divergence as torch_kl

from coursekit import checks as ck
from coursekit.data.session08 import expression_programs


def _count(input_dim, latent_dim, hidden_dim=400):
    """Linear(i, h) + Linear(h, 2l) + Linear(l, h) + Linear(h, i), with biases."""
    i, latent, h = input_dim, latent_dim, hidden_dim
    return 2 * i * h + 3 * latent * h + 2 * h + 2 * latent + i


DEFAULT_PARAMS = 825_840  # VAE(): 2*1000*400 + 3*20*400 + 2*400 + 2*20 + 1000
# The small model most checks use: 12 genes, latent 3, hidden 8; x = 6 cells of expression_programs
SMALL = (12, 3, 8)
F64 = dict(rtol=1e-9, atol=1e-12)  # float64 comparisons

SAMPLE_HINT = ("eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device) in ONE "
               "call (randn_like also needs generator=generator), then z = mu + eps * torch.exp(0.5 * "
               "logvar): logvar is the log VARIANCE, so the standard deviation is exp(logvar / 2)")
GRAD_HINT = ("z must be a differentiable function of mu and logvar: z = mu + eps * torch.exp(0.5 * logvar) "
             "with eps a plain tensor; torch.normal(mu, std) and Normal(mu, std).sample() give NO gradient, "
             "and no torch.no_grad() or .detach()")
LAYER_HINT = ("encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, "
              "2 * latent_dim)); decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(), "
              "nn.Linear(hidden_dim, input_dim)), no Sigmoid: the decoder outputs a Gaussian mean")
ENCODE_HINT = "mu, logvar = self.encoder(x).chunk(2, dim=-1): the first half is mu, the second logvar"
FORWARD_HINT = ("forward: mu, logvar = encode(x); z = reparameterize(mu, logvar, generator) in training "
                "mode, z = mu in eval mode (no sampling, nothing drawn); return decode(z), mu, logvar")
KL_HINT = ("KL per sample = -0.5 * sum over the LATENT dimension (dim=-1) of (1 + logvar - mu**2 - "
           "exp(logvar)): a tensor [B], one value per sample, >= 0 (not summed over the batch, not a mean "
           "over the latent dimensions)")
LOSS_HINT = ("vae_loss = (((recon_x - x) ** 2).sum(dim=-1) + KL).mean(): the squared error SUMMED over the "
             "features, plus the KL, averaged over the batch (not summed over it: reduction='sum' is the "
             "guide's; not F.mse_loss's mean over every element); no sigmoid, no binary cross-entropy")


# ---------------------------------------------------------------- trusted pieces ----

def _call(fn, what, *args, **kwargs):
    return ck.call(fn, *args, what=what, hint="follow the shapes and dtypes of the spec", **kwargs)


def _model(sol, *args, seed=0, perturb=True, **kwargs):
    what = f"VAE({', '.join([str(a) for a in args] + [f'{k}={v}' for k, v in kwargs.items()])})"
    model = ck.build_model(sol.VAE, *args, seed=seed, what=what, **kwargs)
    if perturb:  # spread the weights so logvar is far from 0 and every layer matters
        g = torch.Generator().manual_seed(seed + 100)
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.3 * torch.randn(p.shape, generator=g, dtype=p.dtype))
    return model, what


def _cells(n=6, genes=12, seed=0):
    """Scaled expression of n cells (expression_programs), float32 [n, genes]."""
    return expression_programs(n_cells=n, n_genes=genes, n_programs=3, n_types=2, seed=seed)[0]


def _linears(seq, what, sizes):
    """The two nn.Linear of a Sequential [Linear, ReLU, Linear] with the given (in, out) sizes."""
    ck.expect(isinstance(seq, nn.Sequential), f"{what} to be an nn.Sequential", type(seq).__name__,
              LAYER_HINT)
    layers = list(seq)
    kinds = [type(m).__name__ for m in layers]
    ck.expect(kinds == ["Linear", "ReLU", "Linear"], f"{what} = nn.Sequential(Linear, ReLU, Linear)",
              f"nn.Sequential({', '.join(kinds)})", LAYER_HINT)
    for layer, (n_in, n_out), name in zip((layers[0], layers[2]), sizes, (f"{what}[0]", f"{what}[2]")):
        ck.expect_linear(layer, n_in, n_out, name)
    return layers[0], layers[2]


def _mlp(seq, h):
    """Linear, ReLU, Linear with the Sequential's weights, in float64."""
    linears = [m for m in seq if isinstance(m, nn.Linear)]
    first, last = linears[0], linears[-1]
    w = [t.detach().double() for t in (first.weight, first.bias, last.weight, last.bias)]
    return F.linear(F.relu(F.linear(h.double(), w[0], w[1])), w[2], w[3])


def _encode(model, x):
    out = _mlp(model.encoder, x)
    half = out.shape[-1] // 2
    return out[..., :half], out[..., half:]


def _eps(shape, seed, dtype=torch.float32):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def _global_eps(shape, seed, dtype=torch.float32):
    return ck.seeded(seed, torch.randn, shape, dtype=dtype)


def _trusted_kl(mu, logvar):
    mu, logvar = mu.detach().double(), logvar.detach().double()
    prior = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return torch_kl(Normal(mu, torch.exp(logvar / 2)), prior).sum(-1)


def _trusted_loss(recon, x, mu, logvar):
    return ((recon.detach().double() - x.double()) ** 2).sum(-1).mean() + _trusted_kl(mu, logvar).mean()


def _state(model):
    return [(n, tuple(t.shape)) for n, t in list(model.named_parameters()) + list(model.named_buffers())]


def _forward(model, what, x, **kwargs):
    out = _call(model, what, x, **kwargs)
    ck.expect(isinstance(out, (tuple, list)) and len(out) == 3, f"{what} to return (recon, mu, logvar)",
              type(out).__name__ + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""),
              FORWARD_HINT)
    return out


# ---------------------------------------------------------------- checks ------------

def test_architecture(sol):
    i, latent, h = SMALL
    model, what = _model(sol, i, latent, h)
    _linears(getattr(model, "encoder", None), f"{what}.encoder", [(i, h), (h, 2 * latent)])
    _linears(getattr(model, "decoder", None), f"{what}.decoder", [(latent, h), (h, i)])
    squashing = [type(m).__name__ for m in model.modules()
                 if isinstance(m, (nn.Sigmoid, nn.Tanh, nn.Softplus, nn.Softmax))]
    ck.expect(not squashing, f"{what}: no output squashing (the decoder is a Gaussian mean)",
              ", ".join(squashing), LAYER_HINT)
    x = _cells()
    with torch.no_grad():
        pair = _call(model.encode, f"{what}.encode(x [6, {i}])", x)
        ck.expect(isinstance(pair, (tuple, list)) and len(pair) == 2,
                  f"{what}.encode(x) to return (mu, logvar)", type(pair).__name__, ENCODE_HINT)
        mu, logvar = _encode(model, x)
        for found, trusted, name in zip(pair, (mu, logvar), ("mu", "logvar")):
            ck.expect_tensor(found, f"{name} of {what}.encode(x [6, {i}])", (6, latent))
            ck.expect_close(found, trusted, f"{name} of {what}.encode(x [6, {i}])", ENCODE_HINT)
        z = 2.0 * _eps((6, latent), seed=1)
        recon = _call(model.decode, f"{what}.decode(z [6, {latent}])", z)
    ck.expect_tensor(recon, f"{what}.decode(z [6, {latent}])", (6, i))
    ck.expect_close(recon, _mlp(model.decoder, z), f"{what}.decode(z): Linear, ReLU, Linear (no sigmoid)",
                    LAYER_HINT)


def test_param_count(sol):
    cases = [((), {}, DEFAULT_PARAMS, "VAE() (defaults input_dim=1000, latent_dim=20, hidden_dim=400)"),
             ((30,), {}, _count(30, 20), "VAE(30) (latent_dim 20, hidden_dim 400 by default)"),
             ((), dict(input_dim=50, latent_dim=4), _count(50, 4), "VAE(input_dim=50, latent_dim=4)"),
             ((200, 10, 64), {}, _count(200, 10, 64), "VAE(200, 10, 64)")]
    for args, kwargs, count, what in cases:
        model = ck.build_model(sol.VAE, *args, what=what, **kwargs)
        ck.expect_param_count(model, count, what)


def _check_sample(sol, model, what, mu, logvar, seed):
    """reparameterize with a seeded generator equals mu + eps * exp(logvar / 2) for the graders' eps;
    nothing else moves: the global RNG, mu, logvar, the model's parameters."""
    before, inputs, state = torch.random.get_rng_state(), (mu.clone(), logvar.clone()), _state(model)
    desc = f"{what}.reparameterize(mu, logvar, generator=torch.Generator().manual_seed({seed})), " \
           f"{mu.dtype} {tuple(mu.shape)}"
    z = _call(model.reparameterize, desc, mu, logvar, generator=torch.Generator().manual_seed(seed))
    ck.expect_tensor(z, desc, tuple(mu.shape), mu.dtype, "z has the shape and dtype of mu")
    trusted = mu.double() + _eps(mu.shape, seed, mu.dtype).double() * torch.exp(logvar.double() / 2)
    ck.expect_close(z, trusted, f"{desc}: z = mu + eps * exp(logvar / 2), eps = torch.randn(mu.shape, "
                    f"generator=generator, dtype=mu.dtype)", SAMPLE_HINT,
                    **(F64 if mu.dtype == torch.float64 else {}))
    ck.expect(torch.equal(before, torch.random.get_rng_state()), f"{desc} to leave the global RNG untouched",
              "torch's global random state changed", "with a generator, draw eps from it only: "
              "torch.randn(mu.shape, generator=generator, ...), never without the generator")
    ck.expect(all(torch.equal(a, b) for a, b in zip(inputs, (mu, logvar))),
              f"{desc} to leave mu and logvar as they were", "mu or logvar changed in place",
              "build z as a new tensor (no add_, mul_)")
    ck.expect(_state(model) == state, f"{desc} to add no parameter or buffer to the model",
              f"{len(_state(model))} parameters and buffers where {len(state)} were",
              "eps is a plain tensor drawn at each call, not an nn.Parameter or a buffer")


SHAPES = st.lists(st.integers(1, 6), min_size=1, max_size=3)
SAMPLE_CASES = st.tuples(SHAPES, st.sampled_from([torch.float32, torch.float64]), st.floats(0.1, 4.0),
                         st.floats(-4.0, 4.0), st.integers(0, 2**31 - 1))


def _sample_case(case):
    shape, dtype, scale, shift, seed = case
    g = torch.Generator().manual_seed(seed)
    mu = (scale * torch.randn(shape, generator=g, dtype=torch.float64)).to(dtype)
    logvar = (shift + 2 * torch.rand(shape, generator=g, dtype=torch.float64) - 1).to(dtype)
    return mu, logvar, seed % 1000


def test_reparameterize(sol):
    model, what = _model(sol, 6, 4, 8)
    model.train()
    mu = torch.tensor([[0.0, 1.0, -1.0, 2.0], [0.5, -0.5, 3.0, 0.0]])
    logvar = torch.tensor([[0.0, math.log(4.0), -2.0, 1.0], [2.0, 0.0, math.log(0.25), -1.0]])
    _check_sample(sol, model, what, mu, logvar, seed=0)  # a plain case first: 2 cells, latent 4
    g = torch.Generator().manual_seed(1)
    mu64, logvar64 = torch.randn(5, 7, generator=g, dtype=torch.float64), torch.randn(5, 7, generator=g,
                                                                                    dtype=torch.float64)
    _check_sample(sol, model, what, mu64, logvar64, seed=2)  # float64: eps drawn in float64 (35 values)
    # generator=None (the default): eps from torch's global generator
    desc = f"{what}.reparameterize(mu, logvar) (no generator) after torch.manual_seed(3)"
    z = ck.seeded(3, _call, model.reparameterize, desc, mu, logvar)
    ck.expect_tensor(z, desc, (2, 4))
    ck.expect_close(z, mu + _global_eps((2, 4), 3) * torch.exp(logvar / 2),
                    f"{desc}: eps = torch.randn(mu.shape) from the global generator", SAMPLE_HINT)
    ck.for_all(SAMPLE_CASES, lambda c: _check_sample(sol, model, what, *_sample_case(c)), max_examples=30)


def _check_gradients(sol, model, what, case):
    mu, logvar, seed = _sample_case(case)
    mu, logvar = mu.double().requires_grad_(), logvar.double().requires_grad_()
    desc = f"{what}.reparameterize(mu, logvar, generator) on float64 {tuple(mu.shape)}"
    z = _call(model.reparameterize, desc, mu, logvar, generator=torch.Generator().manual_seed(seed))
    ck.expect_tensor(z, desc, tuple(mu.shape), torch.float64)
    ck.expect(z.requires_grad, f"{desc} to carry gradients back to mu and logvar", "z.requires_grad is False",
              GRAD_HINT)
    _call(z.sum().backward, f"z.sum().backward() after {desc}")
    for leaf, name, trusted, law in ((mu, "mu", torch.ones_like(mu), "dz/dmu = 1"),
                                     (logvar, "logvar", (z - mu).detach() / 2,
                                      "dz/dlogvar = eps * exp(logvar / 2) / 2 = (z - mu) / 2")):
        ck.expect(leaf.grad is not None, f"{desc}: a gradient for {name}", "None", GRAD_HINT)
        ck.expect_close(leaf.grad, trusted, f"{desc}: {law} (elementwise, from z.sum().backward())",
                        GRAD_HINT, **F64)


def test_reparameterize_gradients(sol):
    model, what = _model(sol, 6, 4, 8)
    model.train()
    _check_gradients(sol, model, what, ([3, 5], torch.float64, 1.0, 0.5, 4))  # a plain case: [3, 5]
    ck.for_all(SAMPLE_CASES, lambda c: _check_gradients(sol, model, what, c), max_examples=20)
    # through forward: the training-mode loss reaches every parameter, the logvar half of the encoder too
    i, latent, h = SMALL
    model, what = _model(sol, i, latent, h)
    recon, mu, logvar = _forward(model.train(), f"{what} in training mode", _cells(), generator=
                                 torch.Generator().manual_seed(5))
    ck.expect_tensor(recon, f"recon of {what} in training mode", (6, i))
    _call(recon.pow(2).sum().backward, f"recon.pow(2).sum().backward() after {what}(x) in training mode")
    missing = [n for n, p in model.named_parameters()
               if p.grad is None or not torch.isfinite(p.grad).all() or not p.grad.abs().sum() > 0]
    ck.expect(not missing, f"{what} in training mode: a finite, nonzero gradient for every parameter from "
              "the reconstruction (recon.pow(2).sum().backward())",
              "none (or zero) for " + ", ".join(missing), GRAD_HINT)


def test_eval_uses_mean(sol):
    i, latent, h = SMALL
    model, what = _model(sol, i, latent, h)
    _linears(getattr(model, "encoder", None), f"{what}.encoder", [(i, h), (h, 2 * latent)])
    _linears(getattr(model, "decoder", None), f"{what}.decoder", [(latent, h), (h, i)])
    x = _cells()
    with torch.no_grad():
        mu, logvar = _encode(model, x)
    model.eval()
    desc = f"{what} in eval mode on x [6, {i}]"
    with torch.no_grad():
        first = ck.seeded(1, _forward, model, desc, x)
        second = ck.seeded(2, _forward, model, desc, x)
    for t, name, width in zip(first, ("recon", "mu", "logvar"), (i, latent, latent)):
        ck.expect_tensor(t, f"{name} of {desc}", (6, width))
    ck.expect(all(torch.equal(a, b) for a, b in zip(first, second)), f"{desc}: the same output from two "
              "different global seeds", "two different outputs", "in eval mode z = mu: draw nothing")
    ck.expect_close(first[1], mu, f"mu of {desc}", ENCODE_HINT)
    ck.expect_close(first[2], logvar, f"logvar of {desc}", ENCODE_HINT)
    ck.expect_close(first[0], _mlp(model.decoder, mu), f"recon of {desc} = decode(mu)",
                    FORWARD_HINT + ": in eval mode recon is decode(mu) exactly")
    g, before = torch.Generator().manual_seed(6), torch.random.get_rng_state()
    g_before = g.get_state()
    with torch.no_grad():
        third = _forward(model, f"{desc} with a generator", x, generator=g)
    ck.expect(torch.equal(third[0], first[0]) and torch.equal(g.get_state(), g_before)
              and torch.equal(before, torch.random.get_rng_state()),
              f"{desc} with a generator: the same recon, nothing drawn from the generator or the global RNG",
              "a different recon or a random state moved", "in eval mode z = mu: draw nothing")
    # training mode samples: z = mu + eps * exp(logvar / 2), eps from the generator (else the global RNG)
    model.train()
    std = torch.exp(logvar / 2)
    for seed in (7, 8):
        desc = f"{what} in training mode, generator=torch.Generator().manual_seed({seed})"
        with torch.no_grad():
            recon = _forward(model, desc, x, generator=torch.Generator().manual_seed(seed))[0]
        ck.expect_tensor(recon, f"recon of {desc}", (6, i))
        ck.expect_close(recon, _mlp(model.decoder, mu + _eps((6, latent), seed).double() * std),
                        f"recon of {desc} = decode(mu + eps * exp(logvar / 2)) for the graders' eps",
                        FORWARD_HINT + "; pass the generator on to reparameterize. " + SAMPLE_HINT)
    with torch.no_grad():
        r7 = _forward(model, what, x, generator=torch.Generator().manual_seed(7))[0]
        r8 = _forward(model, what, x, generator=torch.Generator().manual_seed(8))[0]
        default = ck.seeded(9, _forward, model, f"{what}(x) in training mode (no generator)", x)[0]
    ck.expect(not torch.equal(r7, r8),
              f"{what} in training mode: different recon for generator seeds 7 and 8",
              "the same recon", "training mode samples z")
    ck.expect_close(default, _mlp(model.decoder, mu + _global_eps((6, latent), 9).double() * std),
                    f"recon of {what}(x) in training mode, no generator, after torch.manual_seed(9)",
                    FORWARD_HINT + "; with generator=None, eps comes from torch's global generator")


def test_kl_divergence(sol):
    mu = torch.tensor([[0.0, 0.0], [1.0, -2.0], [0.5, 0.0]])
    logvar = torch.tensor([[0.0, 0.0], [math.log(4.0), -1.0], [0.0, 2.0]])
    desc = "kl_divergence(mu, logvar) for mu, logvar float32 [3, 2]"
    found = _call(sol.kl_divergence, desc, mu, logvar)
    ck.expect_tensor(found, desc, (3,), hint=KL_HINT)
    ck.expect_close(found, _trusted_kl(mu, logvar), f"{desc} vs torch.distributions.kl_divergence("
                    "Normal(mu, exp(logvar / 2)), Normal(0, 1)).sum(-1) (the first row, mu = 0 and "
                    "logvar = 0, is 0)", KL_HINT)

    def check(case):
        batch, latent, scale, shift, seed = case
        g = torch.Generator().manual_seed(seed)
        mu = scale * torch.randn(batch, latent, generator=g, dtype=torch.float64)
        logvar = shift + 2 * torch.randn(batch, latent, generator=g, dtype=torch.float64)
        desc = f"kl_divergence(mu, logvar) for float64 [{batch}, {latent}]"
        found = _call(sol.kl_divergence, desc, mu, logvar)
        ck.expect_tensor(found, desc, (batch,), torch.float64, KL_HINT)
        ck.expect_close(found, _trusted_kl(mu, logvar), f"{desc} vs torch.distributions", KL_HINT, **F64)

    ck.for_all(st.tuples(st.integers(1, 6), st.integers(1, 8), st.floats(0.0, 3.0), st.floats(-3.0, 3.0),
                         st.integers(0, 2**31 - 1)), check, max_examples=30)


def _check_loss(sol, recon, x, mu, logvar, desc, tolerance):
    recon, mu, logvar = (t.clone().requires_grad_() for t in (recon, mu, logvar))
    loss = _call(sol.vae_loss, desc, recon, x, mu, logvar)
    ck.expect_tensor(loss, desc, (), recon.dtype, "return a 0-d tensor (the batch mean), not a float")
    ck.expect_close(loss, _trusted_loss(recon, x, mu, logvar), f"{desc} = mean over the batch of "
                    "(squared error summed over the features + KL)", LOSS_HINT, **tolerance)
    ck.expect(loss.requires_grad, f"{desc} to carry gradients", "loss.requires_grad is False",
              "compute the loss with tensor operations (no .item(), no torch.no_grad())")
    _call(loss.backward, f"loss.backward() after {desc}")
    n = x.shape[0]
    for leaf, trusted, law in ((recon, 2 * (recon - x) / n, "d loss / d recon_x = 2 (recon_x - x) / B"),
                               (mu, mu / n, "d loss / d mu = mu / B"),
                               (logvar, (logvar.exp() - 1) / (2 * n),
                                "d loss / d logvar = (exp(logvar) - 1) / 2B")):
        ck.expect(leaf.grad is not None, f"{desc}: {law}", "no gradient", LOSS_HINT)
        ck.expect_close(leaf.grad, trusted.detach(), f"{desc}: {law}", LOSS_HINT, **tolerance)


def test_vae_loss(sol):
    recon = torch.tensor([[0.5, -1.0, 2.0], [0.0, 1.5, -0.5]])
    x = torch.tensor([[1.0, -1.0, 0.0], [-2.0, 0.5, -0.5]])  # scaled expression: negative values too
    mu = torch.tensor([[0.0, 1.0], [-1.0, 0.5]])
    logvar = torch.tensor([[0.0, math.log(2.0)], [-1.0, 0.5]])
    _check_loss(sol, recon, x, mu, logvar, "vae_loss(recon_x, x, mu, logvar) for 2 cells, 3 genes, latent 2",
                {})

    def check(case):
        batch, genes, latent, seed = case
        g = torch.Generator().manual_seed(seed)
        recon, x = (torch.randn(batch, genes, generator=g, dtype=torch.float64) for _ in range(2))
        mu, logvar = (torch.randn(batch, latent, generator=g, dtype=torch.float64) for _ in range(2))
        _check_loss(sol, recon, x, mu, logvar, f"vae_loss for float64 recon_x, x [{batch}, {genes}], "
                    f"mu, logvar [{batch}, {latent}]", F64)

    ck.for_all(st.tuples(st.integers(1, 6), st.integers(1, 10), st.integers(1, 5), st.integers(0, 2**31 - 1)),
               check, max_examples=30)


def test_follows_device(sol):
    i, latent, h = SMALL
    what = f"VAE({i}, {latent}, {h})"
    ck.expect_follows_device(lambda: ck.build_model(sol.VAE, i, latent, h, what=what), _cells(), what)


def test_cuda_parity(sol):
    x = expression_programs(n_cells=8, n_genes=1000, seed=1)[0]
    ck.expect_cuda_parity(lambda: ck.build_model(sol.VAE, what="VAE()"), x, "VAE() in eval mode on 8 cells")
