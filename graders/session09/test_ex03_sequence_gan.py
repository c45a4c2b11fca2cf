"""Graders: session 9, exercise 3 (a sequence GAN with Gumbel-softmax one-hot DNA)."""
import copy

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session09 import CTCF_PWM, pwm_sequences

RTOL, ATOL = 1e-4, 1e-6
ONE_HOT_ATOL = 1e-6          # y_hard - soft.detach() + soft is one-hot up to rounding
SIGMAS = 5                   # argmax_frequencies: binomial bound
TRAIN_N, SAMPLE_N = 256, 2000
MEAN_DEV_BAR = 0.07          # generates_the_motif: mean |freq - PWM| (reference worst 0.040 over 40 runs)
CONSENSUS_BAR = 17           # consensus base commonest at >= 17 of 19 positions (reference: 19 in all runs)
STEPS = 150                  # the spec's default number of steps

SOFT_HINT = ("g = -log(-log(U)) with U = torch.rand(logits.shape, generator=generator, dtype=logits.dtype, "
             "device=logits.device) drawn in ONE call and clamped with .clamp(min=torch.finfo(logits.dtype)"
             ".tiny); return softmax((logits + g) / tau, dim=dim): the noise is added to the LOGITS, before "
             "the softmax, the sum is DIVIDED by tau, and the softmax runs over the bases (dim=1), not the "
             "positions")
RNG_HINT = ("draw every random number from the generator you are given (generator=generator in torch.rand / "
            "torch.randn / torch.randint), never from the global generator when one is given")
HARD_HINT = ("hard=True: y_hard = one-hot of soft.argmax(dim) (scatter or F.one_hot), then return "
             "y_hard - soft.detach() + soft: the forward value is y_hard, the gradient is the soft sample's "
             "(straight-through); detaching the wrong term flips or kills the gradient")
G_HINT = ("SequenceGenerator.forward(z, hard=True, generator=None): "
          "logits = self.net(z).view(-1, 4, seq_len), then "
          "gumbel_softmax(logits, self.tau, hard, generator, dim=1)")
TRAIN_HINT = ("each step: a D step on real (label 1) and fake.detach() (label 0) with BCE-with-logits, "
              "then a G step on D(fake) with label 1 where fake = G(z, hard=True) keeps its "
              "straight-through gradient; "
              "Adam(betas=(0.5, 0.999)) with lr_g for G and lr_d for D; D gives raw logits (no sigmoid)")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _gumbel(shape, seed, dtype=torch.float32):
    """The graders' redraw of the spec's noise: one torch.rand call, clamped, -log(-log(U))."""
    u = torch.rand(shape, generator=_gen(seed), dtype=dtype)
    return -torch.log(-torch.log(u.clamp(min=torch.finfo(dtype).tiny)))


def _trusted_soft(logits, tau, seed, dim=1):
    """softmax((logits + g) / tau) in float64, g redrawn as the spec draws it for float32 logits."""
    g = _gumbel(logits.shape, seed)
    return torch.softmax((logits.detach().double() + g.double()) / tau, dim=dim)


def _call(sol, logits, what, **kwargs):
    out = ck.call(sol.gumbel_softmax, logits, what=what, hint=SOFT_HINT, **kwargs)
    ck.expect_tensor(out, f"the result of {what}", tuple(logits.shape), logits.dtype, SOFT_HINT)
    return out


def _describe(logits, **kwargs):
    args = ", ".join(f"{k}={'Generator' if k == 'generator' else v}" for k, v in kwargs.items())
    return f"gumbel_softmax(logits {list(logits.shape)}{', ' + args if args else ''})"


def _expect_soft(sol, logits, tau, seed, dim=1, pass_defaults=False):
    kwargs = {"generator": _gen(seed)} if pass_defaults else {"tau": tau, "hard": False,
                                                              "generator": _gen(seed), "dim": dim}
    what = _describe(logits, **kwargs) + f" (seed {seed})"
    out = _call(sol, logits, what, **kwargs)
    ck.expect_close(out.detach().sum(dim=dim), torch.ones_like(out.detach().sum(dim=dim)),
                    f"{what} summed over dim {dim}", SOFT_HINT, 0, 1e-5)
    ck.expect_close(out.detach(), _trusted_soft(logits, tau, seed, dim),
                    f"{what} vs softmax((logits + g) / tau) with the graders' redraw of g", SOFT_HINT,
                    RTOL, ATOL)
    return out


logit_cases = st.tuples(st.integers(1, 4), st.integers(2, 6), st.integers(1, 8),
                        st.sampled_from([0.25, 0.5, 1.0, 2.0, 5.0]), st.integers(0, 10_000))


