"""Graders: session 8, exercise 1 (Autoencoder, train_autoencoder, reconstruction_error)."""
import copy

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from sklearn.decomposition import PCA
from torch import nn

from coursekit import checks as ck
from coursekit.data.session08 import expression_programs


def _ae_params(i, k, h, linear):
    """Parameters of Autoencoder(i, k, h, linear): two Linear layers each way, or one."""
    if linear:
        return (i * k + k) + (k * i + i)
    return (i * h + h) + (h * k + k) + (k * h + h) + (h * i + i)


# The graders' data: expression_programs(500, seed=0) (200 genes, 5 programs, 4 cell types);
# the first 300 cells train, the last 200 are held out.
N_CELLS, N_TRAIN, DATA_SEED = 500, 300, 0
EPOCHS = 50  # the spec's default number of epochs
PCA_K = 2  # latent_dim of the linear autoencoder compared with PCA(2)
BEATS_TOLERANCE = 1e-3  # relative: float32 training vs float64 PCA
NEARS_PCA_BAR = 1.05  # reference over 20 seeds: 1.0014 to 1.0049 x PCA's MSE
FALL_FACTOR = 3.0  # reference over 20 seeds: held-out MSE falls 7.0x to 32.1x
# Generated shapes: (batch, input_dim, latent_dim, hidden_dim, linear, seed)
SHAPES = st.tuples(st.integers(1, 9), st.integers(2, 40), st.integers(1, 6), st.integers(1, 24),
                   st.booleans(), st.integers(0, 2**31 - 1))

FORWARD_HINT = ("encode(x) = encoder(x), decode(z) = decoder(z), forward(x) = decode(encode(x)): nothing "
                "else (no dropout, no noise, no skip connection from x to the output)")
ERROR_HINT = ("reconstruction_error(model, x): model.eval(), then under torch.no_grad() the mean of "
              "(model(x) - x) ** 2 over every entry, returned as a Python float (.item())")
TRAIN_HINT = ("per batch: optimizer.zero_grad(), loss = F.mse_loss(model(batch), batch), loss.backward(), "
              "optimizer.step(), with one torch.optim.Adam(model.parameters(), lr=lr) for the whole run")


# ---------------------------------------------------------------- helpers ----

def _call(fn, what, *args, **kwargs):
    return ck.call(fn, *args, what=what, hint=FORWARD_HINT, **kwargs)


def _what(i, k, h, linear):
    return f"Autoencoder(input_dim={i}, latent_dim={k}, hidden_dim={h}, linear={linear})"


def _build(sol, i, k, h, linear, seed=0):
    return ck.build_model(sol.Autoencoder, i, k, h, linear, seed=seed, what=_what(i, k, h, linear))


def _sequential(seq, sizes, what):
    """seq is nn.Sequential(Linear(a, b), ReLU(), Linear(b, c)); returns its two Linear layers."""
    a, b, c = sizes
    ck.expect(isinstance(seq, nn.Sequential), f"{what} to be an nn.Sequential", type(seq).__name__,
              f"{what} = nn.Sequential(nn.Linear({a}, {b}), nn.ReLU(), nn.Linear({b}, {c}))")
    kinds = [type(m).__name__ for m in seq]
    ck.expect(kinds == ["Linear", "ReLU", "Linear"], f"{what} = nn.Sequential(Linear, ReLU, Linear): nothing "
              "after the last Linear (no output activation)", f"nn.Sequential({', '.join(kinds)})",
              "scaled expression is negative for half the entries: no ReLU or Sigmoid at the output, no "
              "dropout, no normalisation")
    ck.expect_linear(seq[0], a, b, f"{what}[0]")
    ck.expect_linear(seq[2], b, c, f"{what}[2]")
    return seq[0], seq[2]


def _layers(model, i, k, h, linear):
    """The model's Linear layers in order (encoder then decoder), checked against the spec."""
    what = _what(i, k, h, linear)
    for name in ("encoder", "decoder"):
        ck.expect(hasattr(model, name), f"{what} to have an attribute {name}", "no such attribute",
                  "self.encoder and self.decoder (names fixed by the spec)")
    if linear:
        ck.expect_linear(model.encoder, i, k, f"{what}.encoder")
        ck.expect_linear(model.decoder, k, i, f"{what}.decoder")
        return [model.encoder, model.decoder]
    return [*_sequential(model.encoder, (i, h, k), f"{what}.encoder"),
            *_sequential(model.decoder, (k, h, i), f"{what}.decoder")]


