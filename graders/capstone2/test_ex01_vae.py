"""Graders: capstone 2, module 1 (CellVAE with a negative-binomial or Gaussian likelihood; the KL term,
the two log-likelihoods and the negative ELBO against torch.distributions)."""
import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.checks import cells as cc
from coursekit.data.capstone2 import differentiation_counts

MODEL_HINT = ("CellVAE(n_genes, likelihood='nb'): encode(x) -> (mu, logvar) [N, n_latent] (log1p of the "
              "counts into the encoder for 'nb'), decode(z, library) -> the means [N, n_genes] (for 'nb' "
              "softmax over genes times library), dispersion() -> [n_genes] positive, forward(x, library) -> "
              "(mean, mu, logvar) with z = mu in eval mode")
LIKELIHOOD_HINT = ("sum over genes (dim 1) of the per-gene log-probabilities: torch.distributions."
                   "NegativeBinomial(total_count=theta, logits=log(mean) - log(theta)), Normal(mean, scale)")
KL_HINT = "KL(N(mu, exp(logvar)) || N(0, 1)) per cell: 0.5 * sum(mu^2 + exp(logvar) - 1 - logvar, dim=1)"
ELBO_HINT = ("negative_elbo(model, x, library): mean, mu, logvar = model(x, library); the mean over cells of "
             "kl_to_prior(mu, logvar) - log-likelihood (NB with theta = model.dispersion() for 'nb', Gaussian "
             "with scale = model.dispersion() for 'gaussian')")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _cells(n=40, seed=3):
    data = differentiation_counts(n_cells=n, seed=seed)
    return data.counts, data.library


def _trusted_nb(x, mean, theta):
    return cc.trusted_nb(x.double(), mean.double(), theta.double())


def _trusted_gaussian(x, mean, scale):
    return cc.trusted_gaussian(x.double(), mean.double(), scale.double())


def _trusted_kl(mu, logvar):
    return cc.trusted_kl(mu.double(), logvar.double())


def _pair(found, what):
    ck.expect(isinstance(found, (tuple, list)) and len(found) == 2, f"{what} to return (mu, logvar)",
              type(found).__name__, MODEL_HINT)
    return found


