"""Graders: session 8, exercise 5 (VAE, scRNAVAE, nb_log_likelihood, scrna_vae_loss, train_scrna_vae)."""
import copy
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.distributions import NegativeBinomial, Normal, kl_divergence

from coursekit import checks as ck
from coursekit.data.session08 import simulated_counts

# scRNAVAE(n_genes=G, latent_dim=L): encoder 1024 G + 265,472 + 514 L, decoder 401 G + 400 L + 400,
# log_theta G: 1426 G + 914 L + 265,872 in all; VAE(i, l, h): 2 i h + 3 l h + 2 h + 2 l + i.
DEFAULT_PARAMS, DEFAULT_VAE_PARAMS = 3_127_012, 825_840
F64 = dict(rtol=1e-5, atol=1e-6)  # float64 comparisons (an eps <= 1e-8 inside the logs passes)
# The graders' training: simulated_counts(256, 100, seed=0), the first 128 cells to train on, the
# other 128 held out; scRNAVAE(n_genes=100) under seed 0; train_scrna_vae with its defaults and
# generator=torch.Generator().manual_seed(0). Bars from the reference over 40 runs (see the spec).
N_CELLS, N_TRAIN, N_GENES, EPOCHS = 256, 128, 100, 10
UNTRAINED_FACTOR, BASELINE_FACTOR = 1.25, 1.10
# Generated NB cases: (cells 1-4, genes 1-6, seed)
NB_CASES = st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(0, 2**31 - 1))
LOSS_CASES = st.tuples(st.integers(1, 5), st.integers(1, 8), st.integers(1, 4), st.integers(0, 2**31 - 1))

NB_HINT = ("lgamma(x + theta) - lgamma(theta) - lgamma(x + 1) + theta * log(theta / (theta + mean)) "
           "+ x * log(mean / (theta + mean)), elementwise, theta [G] broadcast over the cells; theta goes "
           "with log(theta / (theta + mean)) and x with log(mean / (theta + mean)); keep lgamma(x + 1)")
LOSS_HINT = ("loss = mean over the cells of ( -sum over genes of nb_log_likelihood(counts, mean, theta) "
             "+ KL ), KL = -0.5 * sum over latent dims of (1 + logvar - mu^2 - exp(logvar)): the batch MEAN "
             "(not the sum), the NB term summed over genes (not averaged), the KL included")
FORWARD_HINT = ("mu, logvar = encode(torch.log1p(counts)); z = reparameterize(mu, logvar, generator) in "
                "training mode, z = mu in eval mode; mean = library[:, None] * softmax(decode(z), dim=-1) "
                "(softmax over the GENES); theta = exp(log_theta)")
LIBRARY_HINT = ("mean = library.unsqueeze(-1) * torch.softmax(logits, dim=-1): the softmax over the genes "
                "(dim=-1) gives each cell's proportions, which sum to 1; times the library they sum to it "
                "(library defaults to counts.sum(-1))")


# ---------------------------------------------------------------- trusted pieces ----

def _trusted_nb(x, mean, theta):
    """torch.distributions' negative binomial with mean `mean` and inverse dispersion `theta`."""
    x, mean, theta = (t.double() for t in (x, mean, theta))
    theta = theta.expand_as(mean)
    nb = NegativeBinomial(total_count=theta, logits=mean.log() - theta.log(), validate_args=False)
    return nb.log_prob(x)


def _trusted_kl(mu, logvar):
    mu, logvar = mu.double(), logvar.double()
    return kl_divergence(Normal(mu, torch.exp(logvar / 2)), Normal(torch.zeros_like(mu),
                                                                   torch.ones_like(mu))).sum(-1)


def _log_uniform(shape, low, high, g):
    logs = torch.empty(shape, dtype=torch.float64).uniform_(math.log(low), math.log(high), generator=g)
    return torch.exp(logs)