def test_soft_sample(sol):
    logits = torch.tensor([[[2.0, -1.0, 0.0], [0.5, 0.5, 3.0], [-2.0, 1.0, 0.0], [0.0, 0.0, -1.0]],
                           [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [-1.0, -1.0, 4.0]]])
    _expect_soft(sol, logits, 1.0, seed=0)
    _expect_soft(sol, logits, 1.0, seed=1, pass_defaults=True)  # tau=1.0, hard=False, dim=1 by default
    for tau in (0.5, 3.0):
        _expect_soft(sol, logits, tau, seed=2)

    def case(args):
        batch, k, length, tau, seed = args
        g = _gen(seed + 1)
        _expect_soft(sol, 3 * torch.randn(batch, k, length, generator=g), tau, seed)
        _expect_soft(sol, 3 * torch.randn(batch, length, k, generator=g), tau, seed, dim=-1)

    ck.for_all(logit_cases, case, max_examples=30)

    what = "gumbel_softmax(logits [2, 4, 3], generator=torch.Generator().manual_seed(5))"
    first, second = ck.under_global_seeds(lambda: _call(sol, logits, what, generator=_gen(5)), what, RNG_HINT)
    ck.expect(torch.equal(first, second), f"{what}: the same under global seeds 1 and 2", "two different "
              "results", RNG_HINT)
    what = "gumbel_softmax(logits [2, 4, 3]) without a generator"
    draw = lambda: _call(sol, logits, what)  # noqa: E731
    ck.expect(not torch.equal(ck.seeded(1, draw), ck.seeded(2, draw)),
              f"{what}: different samples under global seeds 1 and 2", "the same sample",
              "without a generator, draw U from torch's global generator (generator=None)")
    ck.expect_deterministic(draw, what, seed=3)


def _expect_hard(sol, logits, tau, seed, weights, dim=1, defaults=False):
    """Forward: one-hot at the argmax of the graders' soft sample; backward: the soft sample's gradient."""
    logits = logits.clone().requires_grad_()
    kwargs = {"hard": True, "generator": _gen(seed)} if defaults else {"tau": tau, "hard": True,
                                                                       "generator": _gen(seed), "dim": dim}
    what = _describe(logits, **kwargs) + f" (seed {seed})"
    out = _call(sol, logits, what, **kwargs)
    soft = _trusted_soft(logits, tau, seed, dim)
    one_hot = torch.zeros_like(soft).scatter_(dim, soft.argmax(dim=dim, keepdim=True), 1.0)
    ck.expect_close(out.detach(), one_hot, f"{what}: the forward value, the one-hot of the soft "
                    f"sample's argmax over dim {dim}", HARD_HINT, 0, ONE_HOT_ATOL)
    ck.expect(out.requires_grad, f"{what}: a result that carries a gradient to the logits",
              "requires_grad=False", HARD_HINT)
    try:
        (weights * out).sum().backward()
    except RuntimeError as error:
        raise ck.CheckFailure(f"(w * {what}).sum().backward() to run", f"RuntimeError: {error}",
                              HARD_HINT) from None
    trusted_logits = logits.detach().double().requires_grad_()
    g = _gumbel(logits.shape, seed).double()
    (weights.double() * torch.softmax((trusted_logits + g) / tau, dim=dim)).sum().backward()
    found = logits.grad if logits.grad is not None else torch.zeros_like(logits)
    ck.expect(found.abs().max().item() > 1e-6,
              f"(w * {what}).sum().backward(): a nonzero gradient on the logits",
              "no gradient (all zero or None)", HARD_HINT)
    ck.expect_close(found, trusted_logits.grad, f"the gradient of (w * {what}).sum() vs that of the soft "
                    "sample softmax((logits + g) / tau)", HARD_HINT, RTOL, ATOL)