def _trusted(layers, x, linear):
    """(z, reconstruction) computed by the graders from the model's own weights."""
    with torch.no_grad():
        if linear:
            z = F.linear(x, layers[0].weight, layers[0].bias)
            return z, F.linear(z, layers[1].weight, layers[1].bias)
        z = F.linear(F.relu(F.linear(x, layers[0].weight, layers[0].bias)), layers[1].weight, layers[1].bias)
        r = F.linear(F.relu(F.linear(z, layers[2].weight, layers[2].bias)), layers[3].weight, layers[3].bias)
        return z, r


def _x(n, d, seed):
    return torch.randn(n, d, generator=torch.Generator().manual_seed(seed))


def _data():
    x, _ = expression_programs(N_CELLS, seed=DATA_SEED)
    return x[:N_TRAIN], x[N_TRAIN:]


def _mse(model, x):
    """The graders' reconstruction error: float64 mean of (model(x) - x) ** 2 in eval mode."""
    model.eval()
    with torch.no_grad():
        out = _call(model, "model(x) on the graders' data", x)
    ck.expect_tensor(out, f"model(x) for x {tuple(x.shape)}", tuple(x.shape))
    return ((out.double() - x.double()) ** 2).mean().item()


def _pca_mse(x, k):
    """scikit-learn's PCA(k) reconstruction MSE on x, fitted in float64 (PCA centres the data:
    by Eckart-Young no rank-k affine map fits x better)."""
    data = x.double().numpy()
    pca = PCA(n_components=k, svd_solver="full").fit(data)
    return float(((pca.inverse_transform(pca.transform(data)) - data) ** 2).mean())


def _train(sol, model, x, what, generator_seed=0, **kwargs):
    """The student's train_autoencoder on x, its losses checked as a list of floats."""
    generator = torch.Generator().manual_seed(generator_seed)
    losses = _call(sol.train_autoencoder, what, model, x, generator=generator, **kwargs)
    ck.expect_float_list(losses, kwargs.get("epochs", EPOCHS), f"the losses returned by {what}")
    return losses


def _trained_linear(sol):
    x, _ = _data()
    model = _build(sol, 200, PCA_K, 64, True)
    what = (f"train_autoencoder(Autoencoder(latent_dim={PCA_K}, linear=True), x, generator=torch.Generator()"
            f".manual_seed(0)) (default epochs, lr, batch_size) on expression_programs({N_CELLS}, seed=0)"
            f"[:{N_TRAIN}]")
    _train(sol, model, x, what)
    return _mse(model, x), _pca_mse(x, PCA_K), what


# ---------------------------------------------------------------- checks ----

def test_architecture(sol):
    for i, k, h, linear in ((30, 3, 16, False), (30, 3, 16, True)):
        _layers(_build(sol, i, k, h, linear), i, k, h, linear)
    model = ck.build_model(sol.Autoencoder, what="Autoencoder()")
    _layers(model, 200, 5, 64, False)  # defaults: input_dim=200, latent_dim=5, hidden_dim=64, linear=False
    model = ck.build_model(sol.Autoencoder, linear=True, what="Autoencoder(linear=True)")
    _layers(model, 200, 5, 64, True)
    ck.expect_registered(model, "Autoencoder(linear=True)")


def test_param_count(sol):
    ck.expect_param_count(ck.build_model(sol.Autoencoder, what="Autoencoder()"),
                          _ae_params(200, 5, 64, False),
                          "Autoencoder() (input_dim=200, latent_dim=5, hidden_dim=64)")
    ck.expect_param_count(ck.build_model(sol.Autoencoder, linear=True, what="Autoencoder(linear=True)"),
                          _ae_params(200, 5, 64, True), "Autoencoder(linear=True)")
    for i, k, h, linear in ((30, 3, 16, False), (30, 3, 16, True), (7, 1, 2, False)):
        ck.expect_param_count(_build(sol, i, k, h, linear), _ae_params(i, k, h, linear),
                              _what(i, k, h, linear))