def _nb_case(cells, genes, seed):
    """(x, mean, theta) in float64: zeros, small counts and large ones; means 1e-3..1e4, theta 1e-2..1e3."""
    g = torch.Generator().manual_seed(seed)
    kind = torch.randint(0, 3, (cells, genes), generator=g)
    small = torch.randint(1, 11, (cells, genes), generator=g)
    large = torch.randint(11, 100_001, (cells, genes), generator=g)
    x = torch.where(kind == 0, 0, torch.where(kind == 1, small, large)).double()
    return x, _log_uniform((cells, genes), 1e-3, 1e4, g), _log_uniform((genes,), 1e-2, 1e3, g)


def _call(fn, what, *args, hint="follow the shapes of the spec", **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _model(sol, genes, latent, seed=0):
    return ck.build_model(sol.scRNAVAE, n_genes=genes, latent_dim=latent, seed=seed,
                          what=f"scRNAVAE(n_genes={genes}, latent_dim={latent})")


def _outputs(out, what, cells, genes, latent):
    ck.expect(isinstance(out, (tuple, list)) and len(out) == 4,
              f"{what} to return a tuple (mean, theta, mu, logvar)",
              f"{type(out).__name__}" + (f" of {len(out)}" if isinstance(out, (tuple, list)) else ""),
              "return mean, theta, mu, logvar")
    mean, theta, mu, logvar = out
    ck.expect_tensor(mean, f"{what}: mean", (cells, genes))
    ck.expect_tensor(theta, f"{what}: theta", (genes,), hint="theta = exp(log_theta): one value per gene, "
                     "shape [n_genes], the same for every cell")
    ck.expect_tensor(mu, f"{what}: mu", (cells, latent))
    ck.expect_tensor(logvar, f"{what}: logvar", (cells, latent))
    return out


def _layers(model, genes, latent, what):
    """The layers the spec fixes: encoder[0, 1, 4, 6] and decoder[0, 2]."""
    enc, dec = getattr(model, "encoder", None), getattr(model, "decoder", None)
    size = lambda s: f"{type(s).__name__} of {len(s) if isinstance(s, nn.Sequential) else '?'}"  # noqa: E731
    ok = isinstance(enc, nn.Sequential) and len(enc) == 7 and isinstance(dec, nn.Sequential) and len(dec) == 3
    ck.expect(ok, f"{what}.encoder an nn.Sequential of 7 layers and .decoder of 3",
              f"encoder {size(enc)}, decoder {size(dec)}",
              "encoder = nn.Sequential(Linear(n_genes, 1024), BatchNorm1d(1024), ReLU(), Dropout(0.2), "
              "Linear(1024, 256), ReLU(), Linear(256, 2 * latent_dim)); decoder = VAE's nn.Sequential("
              "Linear(latent_dim, 400), ReLU(), Linear(400, n_genes)), no Sigmoid")
    for i, (n_in, n_out) in ((0, (genes, 1024)), (4, (1024, 256)), (6, (256, 2 * latent))):
        ck.expect_linear(enc[i], n_in, n_out, f"{what}.encoder[{i}]")
    ck.expect(isinstance(enc[1], nn.BatchNorm1d) and enc[1].num_features == 1024 and enc[1].affine
              and enc[1].track_running_stats, f"{what}.encoder[1] = nn.BatchNorm1d(1024)", repr(enc[1]),
              "the guide's encoder")
    ck.expect(isinstance(enc[3], nn.Dropout) and enc[3].p == 0.2, f"{what}.encoder[3] = nn.Dropout(0.2)",
              repr(enc[3]), "the guide's encoder")
    ck.expect(all(isinstance(enc[i], nn.ReLU) for i in (2, 5)) and isinstance(dec[1], nn.ReLU),
              f"{what}: nn.ReLU at encoder[2], encoder[5] and decoder[1]", f"{enc[2]}, {enc[5]}, {dec[1]}",
              "the guide's encoder; VAE's decoder")
    ck.expect_linear(dec[0], latent, 400, f"{what}.decoder[0]")
    ck.expect_linear(dec[2], 400, genes, f"{what}.decoder[2]")
    return enc, dec


def _trusted_encode(enc, counts):
    """(mu, logvar) in eval mode, in float64, from the encoder's weights and running statistics."""
    d = lambda t: t.detach().double()  # noqa: E731
    h = F.linear(torch.log1p(counts.double()), d(enc[0].weight), d(enc[0].bias))
    h = F.batch_norm(h, d(enc[1].running_mean), d(enc[1].running_var), d(enc[1].weight), d(enc[1].bias),
                     False, 0.0, enc[1].eps)
    h = F.relu(F.linear(F.relu(h), d(enc[4].weight), d(enc[4].bias)))
    return F.linear(h, d(enc[6].weight), d(enc[6].bias)).chunk(2, dim=-1)


def _trusted_mean(dec, z, library):
    d = lambda t: t.detach().double()  # noqa: E731
    logits = F.linear(F.relu(F.linear(z.double(), d(dec[0].weight), d(dec[0].bias))), d(dec[2].weight),
                      d(dec[2].bias))
    return library.double().unsqueeze(-1) * torch.softmax(logits, dim=-1)


def _perturbed(model, seed):
    """Every parameter and BatchNorm statistic moved by seeded noise (so that eval-mode BatchNorm matters)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.05 * torch.randn(p.shape, generator=g))
        for name, b in model.named_buffers():
            if name.endswith("running_mean"):
                b.add_(0.3 * torch.randn(b.shape, generator=g))
            elif name.endswith("running_var"):
                b.mul_(torch.empty(b.shape).uniform_(0.5, 2.0, generator=g))
    return model


# ---------------------------------------------------------------- checks ------------

def test_param_count(sol):
    model = ck.build_model(sol.scRNAVAE, what="scRNAVAE()")
    ck.expect_param_count(model, DEFAULT_PARAMS, "scRNAVAE() (defaults n_genes=2000, latent_dim=10): encoder "
                          "2,318,612 + decoder 806,400 + log_theta 2,000; BatchNorm's running statistics are "
                          "buffers, not parameters")
    for kwargs, genes, latent in ((dict(n_genes=100), 100, 10), (dict(n_genes=50, latent_dim=4), 50, 4)):
        what = "scRNAVAE(" + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
        model = ck.build_model(sol.scRNAVAE, what=what, **kwargs)
        ck.expect_param_count(model, 1426 * genes + 914 * latent + 265_872, what)
    ck.expect_param_count(ck.build_model(sol.VAE, what="VAE()"), DEFAULT_VAE_PARAMS,
                          "VAE() (defaults input_dim=1000, latent_dim=20, hidden_dim=400)")
    ck.expect_param_count(ck.build_model(sol.VAE, 30, 3, 16, what="VAE(30, 3, 16)"),
                          2 * 30 * 16 + 3 * 3 * 16 + 2 * 16 + 2 * 3 + 30, "VAE(30, 3, 16)")


def _check_nb(sol, x, mean, theta, what):
    found = _call(sol.nb_log_likelihood, what, x, mean, theta, hint=NB_HINT)
    ck.expect_tensor(found, what, tuple(x.shape), dtype=x.dtype,
                     hint="elementwise: the shape of x, in its dtype (theta [G] broadcasts over the cells)")
    ck.expect_close(found, _trusted_nb(x, mean, theta),
                    f"{what} vs torch.distributions.NegativeBinomial(total_count=theta, logits=log(mean) - "
                    "log(theta)).log_prob(x)", NB_HINT, **F64)


def test_nb_log_likelihood(sol):
    x = torch.tensor([[0.0, 1.0, 5.0, 100.0], [3.0, 0.0, 2000.0, 7.0]], dtype=torch.float64)
    mean = torch.tensor([[0.5, 2.0, 5.0, 80.0], [10.0, 0.1, 1500.0, 7.0]], dtype=torch.float64)
    theta = torch.tensor([0.5, 1.0, 10.0, 100.0], dtype=torch.float64)
    _check_nb(sol, x, mean, theta, "nb_log_likelihood(x, mean, theta) on float64 x [2, 4] with theta [4]")
    ck.for_all(NB_CASES, lambda c: _check_nb(sol, *_nb_case(*c), f"nb_log_likelihood on float64 x "
                                             f"[{c[0]}, {c[1]}] (zeros, small and large counts)"),
               max_examples=30)
    what = "nb_log_likelihood on float32 x [2, 4] (counts <= 10)"
    x32 = torch.tensor([[0.0, 1.0, 5.0, 10.0], [3.0, 0.0, 2.0, 7.0]])
    found = _call(sol.nb_log_likelihood, what, x32, mean.float(), theta.float(), hint=NB_HINT)
    ck.expect_tensor(found, what, (2, 4), hint="compute in the dtype of the inputs")
    ck.expect_close(found, _trusted_nb(x32, mean, theta), what, NB_HINT, rtol=1e-4, atol=1e-4)


def _check_loss(sol, cells, genes, latent, seed, what):
    x, mean, theta = _nb_case(cells, genes, seed)
    g = torch.Generator().manual_seed(seed + 1)
    mu = torch.randn(cells, latent, generator=g, dtype=torch.float64)
    logvar = 1.5 * torch.randn(cells, latent, generator=g, dtype=torch.float64)
    found = _call(sol.scrna_vae_loss, what, x, mean, theta, mu, logvar, hint=LOSS_HINT)
    ck.expect_tensor(found, what, (), dtype=torch.float64,
                     hint="return a 0-d tensor (the batch mean), in the dtype of the inputs")
    trusted = (-_trusted_nb(x, mean, theta).sum(-1) + _trusted_kl(mu, logvar)).mean()
    ck.expect_close(found, trusted, f"{what} vs the graders' NegativeBinomial + KL (torch.distributions), "
                    "batch mean", LOSS_HINT, **F64)


def test_scrna_loss(sol):
    _check_loss(sol, 3, 5, 2, 11, "scrna_vae_loss(counts, mean, theta, mu, logvar) with counts [3, 5], "
                "theta [5], mu and logvar [3, 2], float64")
    ck.for_all(LOSS_CASES, lambda c: _check_loss(sol, *c, f"scrna_vae_loss with counts [{c[0]}, {c[1]}] and "
                                                 f"a latent of {c[2]}, float64"), max_examples=25)


def test_means_sum_to_library(sol):
    cells, genes, latent = 6, 30, 4
    what = f"scRNAVAE(n_genes={genes}, latent_dim={latent}) in eval mode (parameters perturbed)"
    model = _perturbed(_model(sol, genes, latent), seed=1).eval()
    counts = simulated_counts(n_cells=cells, n_genes=genes, seed=3)[0]
    g = torch.Generator().manual_seed(4)
    library = torch.empty(cells).uniform_(500.0, 5000.0, generator=g).round()
    with torch.no_grad():
        out = _outputs(_call(model, what, counts, library, hint=FORWARD_HINT), f"{what}(counts, library)",
                       cells, genes, latent)
        mean = out[0]
        ck.expect_close(mean.sum(-1), library, f"{what}: mean.sum(-1) for a given library [{cells}]",
                        LIBRARY_HINT)
        default = _outputs(_call(model, what, counts, hint=FORWARD_HINT), f"{what}(counts)", cells, genes,
                           latent)[0]
        ck.expect_close(default.sum(-1), counts.sum(-1), f"{what}(counts) (library=None): mean.sum(-1) equal "
                        "to counts.sum(-1)", "library defaults to counts.sum(-1): " + LIBRARY_HINT)
        double = _outputs(_call(model, what, counts, 2 * library, hint=FORWARD_HINT),
                          f"{what}(counts, 2 * library)", cells, genes, latent)[0]
        ck.expect_close(double, 2 * mean, f"{what}: the mean with twice the library (same z: eval mode)",
                        LIBRARY_HINT)
        enc, dec = _layers(model, genes, latent, what)
        mu, logvar = _trusted_encode(enc, counts)
        ck.expect_close(out[2], mu, f"{what}: mu = first half of encoder(log1p(counts)) "
                        "(eval-mode BatchNorm)", FORWARD_HINT)
        ck.expect_close(out[3], logvar, f"{what}: logvar = second half of encoder(log1p(counts))",
                        FORWARD_HINT)
        ck.expect_close(mean, _trusted_mean(dec, mu, library),
                        f"{what}: mean = library * softmax(decoder(mu))", FORWARD_HINT)
    train = _call(copy.deepcopy, "copy.deepcopy(model)", model).train()
    what = f"scRNAVAE(n_genes={genes}, latent_dim={latent}) in training mode"
    with torch.no_grad():
        out = ck.seeded(5, _call, train, what, counts, library, generator=torch.Generator().manual_seed(7),
                        hint=FORWARD_HINT)
        out = _outputs(out, f"{what}(counts, library, generator)", cells, genes, latent)
    mean, _, mu, logvar = out
    eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(7), dtype=mu.dtype)
    z = mu.double() + eps.double() * torch.exp(logvar.double() / 2)
    ck.expect_close(mean, _trusted_mean(dec, z, library),
                    f"{what} with generator=torch.Generator().manual_seed(7): mean = library * "
                    "softmax(decoder(mu + eps * exp(logvar / 2))), with the returned mu, logvar and the "
                    "graders' eps = torch.randn(mu.shape, generator=torch.Generator().manual_seed(7), "
                    "dtype=mu.dtype)",
                    "in training mode draw eps with ONE call torch.randn(mu.shape, generator=generator, "
                    "dtype=mu.dtype, device=mu.device) (randn_like only with generator=generator)")


def test_dispersion_positive(sol):
    genes, latent = 30, 4
    what = f"scRNAVAE(n_genes={genes}, latent_dim={latent})"
    model = _model(sol, genes, latent)
    log_theta = getattr(model, "log_theta", None)
    ck.expect(isinstance(log_theta, nn.Parameter), f"{what}.log_theta to be an nn.Parameter",
              type(log_theta).__name__, "self.log_theta = nn.Parameter(torch.zeros(n_genes))")
    ck.expect(any(p is log_theta for p in model.parameters()), f"{what}.log_theta among model.parameters()",
              "not registered", "assign it as an attribute of the module: self.log_theta = nn.Parameter(...)")
    ck.expect_tensor(log_theta, f"{what}.log_theta", (genes,), hint="one inverse dispersion per gene: "
                     "nn.Parameter(torch.zeros(n_genes))")
    ck.expect(bool((log_theta == 0).all()), f"{what}.log_theta to start at zeros (theta = 1)",
              f"values from {log_theta.min().item():.3g} to {log_theta.max().item():.3g}",
              "nn.Parameter(torch.zeros(n_genes))")
    counts = simulated_counts(n_cells=5, n_genes=genes, seed=6)[0]
    model.eval()
    with torch.no_grad():
        theta = _outputs(_call(model, what, counts, hint=FORWARD_HINT), what, 5, genes, latent)[1]
    ck.expect(bool((theta > 0).all()), f"{what}: theta > 0 at initialisation",
              f"min {theta.min().item():.3g}", "theta = torch.exp(log_theta) (not log_theta itself)")
    ck.expect_close(theta, torch.ones(genes), f"{what}: theta = exp(0) = 1 at initialisation",
                    "theta = torch.exp(log_theta)")
    with torch.no_grad():
        log_theta.copy_(torch.linspace(-3.0, 3.0, genes))
    theta = _outputs(_call(model, what, counts, hint=FORWARD_HINT), what, 5, genes, latent)[1]
    ck.expect(bool((theta > 0).all()), f"{what}: theta > 0 with log_theta from -3 to 3",
              f"min {theta.min().item():.3g}", "theta = torch.exp(log_theta): positive whatever log_theta is")
    ck.expect_close(theta, torch.exp(torch.linspace(-3.0, 3.0, genes)),
                    f"{what}: theta = exp(log_theta) with log_theta from -3 to 3",
                    "theta = torch.exp(log_theta) (not softplus, not log_theta)")
    _call(lambda: theta.sum().backward(), f"{what}: theta.sum().backward()",
          hint="theta must stay a differentiable function of log_theta (no .detach(), no torch.no_grad())")
    grad = log_theta.grad
    ck.expect(grad is not None, f"{what}: a gradient in log_theta from theta.sum().backward()", "None",
              "theta = torch.exp(self.log_theta), computed in forward")
    ck.expect_close(grad, theta.detach(), f"{what}: d theta.sum() / d log_theta = theta",
                    "theta = torch.exp(self.log_theta)")


def _nll(mean, theta, counts, what):
    """Held-out negative log-likelihood per cell (the graders' torch.distributions computation)."""
    ck.expect(bool(torch.isfinite(mean).all() and (mean > 0).all()), f"{what}: finite positive means",
              f"min {mean.min().item():.3g}", FORWARD_HINT)
    ck.expect(bool(torch.isfinite(theta).all() and (theta > 0).all()), f"{what}: finite positive theta",
              f"min {theta.min().item():.3g}", "theta = torch.exp(log_theta)")
    return -_trusted_nb(counts, mean, theta).sum(-1).mean().item()


def _heldout(sol, data_seed=0, init_seed=0, generator_seed=0):
    """(history, NLL before training, NLL after, NLL of the library * average-proportions baseline)."""
    counts = simulated_counts(n_cells=N_CELLS, n_genes=N_GENES, seed=data_seed)[0]
    train, held = counts[:N_TRAIN], counts[N_TRAIN:]
    what = f"scRNAVAE(n_genes={N_GENES}) (default latent_dim 10) on held-out simulated counts"
    model = ck.build_model(sol.scRNAVAE, n_genes=N_GENES, seed=init_seed, what=f"scRNAVAE(n_genes={N_GENES})")
    with torch.no_grad():
        mean, theta = _outputs(_call(model.eval(), what, held, hint=FORWARD_HINT), what, len(held), N_GENES,
                               10)[:2]
    before = _nll(mean, theta, held, what + " before training")
    g = torch.Generator().manual_seed(generator_seed)
    history = ck.seeded_training(init_seed + 1, _call, sol.train_scrna_vae,
                                 "train_scrna_vae(model, counts, generator=g)", model, train, generator=g)
    model.eval()
    with torch.no_grad():
        mean, theta = _outputs(_call(model, what, held, hint=FORWARD_HINT), what, len(held), N_GENES, 10)[:2]
    after = _nll(mean, theta, held, what + " after training")
    proportions = train.sum(0) / train.sum()
    baseline = _nll(held.sum(-1, keepdim=True) * proportions, theta, held, "the baseline")
    return history, before, after, baseline


def test_heldout_nll_falls(sol):
    history, before, after, baseline = _heldout(sol)
    trained = (f"scRNAVAE(n_genes={N_GENES}) after train_scrna_vae(model, counts, generator=g) (defaults) on "
               f"{N_TRAIN} cells of simulated_counts(n_cells={N_CELLS}, n_genes={N_GENES}, seed=0)")
    ck.expect_float_list(history, EPOCHS, "the list train_scrna_vae returns (default epochs=10)")
    ck.expect(after <= before / UNTRAINED_FACTOR,
              f"{trained}: held-out NLL per cell <= the untrained model's / {UNTRAINED_FACTOR} "
              f"({before:.1f} / {UNTRAINED_FACTOR} = {before / UNTRAINED_FACTOR:.1f})", f"{after:.1f}",
              "train with Adam on scrna_vae_loss(counts[b], *model(counts[b], generator=generator)) at the "
              "default lr=3e-3, batch_size=64, epochs=10; backward and step every batch")
    ck.expect(after <= baseline / BASELINE_FACTOR,
              f"{trained}: held-out NLL per cell <= {BASELINE_FACTOR}x below the baseline that gives every "
              f"cell its library times the average gene proportions ({baseline:.1f} / {BASELINE_FACTOR} = "
              f"{baseline / BASELINE_FACTOR:.1f})", f"{after:.1f}",
              "the decoder must be able to give each cell its own proportions: " + FORWARD_HINT)


def test_follows_device(sol):
    counts = simulated_counts(n_cells=4, n_genes=20, seed=8)[0]
    ck.expect_follows_device(lambda: _model(sol, 20, 4), counts, "scRNAVAE(n_genes=20, latent_dim=4)")


def test_cuda_parity(sol):
    counts = simulated_counts(n_cells=8, n_genes=N_GENES, seed=9)[0]
    ck.expect_cuda_parity(lambda: _perturbed(_model(sol, N_GENES, 10), seed=2), counts,
                          f"scRNAVAE(n_genes={N_GENES}) (mean, theta, mu, logvar)")
