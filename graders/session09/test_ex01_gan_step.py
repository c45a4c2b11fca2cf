"""Graders: session 9, exercise 1 (Generator, Discriminator, discriminator_step, generator_step)."""
import copy

import pytest
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session09 import log_expression

LR = 0.1  # the graders' optimizers: torch.optim.SGD(one network's parameters, lr=LR)
LATENT, GENES, BATCH = 8, 12, 16
PARAM_TOL = dict(rtol=1e-4, atol=1e-6)
# (latent_dim, output_dim, batch, seed) for generated cases
STEP_CASES = st.tuples(st.integers(1, 6), st.integers(1, 10), st.integers(1, 12), st.integers(0, 2**31 - 1))

NOISE_HINT = ("draw z with ONE call torch.randn(B, G.latent_dim, generator=generator, device=...), "
              "before anything else random, and nothing else random in the step")
D_HINT = ("d_optimizer.zero_grad(); fake = G(z).detach(); d_loss = BCE(D(real), ones) + BCE(D(fake), zeros) "
          "with F.binary_cross_entropy_with_logits (each a mean, the loss their SUM); d_loss.backward(); "
          "d_optimizer.step(); return d_loss.item()")
G_HINT = ("g_optimizer.zero_grad(); logits = D(G(z)); g_loss = BCE(logits, ones) (non-saturating: fakes "
          "labelled REAL); g_loss.backward(); g_optimizer.step(); D.zero_grad(); return g_loss.item()")
DEVICE_HINT = "create z on the models' device: torch.randn(..., device=...)"
G_LAYOUT = (nn.Linear, nn.ReLU, nn.Linear, nn.ReLU, nn.Linear, nn.Tanh)
D_LAYOUT = (nn.Linear, nn.LeakyReLU, nn.Linear, nn.LeakyReLU, nn.Linear)


# ---------------------------------------------------------------- trusted pieces ----

def _real(seed, genes=GENES, batch=BATCH):
    """log_expression scaled to [-1, 1] by its maximum (the spec's real batch)."""
    x, _ = log_expression(n_cells=batch, n_genes=genes, seed=seed)
    return 2 * x / x.max() - 1


def _uniform(batch, genes, seed):
    return 2 * torch.rand(batch, genes, generator=torch.Generator().manual_seed(seed)) - 1


def _noise(batch, latent, seed):
    return torch.randn(batch, latent, generator=torch.Generator().manual_seed(seed))


def _net(model, layout, what):
    """The model's net, checked to be the spec's nn.Sequential layout (types in order)."""
    net = getattr(model, "net", None)
    found = [type(m).__name__ for m in net] if isinstance(net, nn.Sequential) else repr(type(net))
    ck.expect(isinstance(net, nn.Sequential) and len(net) == len(layout)
              and all(isinstance(m, t) for m, t in zip(net, layout)),
              f"{what}.net = nn.Sequential({', '.join(t.__name__ for t in layout)})", str(found),
              "build self.net exactly as in the spec, in that order")
    return net


def _g(G, z):
    """G's forward computed from its layers' weights: Linear, ReLU, Linear, ReLU, Linear, Tanh."""
    net = _net(G, G_LAYOUT, "Generator")
    h = F.relu(F.linear(z, net[0].weight, net[0].bias))
    h = F.relu(F.linear(h, net[2].weight, net[2].bias))
    return torch.tanh(F.linear(h, net[4].weight, net[4].bias))


def _d(D, x):
    """D's forward computed from its layers' weights: a raw logit, LeakyReLU slope 0.2."""
    net = _net(D, D_LAYOUT, "Discriminator")
    h = F.leaky_relu(F.linear(x, net[0].weight, net[0].bias), 0.2)
    h = F.leaky_relu(F.linear(h, net[2].weight, net[2].bias), 0.2)
    return F.linear(h, net[4].weight, net[4].bias)


def _bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, float(target)))


def _d_loss(G, D, real, z):
    return _bce(_d(D, real), 1) + _bce(_d(D, _g(G, z).detach()), 0)


def _g_loss(G, D, z):
    return _bce(_d(D, _g(G, z)), 1)


def _trusted_value(loss_fn, *args):
    with torch.no_grad():
        return loss_fn(*args).item()