def test_hard_straight_through(sol):
    g = _gen(10)
    logits, weights = 2 * torch.randn(3, 4, 7, generator=g), torch.randn(3, 4, 7, generator=g)
    _expect_hard(sol, logits, 0.5, seed=11, weights=weights)
    _expect_hard(sol, logits, 1.0, seed=12, weights=weights, defaults=True)  # tau=1.0, dim=1 by default

    def case(args):
        batch, k, length, tau, seed = args
        g = _gen(seed + 1)
        _expect_hard(sol, 3 * torch.randn(batch, k, length, generator=g), tau, seed,
                     torch.randn(batch, k, length, generator=g))
        _expect_hard(sol, 3 * torch.randn(batch, length, k, generator=g), tau, seed,
                     torch.randn(batch, length, k, generator=g), dim=-1)

    ck.for_all(logit_cases, case, max_examples=20)

    for args, tau in (((), 1.0), ((8, 6, 16, 0.5), 0.5)):
        what = f"SequenceGenerator({', '.join(map(str, args))})"
        model = ck.build_model(sol.SequenceGenerator, *args, seed=13, what=what)
        latent, length = (args[0], args[1]) if args else (16, 19)
        z = torch.randn(5, latent, generator=_gen(14))
        weights = torch.randn(5, 4, length, generator=_gen(15))
        call = f"{what}(z [5, {latent}], generator=torch.Generator().manual_seed(16)) (default hard=True)"
        out = ck.call(model, z, generator=_gen(16), what=call, hint=G_HINT)
        ck.expect_tensor(out, f"the output of {call}", (5, 4, length), hint=G_HINT)
        _net(model, what)
        trusted_model = copy.deepcopy(model).double()
        soft = _trusted_soft(trusted_model.net(z.double()).view(-1, 4, length), tau, 16)
        one_hot = torch.zeros_like(soft).scatter_(1, soft.argmax(dim=1, keepdim=True), 1.0)
        ck.expect_close(out.detach(), one_hot, f"{call}: one-hot at the argmax of the graders' soft "
                        f"sample of your net's logits (tau {tau})", G_HINT + "; " + HARD_HINT, 0,
                        ONE_HOT_ATOL)
        ck.expect(out.requires_grad, f"{call}: an output that carries a gradient to the parameters",
                  "requires_grad=False", G_HINT)
        (weights * out).sum().backward()
        trusted_logits = trusted_model.net(z.double()).view(-1, 4, length)
        g = _gumbel(soft.shape, 16).double()
        (weights.double() * torch.softmax((trusted_logits + g) / tau, dim=1)).sum().backward()
        for (name, p), q in zip(model.named_parameters(), trusted_model.parameters()):
            found = p.grad if p.grad is not None else torch.zeros_like(p)
            ck.expect_close(found, q.grad, f"{call}: the gradient of (w * output).sum() on {name} vs "
                            "the soft sample's (straight-through)", G_HINT + "; " + HARD_HINT, RTOL, 1e-5)


PROBS = torch.tensor([[0.7, 0.25, 0.4, 0.05, 0.97, 0.1],
                      [0.1, 0.25, 0.3, 0.05, 0.01, 0.2],
                      [0.1, 0.25, 0.2, 0.45, 0.01, 0.3],
                      [0.1, 0.25, 0.1, 0.45, 0.01, 0.4]])


def test_argmax_frequencies(sol):
    n = 4000
    shift = 3 * torch.randn(1, 1, PROBS.shape[1], generator=_gen(20))  # softmax ignores a shift per position
    logits = (PROBS.log().unsqueeze(0) + shift).expand(n, -1, -1).contiguous()
    bound = SIGMAS * (PROBS * (1 - PROBS) / n).sqrt() + 1e-3
    for tau, seed in ((1.0, 21), (0.3, 22), (3.0, 23)):
        what = (f"gumbel_softmax(logits [{n}, 4, 6], tau={tau}, hard=True, generator=torch.Generator()"
                f".manual_seed({seed}))")
        out = _call(sol, logits, what, tau=tau, hard=True, generator=_gen(seed))
        freq = torch.nn.functional.one_hot(out.detach().argmax(dim=1), 4).double().mean(dim=0).t()
        wrong = (freq - PROBS).abs() > bound
        if wrong.any():
            base, position = (int(i) for i in wrong.nonzero()[0])
            raise ck.CheckFailure(
                f"{what}: at each position, the frequency of each base as the argmax over {n} draws within "
                f"{SIGMAS} binomial standard errors of softmax(logits) (Gumbel-max)",
                f"base {'ACGT'[base]} at position {position}: {freq[base, position]:.4f} where "
                f"{PROBS[base, position]:.4f} +- {bound[base, position]:.4f} was expected "
                f"({int(wrong.sum())} of 24 out of bounds)",
                "the argmax of logits + g is distributed as softmax(logits) only for Gumbel noise "
                "g = -log(-log(U)) with U uniform on (0, 1), a fresh U for every entry; "
                "-log(U) is not Gumbel")


def _net(model, what):
    net = getattr(model, "net", None)
    ck.expect(isinstance(net, nn.Module), f"{what}.net, an nn.Sequential", type(net).__name__,
              "the spec fixes the attribute name: self.net = nn.Sequential(...)")
    return net