def test_interface(sol):
    x, library = _cells()
    what = "CellVAE(200)"
    model = ck.build_model(sol.CellVAE, 200, what=what)
    ck.expect_registered(model, what)
    ck.expect(getattr(model, "n_genes", None) == 200 and getattr(model, "likelihood", None) == "nb"
              and isinstance(getattr(model, "n_latent", None), int), f"{what}: n_genes 200, likelihood 'nb' (the "
              "default), n_latent an int", repr((getattr(model, "n_genes", None), getattr(model, "likelihood", None),
                                                 getattr(model, "n_latent", None))), MODEL_HINT)
    d = model.n_latent
    model.eval()
    with torch.no_grad():
        mu, logvar = _pair(ck.call(model.encode, x, what=f"{what}.encode(counts [40, 200])", hint=MODEL_HINT),
                           f"{what}.encode")
        ck.expect_tensor(mu, f"{what}.encode(x)[0] (mu)", (40, d), torch.float32, hint=MODEL_HINT)
        ck.expect_tensor(logvar, f"{what}.encode(x)[1] (logvar)", (40, d), torch.float32, hint=MODEL_HINT)
        mean = ck.call(model.decode, mu, library, what=f"{what}.decode(mu, library)", hint=MODEL_HINT)
        ck.expect_tensor(mean, f"{what}.decode(mu, library)", (40, 200), torch.float32, hint=MODEL_HINT)
        ck.expect(bool((mean > 0).all()), f"{what}.decode: positive NB means", "a value <= 0", MODEL_HINT)
        ck.expect_close(mean.sum(dim=1), library, f"{what}.decode(z, library): each cell's means summing to its "
                        "library size", MODEL_HINT, rtol=1e-4, atol=1e-2)
        theta = ck.call(model.dispersion, what=f"{what}.dispersion()", hint=MODEL_HINT)
        ck.expect_tensor(theta, f"{what}.dispersion()", (200,), torch.float32, hint=MODEL_HINT)
        ck.expect(bool((theta > 0).all()), f"{what}.dispersion(): positive", "a value <= 0", MODEL_HINT)
        out = ck.call(model, x, what=f"{what}(x) in eval mode", hint=MODEL_HINT)
        ck.expect(isinstance(out, (tuple, list)) and len(out) == 3, f"{what}(x) -> (mean, mu, logvar)",
                  type(out).__name__, MODEL_HINT)
        ck.expect_close(out[1], mu, f"{what}(x)[1] in eval mode: encode's mu", MODEL_HINT, rtol=1e-5, atol=1e-6)
        ck.expect_close(out[0], model.decode(mu, library), f"{what}(x) in eval mode: decode(mu, x.sum(1)) (z = "
                        "mu; the library defaults to each cell's total count)", MODEL_HINT, rtol=1e-5, atol=1e-4)
    model.train()
    with torch.no_grad():
        first, second = ck.seeded(1, model, x), ck.seeded(2, model, x)
    ck.expect(not torch.allclose(first[0], second[0]), f"{what}(x) in train mode: z = mu + exp(logvar / 2) * "
              "noise, drawn anew each call", "the same means under two seeds", MODEL_HINT)
    what = "CellVAE(765, likelihood='gaussian')"
    model = ck.build_model(sol.CellVAE, 765, likelihood="gaussian", what=what).eval()
    params = ck.count_parameters(model)
    ck.expect(params <= cc.PARAM_CAP, f"{what}: at most {cc.PARAM_CAP:,} parameters", f"{params:,}",
              "a hidden layer of 128 has about 200,000")
    scaled = torch.randn(20, 765, generator=_gen(4)) - 0.5
    with torch.no_grad():
        mu, logvar = _pair(ck.call(model.encode, scaled, what=f"{what}.encode(scaled values with negatives)",
                                   hint=MODEL_HINT), f"{what}.encode")
        ck.expect(bool(torch.isfinite(mu).all() and torch.isfinite(logvar).all()), f"{what}.encode of scaled "
                  "values (negative ones included): finite", "NaN or inf", "no log1p for 'gaussian': the values "
                                                                             "are not counts")
        out = ck.call(model, scaled, what=f"{what}(x) in eval mode", hint=MODEL_HINT)
        ck.expect_tensor(out[0], f"{what}(x)[0]", (20, 765), torch.float32, hint=MODEL_HINT)
        ck.expect_close(out[0], model.decode(mu), f"{what}(x) in eval mode: decode(mu)", MODEL_HINT, rtol=1e-5,
                        atol=1e-5)


KL_CASES = st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2**31 - 1))


def test_kl_matches(sol):
    def case(c):
        n, d, seed = c
        g = _gen(seed)
        mu, logvar = 2 * torch.randn(n, d, generator=g), 3 * torch.randn(n, d, generator=g)
        what = f"kl_to_prior(mu [{n}, {d}], logvar)"
        found = ck.call(sol.kl_to_prior, mu.clone(), logvar.clone(), what=what, hint=KL_HINT)
        ck.expect_tensor(found, what, (n,), hint=KL_HINT)
        ck.expect_close(found, _trusted_kl(mu, logvar), f"{what}: torch.distributions.kl_divergence summed "
                        "over the latent dimensions", KL_HINT, rtol=1e-4, atol=1e-4)

    case((4, 10, 0))
    ck.for_all(KL_CASES, case, max_examples=20)


def test_likelihoods_match(sol):
    def case(c):
        n, g_, seed = c
        g = _gen(seed)
        # counts' means from about 0.01 to 100 and theta from 0.2 to 5, where float32 arithmetic (any correct
        # formula, torch.distributions' too) stays within the tolerance: 0.36 of it at worst over 3,000 draws
        mean = torch.exp(1.5 * torch.randn(n, g_, generator=g))
        theta = torch.exp(0.5 * torch.randn(g_, generator=g))
        x = torch.poisson(mean * torch.rand(n, g_, generator=g) * 2, generator=g)
        x[0, 0] = 0.0
        what = f"nb_log_likelihood(counts [{n}, {g_}], mean, theta [{g_}])"
        found = ck.call(sol.nb_log_likelihood, x.clone(), mean.clone(), theta.clone(), what=what,
                        hint=LIKELIHOOD_HINT)
        ck.expect_tensor(found, what, (n,), hint=LIKELIHOOD_HINT)
        ck.expect_close(found, _trusted_nb(x, mean, theta), f"{what}: torch.distributions.NegativeBinomial "
                        "(total_count=theta, logits=log(mean) - log(theta)) summed over genes", LIKELIHOOD_HINT,
                        rtol=1e-4, atol=1e-3)
        values, centre = torch.randn(n, g_, generator=g) * 2, torch.randn(n, g_, generator=g)
        scale = torch.exp(torch.randn(g_, generator=g))
        what = f"gaussian_log_likelihood(x [{n}, {g_}], mean, scale [{g_}])"
        found = ck.call(sol.gaussian_log_likelihood, values.clone(), centre.clone(), scale.clone(), what=what,
                        hint=LIKELIHOOD_HINT)
        ck.expect_tensor(found, what, (n,), hint=LIKELIHOOD_HINT)
        ck.expect_close(found, _trusted_gaussian(values, centre, scale), f"{what}: torch.distributions.Normal"
                        "(mean, scale) summed over genes", LIKELIHOOD_HINT, rtol=1e-4, atol=1e-3)

    case((6, 50, 0))
    ck.for_all(st.tuples(st.integers(1, 8), st.integers(1, 30), st.integers(0, 2**31 - 1)), case,
               max_examples=20)