def _check_encode_decode(sol, case):
    b, i, k, h, linear, seed = case
    what = _what(i, k, h, linear)
    model = _build(sol, i, k, h, linear, seed=seed % 1000)
    layers = _layers(model, i, k, h, linear)
    x = _x(b, i, seed)
    z_trusted, r_trusted = _trusted(layers, x, linear)
    model.eval()
    with torch.no_grad():
        z = _call(model.encode, f"{what}.encode(x)", x)
        ck.expect_tensor(z, f"{what}.encode(x) for x [{b}, {i}]", (b, k))
        ck.expect_close(z, z_trusted, f"{what}.encode(x) (eval mode)", "encode(x) = encoder(x)")
        r = _call(model.decode, f"{what}.decode(z)", z_trusted)
        ck.expect_tensor(r, f"{what}.decode(z) for z [{b}, {k}]", (b, i))
        ck.expect_close(r, r_trusted, f"{what}.decode(z) (eval mode)", "decode(z) = decoder(z)")
        out = _call(model, f"{what}(x)", x)
        ck.expect_tensor(out, f"{what}(x) for x [{b}, {i}]", (b, i))
        ck.expect_close(out, r_trusted, f"{what}(x) in eval mode vs decode(encode(x))", FORWARD_HINT)
    model.train()
    error = _call(sol.reconstruction_error, f"reconstruction_error({what}, x)", model, x)
    ck.expect(type(error) is float, f"reconstruction_error({what}, x) to be a Python float",
              type(error).__name__, ERROR_HINT)
    trusted = ((r_trusted.double() - x.double()) ** 2).mean().item()
    ck.expect_close(error, trusted, f"reconstruction_error({what}, x [{b}, {i}])", ERROR_HINT)
    ck.expect(not model.training, f"reconstruction_error({what}, x) to leave the model in eval mode",
              "the model in train mode", ERROR_HINT)


def test_encode_decode(sol):
    _check_encode_decode(sol, (4, 30, 3, 16, False, 1))  # plain cases first
    _check_encode_decode(sol, (4, 30, 3, 16, True, 2))
    ck.for_all(SHAPES, lambda case: _check_encode_decode(sol, case), max_examples=20)


def test_seeded_training(sol):
    x, _ = expression_programs(60, n_genes=20, seed=5)
    # lr=0.0: Adam leaves every weight where it is, so each epoch's loss is the untrained model's MSE
    model = _build(sol, 20, 3, 8, False, seed=3).eval()
    trusted = _mse(copy.deepcopy(model), x)
    what = ("train_autoencoder(Autoencoder(20, 3, 8), x [60, 20], epochs=2, lr=0.0, batch_size=16, "
            "generator=...)")
    model.eval()
    with ck.record_modes(model) as calls:
        losses = _train(sol, model, x, what, epochs=2, lr=0.0, batch_size=16)
    sizes = [c[0] for c in calls]
    ck.expect(sizes == [16, 16, 16, 12] * 2, f"{what}: batches of 16, 16, 16, 12 cells in each epoch",
              f"model called on batches of {sizes}", "walk a random order of the cells in consecutive "
              "batches of batch_size (the last one smaller); one forward pass per batch")
    ck.expect(all(training and grad for _, training, grad in calls), f"{what}: the model in train mode, "
              "with gradients, for every batch", f"(train mode, grad enabled) = {[c[1:] for c in calls]}",
              "call model.train() before the loop")
    ck.expect(not model.training, f"{what}: the model in eval mode when training is over", "train mode",
              "call model.eval() before returning")
    ck.expect_close(losses, [trusted, trusted], f"{what}: each epoch's loss (lr=0: the untrained model's MSE "
                    "over all of x)", "an epoch's loss is the mean squared error over all its entries: "
                    "sum of loss.item() * len(batch), divided by the number of cells (not the plain mean of "
                    "the batch losses when the last batch is smaller)")
    # the defaults: 100 cells make batches of 64 and 36 (default batch_size=64), 50 epochs
    x, _ = expression_programs(100, n_genes=20, seed=6)
    start = _build(sol, 20, 3, 8, False, seed=4)
    what = "train_autoencoder(Autoencoder(20, 3, 8), x [100, 20], generator=torch.Generator().manual_seed(7))"
    model = copy.deepcopy(start)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(11)
        state = torch.get_rng_state()
        with ck.record_modes(model) as calls:
            _train(sol, model, x, what, generator_seed=7)
        untouched = torch.equal(state, torch.get_rng_state())
    sizes = [c[0] for c in calls]
    ck.expect(sizes == [64, 36] * EPOCHS, f"{what}: the defaults epochs={EPOCHS}, batch_size=64 (batches "
              f"of 64 and 36 cells, {EPOCHS} times)", f"{len(sizes)} batches: {sizes[:6]}...",
              "the defaults of the spec")
    ck.expect(untouched, f"{what} to leave torch's global random state untouched",
              "the global generator was drawn from",
              "draw the order from the generator given: torch.randperm(n, generator=generator) (or a "
              "DataLoader with generator=generator); never torch.manual_seed inside")
    # the generator alone decides: the same seed twice under other global states, then another seed
    what = ("train_autoencoder(Autoencoder(20, 3, 8), x [100, 20], epochs=3, "
            "generator=torch.Generator().manual_seed(7))")
    runs = []
    for global_seed in (11, 12):
        model = copy.deepcopy(start)
        losses = ck.seeded(global_seed, _train, sol, model, x, what, generator_seed=7, epochs=3)
        runs.append((losses, [p.detach().clone() for p in model.parameters()]))
    ck.expect(runs[0][0] == runs[1][0] and all(torch.equal(p, q) for p, q in zip(runs[0][1], runs[1][1])),
              f"{what}: the same losses and weights twice (under global seeds 11, then 12)",
              f"losses {runs[0][0]} then {runs[1][0]}",
              "all the randomness of training comes from the generator given")
    other = _train(sol, copy.deepcopy(start), x, what.replace("seed(7)", "seed(8)"), generator_seed=8,
                   epochs=3)
    ck.expect(other != runs[0][0], f"{what}: other losses with another generator seed (8 instead of 7)",
              "the same losses", "shuffle the cells every epoch with the generator: "
              "torch.randperm(n, generator=generator)")