def _linears(model):
    """The nn.Linear layers of model.net, in order ([] without a module called net)."""
    net = getattr(model, "net", None)
    return [m for m in net.modules() if isinstance(m, nn.Linear)] if isinstance(net, nn.Module) else []


def test_param_count(sol):
    cases = ((sol.SequenceGenerator, (), 28_492, "SequenceGenerator()"),
             (sol.SequenceDiscriminator, (), 9_985, "SequenceDiscriminator()"))
    for factory, args, count, what in cases:
        ck.expect_param_count(ck.build_model(factory, *args, what=what), count, what)
    for latent, length, hidden in ((8, 6, 16), (3, 11, 5), (32, 40, 64)):
        what = f"SequenceGenerator({latent}, {length}, {hidden})"
        model = ck.build_model(sol.SequenceGenerator, latent, length, hidden, what=what)
        count = (latent + 1) * hidden + (hidden + 1) * hidden + (hidden + 1) * 4 * length
        ck.expect_param_count(model, count, what)
        ck.expect_registered(model, what)
        what = f"SequenceDiscriminator({length}, {hidden})"
        model = ck.build_model(sol.SequenceDiscriminator, length, hidden, what=what)
        ck.expect_param_count(model, (4 * length + 1) * hidden + hidden + 1, what)
        ck.expect_registered(model, what)
    model = ck.build_model(sol.SequenceGenerator, what="SequenceGenerator()")
    found = tuple(getattr(model, name, None) for name in ("latent_dim", "seq_len", "tau"))
    ck.expect(found == (16, 19, 1.0),
              "SequenceGenerator() with attributes latent_dim 16, seq_len 19, tau 1.0", f"{found}",
              "keep the constructor's arguments as attributes (sample reads G.latent_dim)")
    linears = _linears(model)
    ck.expect([(m.in_features, m.out_features) for m in linears] == [(16, 128), (128, 128), (128, 76)],
              "SequenceGenerator().net holding nn.Linear(16, 128), nn.Linear(128, 128), nn.Linear(128, 76)",
              [(m.in_features, m.out_features) for m in linears], G_HINT)
    what = "SequenceDiscriminator(6, 16)"
    model = ck.build_model(sol.SequenceDiscriminator, 6, 16, what=what)
    linears = _linears(model)
    ck.expect([(m.in_features, m.out_features) for m in linears] == [(24, 16), (16, 1)],
              f"{what}.net holding nn.Linear(24, 16) then nn.Linear(16, 1)",
              [(m.in_features, m.out_features) for m in linears],
              "net = nn.Sequential(nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.LeakyReLU(0.2), "
              "nn.Linear(hidden_dim, 1))")
    with torch.no_grad():
        for m in linears:
            m.weight.mul_(4)
        x = F.one_hot(torch.randint(0, 4, (5, 6), generator=_gen(30)), 4).transpose(1, 2).float()
        out = ck.call(model, x, what=f"{what}(x [5, 4, 6])", hint="D(x) = net(x), a raw logit [B, 1]")
        ck.expect_tensor(out, f"{what}(x [5, 4, 6])", (5, 1),
                         hint="return net(x): a raw logit of shape [B, 1]")
        first, last = linears
        trusted = F.linear(F.leaky_relu(F.linear(x.flatten(1), first.weight, first.bias), 0.2),
                           last.weight, last.bias)
    ck.expect_close(out, trusted, f"{what}(x [5, 4, 6]) vs Linear, LeakyReLU(0.2), Linear on x.flatten(1) "
                    "(the graders' computation with your weights)",
                    "a RAW logit: no sigmoid at the end (BCE-with-logits applies it), LeakyReLU slope 0.2, "
                    "flatten channel-major (x.flatten(1) of [B, 4, L])", RTOL, 1e-5)


def _frequencies(sol, model, what):
    run = lambda: ck.call(sol.sample, model, SAMPLE_N, generator=_gen(2), what=what,  # noqa: E731
                          hint="sample(G, n, generator=None) returns one-hot float32 [n, 4, seq_len]")
    first, second = ck.under_global_seeds(run, what, RNG_HINT)
    ck.expect_tensor(first, f"the result of {what}", (SAMPLE_N, 4, 19))
    ck.expect(torch.equal(first, second), f"{what}: the same under global seeds 1 and 2",
              "two different results", RNG_HINT)
    ck.expect(bool(((first == 0) | (first == 1)).all()) and bool((first.sum(dim=1) == 1).all()),
              f"{what}: exactly one-hot (0 and 1 only, one 1 per position)", "other values",
              "return the one-hot of the argmax over the bases (F.one_hot(y.argmax(1), 4).transpose(1, 2)"
              ".float())")
    return first.mean(dim=0)