def _trusted_step(model, loss_fn, *args):
    """A copy of ``model`` after one SGD step on loss_fn(*args) from clean gradients.
    ``args`` hold the models the loss reads; ``model`` must be one of them."""
    for m in args:
        if isinstance(m, nn.Module):
            m.zero_grad(set_to_none=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn(*args).backward()
    optimizer.step()
    return model


def _pair(sol, latent=LATENT, genes=GENES, seed=0):
    G = ck.build_model(sol.Generator, latent, genes, seed=seed, what=f"Generator({latent}, {genes})")
    D = ck.build_model(sol.Discriminator, genes, seed=seed + 1, what=f"Discriminator({genes})")
    return G, D


def _sharpen(D):
    """D's parameters scaled by 3 and its last bias raised by 1: logits of order 1 (as after some
    training), so that the right loss is far from the wrong ones (target 0, swapped labels)."""
    net = _net(D, D_LAYOUT, "Discriminator")
    with torch.no_grad():
        for p in D.parameters():
            p.mul_(3.0)
        net[4].bias.add_(1.0)
    return D


def _sgd(model):
    return torch.optim.SGD(model.parameters(), lr=LR)


def _snapshot(model):
    return [p.detach().clone() for p in model.parameters()]


def _same(model, snapshot):
    return all(torch.equal(p.detach(), q) for p, q in zip(model.parameters(), snapshot))


def _clean(model):
    return all(p.grad is None or not p.grad.any() for p in model.parameters())


def _plant(model, seed):
    g = torch.Generator().manual_seed(seed)
    for p in model.parameters():
        p.grad = 0.5 * torch.randn(p.shape, generator=g)


def _d_step(sol, G, D, real, generator=None, optimizer=None, what=None):
    what = what or f"discriminator_step(G, D, real {list(real.shape)}, SGD(D.parameters()))"
    args = (G, D, real, optimizer or _sgd(D))
    kwargs = {} if generator is None else {"generator": generator}
    return ck.call(sol.discriminator_step, *args, what=what, hint=D_HINT, **kwargs)


def _g_step(sol, G, D, batch, generator=None, optimizer=None, what=None):
    what = what or f"generator_step(G, D, {batch}, SGD(G.parameters()))"
    args = (G, D, batch, optimizer or _sgd(G))
    kwargs = {} if generator is None else {"generator": generator}
    return ck.call(sol.generator_step, *args, what=what, hint=G_HINT, **kwargs)


def _expect_float(value, what):
    ck.expect(type(value) is float, f"{what} to return a Python float", type(value).__name__,
              "return loss.item(), not the tensor")


def _expect_params_close(model, trusted, what, hint):
    for (name, p), q in zip(model.named_parameters(), trusted.parameters()):
        ck.expect_close(p.detach(), q.detach(), f"{what}: parameter {name}", hint, **PARAM_TOL)


# ---------------------------------------------------------------- checks ------------

def test_param_count(sol):
    for factory, args, count, what in ((sol.Generator, (), 260_040, "Generator() (defaults 100, 200)"),
                                       (sol.Discriminator, (), 234_497, "Discriminator() (default 200)"),
                                       (sol.Generator, (8, 12), 140_044, "Generator(8, 12)"),
                                       (sol.Generator, (3, 5), 135_173, "Generator(3, 5)"),
                                       (sol.Discriminator, (12,), 138_241, "Discriminator(12)"),
                                       (sol.Discriminator, (7,), 135_681, "Discriminator(7)")):
        model = ck.build_model(factory, *args, what=what)
        net = getattr(model, "net", None)
        ck.expect(isinstance(net, nn.Sequential), f"{what}.net to be an nn.Sequential", type(net).__name__,
                  "self.net = nn.Sequential(...) as in the spec")
        ck.expect_param_count(model, count, what)
    G = ck.build_model(sol.Generator, 8, 12, what="Generator(8, 12)")
    ck.expect(getattr(G, "latent_dim", None) == 8, "Generator(8, 12).latent_dim == 8",
              repr(getattr(G, "latent_dim", None)), "store self.latent_dim = latent_dim in __init__")


def _check_logits(sol, case):
    genes, batch, seed = case
    what = f"Discriminator({genes})"
    D = ck.build_model(sol.Discriminator, genes, seed=seed, what=what)
    net = _net(D, D_LAYOUT, what)
    x = 2 * torch.randn(batch, genes, generator=torch.Generator().manual_seed(seed))
    found = ck.call(D, x, what=f"{what} on x [{batch}, {genes}]", hint="forward(x) returns self.net(x)")
    ck.expect_tensor(found, f"{what}(x) for x [{batch}, {genes}]", (batch, 1))
    with torch.no_grad():
        ck.expect_close(found, _d(D, x), f"{what}(x) for x [{batch}, {genes}]",
                        "return self.net(x): raw logits, no sigmoid, LeakyReLU(0.2)")
    return net


def test_discriminator_logits(sol):
    what = f"Discriminator({GENES})"
    D = ck.build_model(sol.Discriminator, GENES, seed=3, what=what)
    net = _net(D, D_LAYOUT, what)
    for i, (fan_in, fan_out) in zip((0, 2, 4), ((GENES, 512), (512, 256), (256, 1))):
        ck.expect_linear(net[i], fan_in, fan_out, f"{what}.net[{i}]")
    slopes = [net[i].negative_slope for i in (1, 3)]
    ck.expect(slopes == [0.2, 0.2], f"{what}: both LeakyReLUs with negative_slope 0.2", f"slopes {slopes}",
              "nn.LeakyReLU(0.2): the default nn.LeakyReLU() has slope 0.01")
    with torch.no_grad():
        for p in D.parameters():
            p.mul_(4.0)  # logits spread well beyond [0, 1]
    x = 2 * torch.randn(6, GENES, generator=torch.Generator().manual_seed(4))
    found = ck.call(D, x, what=f"{what} on x [6, {GENES}]", hint="forward(x) returns self.net(x)")
    ck.expect_tensor(found, f"{what}(x) for x [6, {GENES}]", (6, 1))
    ck.expect(bool((found < 0).any() and (found > 1).any()),
              f"{what}(x) to be raw logits: some below 0 and some above 1 (its weights scaled by 4)",
              f"values from {found.min().item():.4g} to {found.max().item():.4g}",
              "no sigmoid in forward: BCE-with-logits applies it itself")
    with torch.no_grad():
        ck.expect_close(found, _d(D, x), f"{what}(x) (weights scaled by 4) for x [6, {GENES}]",
                        "return self.net(x): Linear, LeakyReLU(0.2), Linear, LeakyReLU(0.2), Linear")
    ck.for_all(st.tuples(st.integers(1, 16), st.integers(1, 8), st.integers(0, 2**31 - 1)),
               lambda case: _check_logits(sol, case), max_examples=20)
    _check_logits(sol, (200, 3, 5))
    D = ck.build_model(sol.Discriminator, what="Discriminator()")
    x = torch.randn(3, 200, generator=torch.Generator().manual_seed(6))
    found = ck.call(D, x, what="Discriminator() on x [3, 200]", hint="the default input_dim is 200")
    ck.expect_tensor(found, "Discriminator()(x) for x [3, 200]", (3, 1))
    with torch.no_grad():
        ck.expect_close(found, _d(D, x), "Discriminator()(x) for x [3, 200]", "return self.net(x)")


def test_d_step_leaves_g(sol):
    for seed, generator in ((0, torch.Generator().manual_seed(10)), (1, None)):
        G, D = _pair(sol, seed=seed)
        g_before, d_before = _snapshot(G), _snapshot(D)
        shown = "a torch.Generator" if generator is not None else "generator=None"
        what = f"discriminator_step(Generator(8, 12), Discriminator(12), real [16, 12], SGD, {shown})"
        ck.seeded(seed, _d_step, sol, G, D, _real(seed), generator, what=what)
        ck.expect(_same(G, g_before), f"{what}: G's parameters unchanged (bit-identical)",
                  "G's parameters changed", "the D step steps only d_optimizer; G is only used to make fakes")
        ck.expect(_clean(G), f"{what}: every G .grad None or zero", "gradients in G's parameters",
                  "detach the fakes: fake = G(z).detach(), so d_loss.backward() stops at them")
        ck.expect(not _same(D, d_before), f"{what}: D's parameters changed", "D unchanged",
                  "d_loss.backward() then d_optimizer.step()")


def test_g_step_leaves_d(sol):
    for seed, generator in ((2, torch.Generator().manual_seed(11)), (3, None)):
        G, D = _pair(sol, seed=seed)
        g_before, d_before = _snapshot(G), _snapshot(D)
        shown = "a torch.Generator" if generator is not None else "generator=None"
        what = f"generator_step(Generator(8, 12), Discriminator(12), 16, SGD(G.parameters()), {shown})"
        ck.seeded(seed, _g_step, sol, G, D, BATCH, generator, what=what)
        ck.expect(_same(D, d_before), f"{what}: D's parameters unchanged (bit-identical)",
                  "D's parameters changed",
                  "the G step steps only g_optimizer: D is the judge, not trained here")
        frozen = [n for n, p in D.named_parameters() if not p.requires_grad]
        ck.expect(not frozen, f"{what}: every D parameter still requires_grad afterwards",
                  f"frozen: {', '.join(frozen)}",
                  "if you freeze D for the G step, unfreeze it before returning (D.requires_grad_(True)); "
                  "or do not freeze it: only g_optimizer steps anyway")
        ck.expect(not _same(G, g_before), f"{what}: G's parameters changed", "G unchanged",
                  "g_loss.backward() then g_optimizer.step(); do not detach G(z) in the G step")


def _check_losses(sol, case, real=None):
    """Both steps' returned losses vs BCE-with-logits on the same redrawn noise (a generator)."""
    latent, genes, batch, seed = case
    G, D = _pair(sol, latent, genes, seed=seed % 1000)
    _sharpen(D)
    real = _uniform(batch, genes, seed) if real is None else real
    z = _noise(batch, latent, seed)
    sizes = f"Generator({latent}, {genes}), Discriminator({genes})"
    what = f"discriminator_step with {sizes}, real [{batch}, {genes}], generator seeded {seed}"
    trusted = _trusted_value(_d_loss, G, D, real, z)
    found = ck.under_global_seeds(
        lambda: _d_step(sol, G, D, real, torch.Generator().manual_seed(seed), what=what), what, NOISE_HINT,
        seeds=(1,))[0]
    _expect_float(found, what)
    ck.expect_close(found, trusted, f"{what}: the returned D loss", D_HINT)
    what = f"generator_step with {sizes}, batch {batch}, generator seeded {seed}"
    trusted = _trusted_value(_g_loss, G, D, z)
    found = ck.under_global_seeds(
        lambda: _g_step(sol, G, D, batch, torch.Generator().manual_seed(seed), what=what), what, NOISE_HINT,
        seeds=(1,))[0]
    _expect_float(found, what)
    ck.expect_close(found, trusted, f"{what}: the returned G loss (non-saturating)", G_HINT)


def test_losses_match_bce(sol):
    _check_losses(sol, (LATENT, GENES, BATCH, 12), _real(12))
    # the default: generator=None draws from the global random state
    G, D = _pair(sol, seed=13)
    _sharpen(D)
    real = _real(13)
    z = ck.seeded(14, torch.randn, BATCH, LATENT)
    what = "discriminator_step(G, D, real, d_optimizer) (no generator) after torch.manual_seed(14)"
    trusted = _trusted_value(_d_loss, G, D, real, z)
    found = ck.seeded(14, _d_step, sol, G, D, real, what=what)
    _expect_float(found, what)
    ck.expect_close(found, trusted, f"{what}: the D loss on z = torch.randn(16, 8) after the same seed",
                    NOISE_HINT + "; generator=None draws from the global state")
    what = "generator_step(G, D, 16, g_optimizer) (no generator) after torch.manual_seed(15)"
    z = ck.seeded(15, torch.randn, BATCH, LATENT)
    trusted = _trusted_value(_g_loss, G, D, z)
    found = ck.seeded(15, _g_step, sol, G, D, BATCH, what=what)
    _expect_float(found, what)
    ck.expect_close(found, trusted, f"{what}: the G loss on z = torch.randn(16, 8) after the same seed",
                    NOISE_HINT + "; generator=None draws from the global state")
    ck.for_all(STEP_CASES, lambda case: _check_losses(sol, case), max_examples=15)


def test_clean_gradients(sol):
    real = _real(20)
    # (a) junk in D's .grad before a D step
    G, D = _pair(sol, seed=20)
    _plant(D, 21)
    z = _noise(BATCH, LATENT, 22)
    Gc, Dc = copy.deepcopy(G), copy.deepcopy(D)
    _trusted_step(Dc, _d_loss, Gc, Dc, real, z)
    what = "discriminator_step with junk already in every D .grad"
    _d_step(sol, G, D, real, torch.Generator().manual_seed(22), what=what)
    _expect_params_close(D, Dc, f"{what}: D after the step vs a step from clean gradients",
                         "call d_optimizer.zero_grad() first, before backward: gradients accumulate")
    # (b) junk in G's .grad before a G step
    G, D = _pair(sol, seed=23)
    _plant(G, 24)
    z = _noise(BATCH, LATENT, 25)
    Gc, Dc = copy.deepcopy(G), copy.deepcopy(D)
    _trusted_step(Gc, _g_loss, Gc, Dc, z)
    what = "generator_step with junk already in every G .grad"
    _g_step(sol, G, D, BATCH, torch.Generator().manual_seed(25), what=what)
    _expect_params_close(G, Gc, f"{what}: G after the step vs a step from clean gradients",
                         "call g_optimizer.zero_grad() first, before backward: gradients accumulate")
    # (c) D step, G step, then D step (and a second D step right after)
    G, D = _pair(sol, seed=26)
    d_optimizer, g_optimizer = _sgd(D), _sgd(G)
    _d_step(sol, G, D, real, torch.Generator().manual_seed(27), d_optimizer)
    what = "generator_step right after a discriminator_step"
    _g_step(sol, G, D, BATCH, torch.Generator().manual_seed(28), g_optimizer, what=what)
    ck.expect(_clean(D), f"{what}: every D .grad None or zero afterwards", "gradients left in D's parameters",
              "g_loss.backward() fills D's .grad too: call D.zero_grad() before returning")
    for seed, what in ((29, "discriminator_step right after a generator_step"),
                       (30, "a second discriminator_step right after the first")):
        z = _noise(BATCH, LATENT, seed)
        Gc, Dc = copy.deepcopy(G), copy.deepcopy(D)
        _trusted_step(Dc, _d_loss, Gc, Dc, real, z)
        _d_step(sol, G, D, real, torch.Generator().manual_seed(seed), d_optimizer, what=what)
        _expect_params_close(D, Dc, f"{what}: D vs a step from clean gradients",
                             "d_optimizer.zero_grad() first in the D step, D.zero_grad() at the end of the G "
                             "step, and leave D trainable")


class _Watch:
    """Records the device of every input G receives."""

    def __init__(self, G):
        self.devices = []
        self.handle = G.register_forward_pre_hook(lambda module, args: self.devices.append(
            args[0].device.type if args and isinstance(args[0], torch.Tensor) else "no tensor"))


def _run_on_meta(step, what):
    try:
        step()
    except NotImplementedError:
        raise
    except (RuntimeError, ck.CheckFailure) as error:
        text = str(error)
        if not ("item()" in text and "meta" in text):  # .item() on a meta loss is the only error allowed
            raise ck.CheckFailure(f"{what} to run with models on the meta device", text.splitlines()[-1],
                                  DEVICE_HINT) from None


def test_follows_device(sol):
    ck.expect_follows_device(lambda: ck.build_model(sol.Generator, LATENT, GENES, what="Generator(8, 12)"),
                             torch.randn(4, LATENT), "Generator(8, 12)")
    ck.expect_follows_device(lambda: ck.build_model(sol.Discriminator, GENES, what="Discriminator(12)"),
                             torch.randn(4, GENES), "Discriminator(12)")
    for which in ("discriminator_step", "generator_step"):
        G, D = (m.to("meta") for m in _pair(sol, seed=31))
        watch = _Watch(G)
        if which == "discriminator_step":
            _run_on_meta(lambda: sol.discriminator_step(G, D, _real(31).to("meta"), _sgd(D)), which)
        else:
            _run_on_meta(lambda: sol.generator_step(G, D, 5, _sgd(G)), which)
        ck.expect(watch.devices and set(watch.devices) == {"meta"},
                  f"{which} with models on the meta device: z drawn there (G's input on meta)",
                  f"G received inputs on {watch.devices or 'nothing'}",
                  "torch.randn(..., device=real.device) in the D step, device=next(G.parameters()).device "
                  "in the G step")


class _Chain(nn.Module):
    def __init__(self, G, D):
        super().__init__()
        self.G, self.D = G, D

    def forward(self, z):
        x = self.G(z)
        return x, self.D(x)


def _cuda_generator(seed):
    return torch.Generator("cuda").manual_seed(seed)


def test_cuda_parity(sol):
    z = torch.randn(5, LATENT, generator=torch.Generator().manual_seed(32))
    ck.expect_cuda_parity(lambda: _Chain(*_pair(sol, seed=32)), z, "D(G(z)) with Generator(8, 12)")
    if not torch.cuda.is_available():  # pragma: no cover - the parity above skips first
        pytest.skip("CUDA not available")
    G, D = (m.to("cuda") for m in _pair(sol, seed=33))
    real = _real(33).to("cuda")
    with ck.full_float32():
        cuda_noise = torch.randn(BATCH, LATENT, generator=_cuda_generator(34), device="cuda")
        trusted = _trusted_value(_d_loss, G, D, real, cuda_noise)
        found = _d_step(sol, G, D, real, _cuda_generator(34), what="discriminator_step on CUDA")
        ck.expect_close(found, trusted, "discriminator_step on CUDA with a CUDA generator", NOISE_HINT)
        trusted = _trusted_value(_g_loss, G, D, cuda_noise)
        found = _g_step(sol, G, D, BATCH, _cuda_generator(34), what="generator_step on CUDA")
        ck.expect_close(found, trusted, "generator_step on CUDA with a CUDA generator", NOISE_HINT)