class _StandIn(nn.Module):
    """The graders' model with outputs known exactly: linear maps, and the library it was given."""

    def __init__(self, n_genes, likelihood):
        super().__init__()
        self.likelihood, self.n_latent = likelihood, 3
        g = _gen(11)
        self.w_mu = nn.Parameter(0.01 * torch.randn(n_genes, 3, generator=g))
        self.w_var = nn.Parameter(0.01 * torch.randn(n_genes, 3, generator=g))
        self.w_out = nn.Parameter(torch.randn(3, n_genes, generator=g))
        self.log_dispersion = nn.Parameter(torch.randn(n_genes, generator=g))
        self.libraries = []

    def dispersion(self):
        return self.log_dispersion.exp()

    def forward(self, x, library=None):
        self.libraries.append(library)
        h = torch.log1p(x) if self.likelihood == "nb" else x
        mu, logvar = h @ self.w_mu, h @ self.w_var
        out = mu @ self.w_out
        if self.likelihood == "nb":
            lib = x.sum(dim=1) if library is None else library
            return torch.softmax(out, dim=1) * lib.unsqueeze(1), mu, logvar
        return out, mu, logvar


def test_elbo_formula(sol):
    x, library = _cells(30, 5)
    for likelihood, data, lib in (("nb", x, library), ("nb", x, None),
                                  ("gaussian", torch.randn(30, 200, generator=_gen(6)), None)):
        model = _StandIn(200, likelihood)
        what = f"negative_elbo(graders' {likelihood!r} model, x [30, 200], library={'None' if lib is None else 'l'})"
        found = ck.call(sol.negative_elbo, model, data.clone(), lib, what=what, hint=ELBO_HINT)
        ck.expect(isinstance(found, torch.Tensor) and found.dim() == 0 and found.requires_grad,
                  f"{what}: a 0-d tensor autograd can differentiate", repr(getattr(found, "shape", found)),
                  ELBO_HINT)
        ck.expect(len(model.libraries) == 1 and (model.libraries[0] is lib if lib is None else
                                                 torch.equal(torch.as_tensor(model.libraries[0]), lib)),
                  f"{what}: one call model(x, library) with the library given", f"{len(model.libraries)} calls",
                  ELBO_HINT)
        with torch.no_grad():
            mean, mu, logvar = model(data, lib)
            dispersion = model.dispersion()
            fit = (_trusted_nb(data, mean, dispersion) if likelihood == "nb"
                   else _trusted_gaussian(data, mean, dispersion))
            trusted = (_trusted_kl(mu, logvar) - fit).mean()
        ck.expect_close(found.detach(), trusted, f"{what}: the mean over cells of KL - log-likelihood "
                        "(torch.distributions)", ELBO_HINT, rtol=1e-4, atol=1e-3)


class _Pipeline(nn.Module):
    def __init__(self, sol):
        super().__init__()
        self.model = sol.CellVAE(30)

    def forward(self, x):
        mean, mu, logvar = self.model(x)
        return mean, mu, logvar, self.model.decode(mu, x.sum(dim=1)), self.model.dispersion()


def test_follows_device(sol):
    x, _ = _cells(5, 7)
    ck.expect_follows_device(lambda: ck.build_model(_Pipeline, sol, what="CellVAE(30)"), x[:, :30],
                             "CellVAE(30): forward, decode and dispersion")


def test_cuda_parity(sol):
    x, _ = _cells(6, 8)
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Pipeline, sol), x[:, :30], "CellVAE(30)")