def test_never_beats_pca(sol):
    found, pca, what = _trained_linear(sol)
    bar = pca * (1 - BEATS_TOLERANCE)
    ck.expect(found >= bar, f"{what}: training MSE (graders' ((model(x) - x) ** 2).mean()) >= PCA({PCA_K})'s "
              f"{pca:.5f} (x {1 - BEATS_TOLERANCE}): no rank-{PCA_K} linear map beats PCA",
              f"{found:.5f}", "with linear=True the model must be exactly two nn.Linear layers "
              "(nothing between them, no activation) and forward(x) = decoder(encoder(x)): a hidden layer, "
              "a ReLU or a path from x around the bottleneck is not a linear autoencoder")


def test_nears_pca(sol):
    found, pca, what = _trained_linear(sol)
    ck.expect(found <= NEARS_PCA_BAR * pca, f"{what}: training MSE (graders' computation) <= "
              f"{NEARS_PCA_BAR} x PCA({PCA_K})'s {pca:.5f} = {NEARS_PCA_BAR * pca:.5f}",
              f"{found:.5f} ({found / pca:.3f} x PCA)",
              TRAIN_HINT + "; defaults epochs=50, lr=0.03, batch_size=64")


def test_heldout_error_falls(sol):
    train, held_out = _data()
    model = ck.build_model(sol.Autoencoder, what="Autoencoder()")
    what = (f"Autoencoder() trained with train_autoencoder(model, x, generator=torch.Generator()"
            f".manual_seed(0)) (defaults) on expression_programs({N_CELLS}, seed=0)[:{N_TRAIN}]")
    before = _mse(model, held_out)
    _train(sol, model, train, what)
    after = _mse(model, held_out)
    ck.expect_finite([before, after], f"{what}: held-out MSE")
    ck.expect(after <= before / FALL_FACTOR, f"{what}: the MSE on the {N_CELLS - N_TRAIN} held-out cells "
              f"(graders' computation) to fall by {FALL_FACTOR}x from the untrained model's "
              f"{before:.4f} (to <= {before / FALL_FACTOR:.4f})", f"{after:.4f} ({before / after:.2f}x)",
              TRAIN_HINT + "; no activation after the decoder's last Linear (scaled values are negative too)")


def test_follows_device(sol):
    x = _x(5, 30, 9)
    for linear in (False, True):
        what = _what(30, 3, 16, linear)
        ck.expect_follows_device(lambda: _build(sol, 30, 3, 16, linear), x, what)


def test_cuda_parity(sol):
    x = _x(16, 200, 10)
    ck.expect_cuda_parity(lambda: ck.build_model(sol.Autoencoder, what="Autoencoder()"), x, "Autoencoder()")