def test_generates_the_motif(sol):
    tiny = (ck.build_model(sol.SequenceGenerator, 4, 5, 8, seed=3, what="SequenceGenerator(4, 5, 8)"),
            ck.build_model(sol.SequenceDiscriminator, 5, 8, seed=4, what="SequenceDiscriminator(5, 8)"))
    what = ("train_sequence_gan(SequenceGenerator(4, 5, 8), SequenceDiscriminator(5, 8), real [16, 4, 5], "
            "steps=3, batch_size=8, generator=torch.Generator().manual_seed(5))")
    real = pwm_sequences(16, CTCF_PWM[:, :5], seed=6)
    first, second = ck.under_global_seeds(lambda: ck.call(
        sol.train_sequence_gan, *copy.deepcopy(tiny), real, steps=3, batch_size=8, generator=_gen(5),
        what=what, hint=TRAIN_HINT), what, RNG_HINT)
    ck.expect(first == second, f"{what}: the same losses under global seeds 1 and 2", "different losses",
              RNG_HINT)

    real = pwm_sequences(TRAIN_N, seed=0)
    G = ck.build_model(sol.SequenceGenerator, seed=0, what="SequenceGenerator()")
    D = ck.build_model(sol.SequenceDiscriminator, seed=1, what="SequenceDiscriminator()")
    what = (f"train_sequence_gan(SequenceGenerator(), SequenceDiscriminator(), "
            f"pwm_sequences({TRAIN_N}, seed=0), generator=torch.Generator().manual_seed(1)) (your defaults)")
    out = ck.call(sol.train_sequence_gan, G, D, real, generator=_gen(1), what=what, hint=TRAIN_HINT)
    ck.expect(isinstance(out, tuple) and len(out) == 2, f"{what} to return (g_losses, d_losses)",
              type(out).__name__, "return a tuple of two lists of floats")
    for losses, name in zip(out, ("g_losses", "d_losses")):
        ck.expect_float_list(losses, STEPS, f"{name} of {what}")
    freq = _frequencies(sol, G, f"sample(trained G, {SAMPLE_N}, generator=torch.Generator().manual_seed(2))")
    deviation = (freq - CTCF_PWM).abs().mean().item()
    ck.expect(deviation <= MEAN_DEV_BAR, f"{what}: then sample({SAMPLE_N}): per-position base frequencies "
              f"with mean |frequency - CTCF_PWM| <= {MEAN_DEV_BAR} (an untrained generator: about 0.22; one "
              "that always writes the consensus: 0.15)", f"{deviation:.4f}", TRAIN_HINT)
    hits = int((freq.argmax(dim=0) == CTCF_PWM.argmax(dim=0)).sum())
    ck.expect(hits >= CONSENSUS_BAR, f"{what}: then sample({SAMPLE_N}): the CTCF consensus base the "
              f"commonest at >= {CONSENSUS_BAR} of 19 positions", f"{hits} of 19", TRAIN_HINT)


class _Wrapped(nn.Module):
    """The exercise's parts as one module: G's hard sample, D on it, gumbel_softmax, sample."""

    def __init__(self, sol):
        super().__init__()
        self.sol = sol
        self.G = sol.SequenceGenerator(4, 5, 8)
        self.D = sol.SequenceDiscriminator(5, 8)

    def forward(self, z):
        fake = self.G(z)
        return (fake, self.D(fake), self.sol.gumbel_softmax(3 * fake, 0.5, hard=True),
                self.sol.sample(self.G, 3))


def test_follows_device(sol):
    z = torch.randn(3, 4, generator=_gen(40))
    ck.expect_follows_device(lambda: ck.build_model(_Wrapped, sol, what="SequenceGenerator(4, 5, 8)"), z,
                             "SequenceGenerator(4, 5, 8) (forward and sample), gumbel_softmax and "
                             "SequenceDiscriminator(5, 8)")


class _Deterministic(nn.Module):
    def __init__(self, sol):
        super().__init__()
        self.G, self.D = sol.SequenceGenerator(), sol.SequenceDiscriminator()

    def forward(self, z):
        logits = _net(self.G, "SequenceGenerator()")(z).view(-1, 4, 19)
        return logits, self.D(torch.softmax(logits, dim=1))


def test_cuda_parity(sol):
    z = torch.randn(6, 16, generator=_gen(50))
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Deterministic, sol), z,
                          "SequenceGenerator().net and SequenceDiscriminator()")

