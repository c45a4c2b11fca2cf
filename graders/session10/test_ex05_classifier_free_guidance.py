"""Graders: session 10, exercise 5 (classifier-free guidance: drop_labels, cfg_loss, guided_noise,
ConditionalDenoiser, train_cfg)."""
import math

import torch
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit import checks as ck
from coursekit.data.session10 import gc_labelled_dna

T = 100
LENGTH, SEQ_LEN, CLASSES = 12, 48, 2  # DNA of 12 bases in model space: 4 x 12 = 48 numbers
DEFAULT_PARAMS = 103_008  # ConditionalDenoiser(48, 2): 3*16 + 96*256+256 + 256*256+256 + 256*48+48
MODEL_CASES = (((20, 3), dict(time_dim=8, label_dim=4, hidden=32)),
               ((48, 2), dict(hidden=64)),
               ((10, 5), dict(time_dim=6, label_dim=3, hidden=16)))
SE_BOUND = 5  # shares within 5 binomial standard errors of the rate
# learns: train_cfg with its defaults on gc_labelled_dna(512, 12, seed=0); evaluation on the graders'
# fixed set. Reference over seeds 0-19 (data, initialisation, training): see the spec's figures.
DEFAULTS = dict(steps=200, batch_size=64, lr=1e-3, p_uncond=0.1)
EVAL_N, EVAL_DATA_SEED, EVAL_NOISE_SEED = 1024, 999, 7
FALL_BAR = 2.5  # evaluation loss before / after, with true labels and with the null label, at least
NULL_BAR = 1.06  # null-label loss / true-label loss after training, at most
SWAP_BAR = 1.01  # swapped-label loss / true-label loss after training, at least

DROP_HINT = ("coins = torch.rand(B, generator=generator, device=labels.device); replace labels[i] by "
             "null_label where coins[i] < p, one coin per sample (a new tensor; the input untouched)")
LOSS_HINT = ("cfg_loss: labels dropped exactly as drop_labels(labels, model.null_label, p_uncond, "
             "generator); x_t = sqrt(alpha_bar[t]) x0 + sqrt(1 - alpha_bar[t]) noise (gathered values cast "
             "to x0's dtype and device, viewed [B, 1]); return F.mse_loss(model(x_t, t, dropped), noise)")
GUIDE_HINT = ("guided_noise = eps_u + w * (eps_c - eps_u) with eps_c = model(x_t, t, labels) and eps_u = "
              "model(x_t, t, a tensor full of model.null_label): w = 0 gives eps_u, w = 1 gives eps_c")
SAMPLE_HINT = ("guided_noise uses the labels as given (no dropout, nothing random) and the null label "
               "model.null_label for the unconditional half: two calls of B rows or one call of 2B rows")
MODEL_HINT = ("label_embedding = nn.Embedding(n_classes + 1, label_dim) (null_label = n_classes, its "
              "own row); net = nn.Sequential(nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(), "
              "nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, seq_len)); forward(x, t, labels) = "
              "net(torch.cat([x, sinusoidal_embedding(t, time_dim), label_embedding(labels)], dim=1))")
EMB_HINT = ("half = dim // 2; freqs[k] = exp(-ln(10000) * k / half) for k = 0..half-1; angles = "
            "t[:, None] * freqs[None, :] (t the raw step, as float); torch.cat([sin(angles), cos(angles)], "
            "dim=1), float32")
TRAIN_HINT = ("train_cfg: one torch.optim.Adam(model.parameters(), lr=lr); each of `steps` steps: a batch "
              "of batch_size rows (torch.randint(0, N, (batch_size,), generator=generator)), loss = "
              "cfg_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator), zero_grad, "
              "backward, step; "
              "return the list of loss.item(); defaults steps=200, batch_size=64, lr=1e-3, p_uncond=0.1")

# (batch, features, classes, w, float64?, seed)
GUIDE_CASES = st.tuples(st.integers(1, 8), st.integers(1, 6), st.integers(1, 4),
                        st.one_of(st.integers(-2, 10).map(float), st.floats(-2.0, 10.0)),
                        st.booleans(), st.integers(0, 2**31 - 1))


# ---------------------------------------------------------------- trusted pieces ----

def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _alpha_bar():
    """The linear schedule 1e-3..0.2 over T = 100 steps, float64: prod of (1 - beta) up to each step."""
    betas = torch.tensor([1e-3 + (0.2 - 1e-3) * i / (T - 1) for i in range(T)], dtype=torch.float64)
    return (1.0 - betas).cumprod(0)


def _noised(x0, t, noise, alpha_bar):
    """x_t in float64 from the closed form."""
    a = alpha_bar[t].view(-1, 1)
    return a.sqrt() * x0.double() + (1 - a).sqrt() * noise.double()


def _model_space(n, seed):
    onehot, labels = gc_labelled_dna(n, LENGTH, seed=seed)
    return (2 * onehot - 1).reshape(n, -1), labels


def _trusted_mask(n, p, seed=None):
    """The graders' redraw of the coins: torch.rand(n) from a generator of `seed` (or the global one) < p."""
    return torch.rand(n, generator=None if seed is None else _gen(seed)) < p


def _trusted_embedding(t, dim):
    """sin then cos of t * 10000^(-k / half), k = 0..half-1, in float64, one entry at a time."""
    half = dim // 2
    rows = []
    for step in t.tolist():
        angles = [step * math.exp(-math.log(10000.0) * k / half) for k in range(half)]
        rows.append([math.sin(a) for a in angles] + [math.cos(a) for a in angles])
    return torch.tensor(rows, dtype=torch.float64)


class _Table(nn.Module):
    """A grader-built stand-in denoiser with known outputs: row i gives scale * x_i + table[label_i] + t_i
    (small integers stay exact in float). It records every call: (x, t, labels)."""

    def __init__(self, n_classes, features, seed=0, scale=1.0):
        super().__init__()
        self.null_label = n_classes
        self.scale = scale
        self.table = torch.randint(-6, 7, (n_classes + 1, features), generator=_gen(seed)).double()
        self.calls = []

    def forward(self, x, t, labels):
        self.calls.append((x.detach().clone(), t.detach().clone(), labels.detach().clone()))
        out = self.scale * x.double() + self.table[labels.cpu()].to(x.device) + t.double().view(-1, 1)
        return out.to(x.dtype)

    def trusted(self, x, t, labels):
        return self.scale * x.double() + self.table[labels] + t.double().view(-1, 1)


def _call(fn, what, *args, hint, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


# ---------------------------------------------------------------- condition_dropout ----

def _dropped(sol, labels, null, p, what, generator=None, **kw):
    kwargs = dict(kw) if generator is None else dict(kw, generator=generator)
    given = labels.clone()
    out = _call(sol.drop_labels, what, given, null, p, hint=DROP_HINT, **kwargs)
    ck.expect_tensor(out, what, tuple(labels.shape), torch.int64, hint=DROP_HINT)
    ck.expect(torch.equal(given, labels), f"{what} to leave its input labels untouched",
              "the input labels were changed in place", "build a new tensor (torch.where, or .clone() first)")
    return ck.base.plain(out)


def _expect_share(found, null, p, what, hint, original=None):
    """Labels changed only to the null label (where the originals are known), and a share of null labels
    within SE_BOUND binomial standard errors of p (no original is the null label)."""
    n = found.numel()
    if original is not None:
        changed = found != original
        ck.expect(bool((found[changed] == null).all()), f"{what}: every changed label replaced by the null "
                  f"label {null}", f"labels changed to {sorted(set(found[changed].tolist()) - {null})}", hint)
    share = (found == null).double().mean().item()
    bound = SE_BOUND * math.sqrt(p * (1 - p) / n)
    ck.expect(abs(share - p) <= bound, f"{what}: a share of null labels within {SE_BOUND} standard errors of "
              f"p = {p} ({p - bound:.4f} to {p + bound:.4f} over {n} labels)", f"share {share:.4f}", hint)


def _check_drop_labels(sol):
    n, null = 20_000, 3
    labels = torch.arange(n) % 3  # classes 0, 1, 2; the null label 3
    for p, seed in ((0.1, 0), (0.25, 1), (0.5, 2), (0.9, 3)):
        what = (f"drop_labels(labels [{n}], null_label=3, p={p}, "
                f"generator=torch.Generator().manual_seed({seed}))")
        out = _dropped(sol, labels, null, p, what, _gen(seed))
        _expect_share(out, null, p, what, DROP_HINT, labels)
        wanted = torch.where(_trusted_mask(n, p, seed), null, labels)
        ck.expect(torch.equal(out, wanted), f"{what}: the null label exactly where the graders' coins "
                  f"torch.rand({n}, generator=same seed) < {p}",
                  f"{int((out != wanted).sum())} labels differ", DROP_HINT)
    small = torch.tensor([0, 1, 2, 1, 0, 2])
    for p, wanted in ((0.0, small), (1.0, torch.full((6,), 3))):
        what = f"drop_labels([0, 1, 2, 1, 0, 2], 3, p={p}, generator)"
        out = _dropped(sol, small, 3, p, what, _gen(4))
        ck.expect(torch.equal(out, wanted), f"{what} to be {wanted.tolist()}", str(out.tolist()), DROP_HINT)
    what = f"drop_labels(labels [{n}], 3, 0.3) with no generator, after torch.manual_seed(5)"
    out = ck.seeded(5, _dropped, sol, labels, null, 0.3, what)
    wanted = torch.where(ck.seeded(5, _trusted_mask, n, 0.3), null, labels)
    ck.expect(torch.equal(out, wanted), f"{what}: coins = torch.rand({n}) from the global generator",
              f"{int((out != wanted).sum())} labels differ", DROP_HINT)
    ck.under_global_seeds(lambda: _dropped(sol, labels, null, 0.5, "drop_labels(..., generator)", _gen(6)),
                          "drop_labels(labels, 3, 0.5, generator)",
                          "draw the coins from the generator you are given")


def _check_cfg_loss(sol):
    alpha_bar = _alpha_bar()
    n, features = 4000, 6
    g = _gen(10)
    x0 = torch.randn(n, features, generator=g)
    labels = torch.arange(n) % 3
    t = torch.randint(0, T, (n,), generator=g)
    noise = torch.randn(n, features, generator=g)
    x_t = _noised(x0, t, noise, alpha_bar)
    for p, seed in ((0.3, 11), (None, 12)):  # None: the default p_uncond, 0.1
        model = _Table(3, features, seed=seed, scale=0.5)
        rate = 0.1 if p is None else p
        args = () if p is None else (p,)
        what = (f"cfg_loss(model, x0 [{n}, {features}], labels, alpha_bar, "
                f"{'p_uncond=' + str(p) + ', ' if p is not None else ''}t=t, noise=noise, generator)")
        loss = _call(sol.cfg_loss, what, model, x0.clone(), labels.clone(), alpha_bar, *args, t=t.clone(),
                     noise=noise.clone(), generator=_gen(seed), hint=LOSS_HINT)
        ck.expect_tensor(loss, what, (), hint="return F.mse_loss(...): a 0-d tensor")
        ck.expect(len(model.calls) == 1, f"{what} to call the model once (on B = {n} rows)",
                  f"{len(model.calls)} calls", LOSS_HINT)
        seen_x, seen_t, seen_labels = model.calls[0]
        ck.expect_tensor(seen_labels, f"the labels the model received from {what}", (n,), torch.int64,
                         LOSS_HINT)
        _expect_share(seen_labels, 3, rate, f"the labels the model received from {what}", LOSS_HINT, labels)
        wanted = torch.where(_trusted_mask(n, rate, seed), 3, labels)
        ck.expect(torch.equal(seen_labels, wanted), f"the labels the model received from {what}: dropped "
                  f"where the graders' coins torch.rand({n}, generator=same seed) < {rate}",
                  f"{int((seen_labels != wanted).sum())} labels differ", LOSS_HINT)
        ck.expect(torch.equal(seen_t, t), f"{what}: the model received the given t", "other steps", LOSS_HINT)
        ck.expect_close(seen_x, x_t, f"{what}: the model's input x_t = sqrt(alpha_bar[t]) x0 + "
                        "sqrt(1 - alpha_bar[t]) noise", LOSS_HINT, rtol=1e-5, atol=1e-6)
        trusted = (model.trusted(x_t, t, wanted) - noise.double()).pow(2).mean()
        ck.expect_close(loss, trusted, f"{what}: the mean squared error of the model's output to the noise",
                        LOSS_HINT)
    # Drawing t and noise itself: only from the generator, the same from the same seed, t in [0, T).
    what = f"cfg_loss(model, x0 [{n}, {features}], labels, alpha_bar, 0.2, generator) (t and noise drawn)"

    def run():
        model = _Table(3, features, seed=13, scale=0.5)
        loss = _call(sol.cfg_loss, what, model, x0.clone(), labels.clone(), alpha_bar, 0.2,
                     generator=_gen(13), hint=LOSS_HINT)
        ck.expect(len(model.calls) == 1, f"{what} to call the model once", f"{len(model.calls)} calls",
                  LOSS_HINT)
        return loss.item(), model.calls[0]

    (first, calls), (second, calls_again) = ck.under_global_seeds(
        run, what, "draw the coins, t and the noise from the generator you are given")
    seen_t, seen_labels = calls[1], calls[2]
    ck.expect_tensor(seen_t, f"the t the model received from {what}", (n,), torch.int64, LOSS_HINT)
    ck.expect(int(seen_t.min()) >= 0 and int(seen_t.max()) < T, f"{what}: t drawn in [0, {T})",
              f"t from {int(seen_t.min())} to {int(seen_t.max())}",
              "t = torch.randint(0, T, (B,), generator=generator, device=x0.device) with T = len(alpha_bar)")
    _expect_share(seen_labels, 3, 0.2, f"the labels the model received from {what}", LOSS_HINT, labels)
    ck.expect(first == second and torch.equal(calls[0], calls_again[0]),
              f"{what} to give the same loss twice from the same seed", f"{first:.6g} then {second:.6g}",
              "draw every random number from the generator you are given")


def test_condition_dropout(sol):
    _check_drop_labels(sol)
    _check_cfg_loss(sol)


# ---------------------------------------------------------------- guidance_formula ----

def _guided(sol, model, x, t, labels, w, what):
    out = _call(sol.guided_noise, what, model, x.clone(), t.clone(), labels.clone(), w, hint=GUIDE_HINT)
    ck.expect_tensor(out, what, tuple(x.shape), x.dtype, hint=GUIDE_HINT)
    return ck.base.plain(out).detach()


def _check_guidance(sol, case):
    batch, features, classes, w, f64, seed = case
    dtype = torch.float64 if f64 else torch.float32
    g = _gen(seed)
    x = torch.randn(batch, features, generator=g, dtype=dtype)
    t = torch.randint(0, T, (batch,), generator=g)
    labels = torch.randint(0, classes + 1, (batch,), generator=g)  # the null label may be given too
    model = _Table(classes, features, seed=seed, scale=0.75)
    what = (f"guided_noise(model, x_t {dtype} [{batch}, {features}], t, labels, w={w:.6g}) "
            f"({classes} classes, null label {classes})")
    found = _guided(sol, model, x, t, labels, w, what)
    eps_c = model.trusted(x, t, labels)
    eps_u = model.trusted(x, t, torch.full_like(labels, classes))
    scale = (1 + abs(w)) * max(1.0, eps_c.abs().max().item(), eps_u.abs().max().item())  # the terms' rounding
    tol = dict(rtol=1e-9, atol=1e-13 * scale) if f64 else dict(rtol=1e-5, atol=1e-6 * scale)
    ck.expect_close(found, eps_u + w * (eps_c - eps_u), f"{what}: eps_u + w (eps_c - eps_u)", GUIDE_HINT,
                    **tol)


def test_guidance_formula(sol):
    # A plain case first: small integers, so every w below gives an exact result.
    model = _Table(3, 4, seed=20)
    x = torch.tensor([[1.0, -2.0, 0.0, 3.0], [0.0, 1.0, 1.0, -1.0], [2.0, 2.0, -3.0, 0.0],
                      [-1.0, 0.0, 4.0, 1.0]])
    t = torch.tensor([0, 5, 50, 99])
    labels = torch.tensor([0, 1, 2, 1])
    eps_c = model.trusted(x, t, labels)
    eps_u = model.trusted(x, t, torch.full_like(labels, 3))
    base = "guided_noise(model, x_t [4, 4] (small integers), t = [0, 5, 50, 99], labels = [0, 1, 2, 1], w={})"
    for w, name, wanted in ((0.0, "eps_u, the unconditional noise", eps_u),
                            (1.0, "eps_c, the conditional noise", eps_c)):
        what = base.format(w)
        found = _guided(sol, model, x, t, labels, w, what)
        ck.expect(torch.equal(found.double(), wanted), f"{what} to be exactly {name}: e.g. row 0 "
                  f"{wanted[0].tolist()}", f"row 0 {found[0].tolist()}", GUIDE_HINT)
    for w in (3.0, 0.5, 7.5, -1.0):
        what = base.format(w)
        found = _guided(sol, model, x, t, labels, w, what)
        ck.expect_close(found, eps_u + w * (eps_c - eps_u), f"{what}: eps_u + w (eps_c - eps_u)", GUIDE_HINT)
    what = base.format(2.0).replace("[4, 4]", "float64 [4, 4]")
    found = _guided(sol, model, x.double(), t, labels, 2.0, what)
    ck.expect_close(found, 2 * eps_c - eps_u, f"{what}: 2 eps_c - eps_u", GUIDE_HINT, rtol=1e-12, atol=1e-12)
    ck.for_all(GUIDE_CASES, lambda c: _check_guidance(sol, c), max_examples=30)


# ---------------------------------------------------------------- no_dropout_when_sampling ----

def test_no_dropout_when_sampling(sol):
    n, classes, features = 120, 3, 5
    ids = torch.arange(n)
    x = ids.double().view(-1, 1).expand(n, features).float().contiguous()  # row i filled with i
    t = (ids * 37) % T
    labels = ids % (classes + 1)  # some rows already ask for the null label (3)
    what = f"guided_noise(model, x_t [{n}, {features}], t, labels [{n}] (classes 0-2 and null 3), w=3.0)"
    for seed in (1, 2):
        model = _Table(classes, features, seed=30)
        before = ck.seeded(seed, torch.get_rng_state)
        given = labels.clone()
        after = ck.seeded(seed, lambda: (_call(sol.guided_noise, what, model, x.clone(), t.clone(), given,
                                               3.0, hint=SAMPLE_HINT), torch.get_rng_state())[1])
        ck.expect(torch.equal(given, labels), f"{what} to leave the labels untouched",
                  "the labels were changed in place", SAMPLE_HINT)
        seen = []
        for cx, ct, cl in model.calls:
            ck.expect(cx.shape[0] == ct.shape[0] == cl.shape[0], f"{what}: each model call with as many "
                      "t and labels as rows of x_t", f"x_t {tuple(cx.shape)}, t {tuple(ct.shape)}, labels "
                      f"{tuple(cl.shape)}", SAMPLE_HINT)
            seen += list(zip(cx[:, 0].round().long().tolist(), ct.tolist(), cl.tolist()))
        ck.expect(len(seen) == 2 * n, f"{what}: the model called on {2 * n} rows in all (each row once with "
                  "its label, once with the null label)", f"{len(seen)} rows in {len(model.calls)} calls",
                  SAMPLE_HINT)
        by_row = {i: [] for i in range(n)}
        for row, step, label in seen:
            by_row.setdefault(row, []).append((step, label))
        for i in range(n):
            want = sorted([(t[i].item(), labels[i].item()), (t[i].item(), classes)])
            got = sorted(by_row[i])
            ck.expect(got == want, f"{what}: row {i} seen exactly twice, as (t, label) = {want[0]} and "
                      f"{want[1]} (its own t, its own label and the null label 3)", f"(t, label) pairs {got}",
                      SAMPLE_HINT + "; no other substitution")
        ck.expect(torch.equal(after, before), f"{what} to draw no random numbers (torch's global random "
                  "state untouched)", "the global state changed", SAMPLE_HINT)


# ---------------------------------------------------------------- param_count ----

def _build(sol, args, kwargs):
    text = ", ".join([str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()])
    what = f"ConditionalDenoiser({text})"
    return ck.build_model(sol.ConditionalDenoiser, *args, what=what, **kwargs), what


def _expect_layout(model, what, seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
    null = getattr(model, "null_label", None)
    ck.expect(type(null) is int and null == n_classes, f"{what}.null_label == {n_classes} (an int: the null "
              "label has its own row after the classes)", repr(null), MODEL_HINT)
    emb = getattr(model, "label_embedding", None)
    ck.expect(isinstance(emb, nn.Embedding) and (emb.num_embeddings, emb.embedding_dim) == (n_classes + 1,
                                                                                           label_dim),
              f"{what}.label_embedding = nn.Embedding({n_classes + 1}, {label_dim})",
              repr(emb) if emb is None or isinstance(emb, nn.Module) else type(emb).__name__, MODEL_HINT)
    net = getattr(model, "net", None)
    ck.expect(isinstance(net, nn.Sequential), f"{what}.net to be an nn.Sequential", type(net).__name__,
              MODEL_HINT)
    kinds = [type(m).__name__ for m in net]
    wanted = ["Linear", "ReLU", "Linear", "ReLU", "Linear"]
    ck.expect(kinds == wanted, f"{what}.net = nn.Sequential({', '.join(wanted)})",
              f"nn.Sequential({', '.join(kinds)})", MODEL_HINT)
    sizes = ((0, seq_len + time_dim + label_dim, hidden), (2, hidden, hidden), (4, hidden, seq_len))
    for i, n_in, n_out in sizes:
        ck.expect_linear(net[i], n_in, n_out, f"{what}.net[{i}]")


def _count(seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
    return ((n_classes + 1) * label_dim + (seq_len + time_dim + label_dim + 1) * hidden
            + (hidden + 1) * hidden + (hidden + 1) * seq_len)


def test_param_count(sol):
    model, what = _build(sol, (SEQ_LEN, CLASSES), {})
    ck.expect_param_count(model, DEFAULT_PARAMS, f"{what} (defaults time_dim=32, label_dim=16, hidden=256)")
    _expect_layout(model, what, SEQ_LEN, CLASSES)
    for args, kwargs in MODEL_CASES:
        other, other_what = _build(sol, args, kwargs)
        ck.expect_param_count(other, _count(*args, **kwargs), other_what)
        _expect_layout(other, other_what, *args, **kwargs)
    # The time embedding, then the forward pass through the model's own weights (float64 by the graders).
    for steps, dim in (([0, 1, 99], 2), ([0, 1, 7, 50, 99], 8), ([0, 3, 42, 99], 32)):
        t = torch.tensor(steps)
        emb_what = f"sinusoidal_embedding(t = {steps}, {dim})"
        emb = _call(sol.sinusoidal_embedding, emb_what, t.clone(), dim, hint=EMB_HINT)
        ck.expect_tensor(emb, emb_what, (len(steps), dim), torch.float32, hint=EMB_HINT)
        ck.expect_close(emb, _trusted_embedding(t, dim), f"{emb_what}: [sin(t f_k), cos(t f_k)], f_k = "
                        f"10000^(-k / {dim // 2})", EMB_HINT, rtol=1e-4, atol=2e-5)
    x = torch.randn(6, SEQ_LEN, generator=_gen(40))
    t = torch.tensor([0, 1, 17, 50, 98, 99])
    labels = torch.tensor([0, 1, 2, 1, 0, 2])
    fwd_what = f"{what}(x [6, {SEQ_LEN}], t = {t.tolist()}, labels = {labels.tolist()}) (2 is the null label)"
    out = _call(model, fwd_what, x.clone(), t.clone(), labels.clone(), hint=MODEL_HINT)
    ck.expect_tensor(out, fwd_what, (6, SEQ_LEN), hint=MODEL_HINT)
    with torch.no_grad():
        rows = model.label_embedding.weight.double()[labels]
        h = torch.cat([x.double(), _trusted_embedding(t, 32), rows], dim=1)
        for i in (0, 2, 4):
            h = torch.nn.functional.linear(h, model.net[i].weight.double(), model.net[i].bias.double())
            h = h.relu() if i < 4 else h
    ck.expect_close(out, h, f"{fwd_what}: net(cat([x, the time embedding, the label embedding])) through its "
                    "own weights", MODEL_HINT)


# ---------------------------------------------------------------- learns ----

def _eval_set(alpha_bar):
    x0, labels = _model_space(EVAL_N, EVAL_DATA_SEED)
    g = _gen(EVAL_NOISE_SEED)
    t = torch.randint(0, T, (EVAL_N,), generator=g)
    noise = torch.randn(EVAL_N, SEQ_LEN, generator=g)
    return _noised(x0, t, noise, alpha_bar).float(), t, labels, noise


def _eval_losses(model, what, batch):
    x_t, t, labels, noise = batch
    losses = {}
    with torch.no_grad():
        cases = (("true", labels), ("null", torch.full_like(labels, CLASSES)), ("swapped", 1 - labels))
        for name, given in cases:
            out = _call(model, f"{what} on the evaluation set", x_t, t, given, hint=MODEL_HINT)
            ck.expect_tensor(out, f"{what} on the evaluation set", (EVAL_N, SEQ_LEN), hint=MODEL_HINT)
            losses[name] = (ck.base.plain(out).double() - noise.double()).pow(2).mean().item()
    ck.expect_finite(list(losses.values()), f"{what}: the evaluation losses")
    return losses


def test_learns(sol):
    alpha_bar = _alpha_bar()
    x0, labels = _model_space(512, 0)
    model, what = _build(sol, (SEQ_LEN, CLASSES), {})
    batch = _eval_set(alpha_bar)
    before = _eval_losses(model, what, batch)
    steps, sizes, seen = [], [], []
    params = {id(p) for p in model.parameters()}

    def after_step(optimizer, args, kwargs):
        group = optimizer.param_groups[0]
        ids = {id(p) for g in optimizer.param_groups for p in g["params"]}
        steps.append((type(optimizer).__name__, group.get("lr"), ids == params))

    def record(module, args, kwargs):
        given = list(args) + [kwargs[k] for k in ("x", "t", "labels")[len(args):] if k in kwargs]
        sizes.append(given[0].shape[0])
        seen.append(given[2].detach().clone() if len(given) > 2 else torch.empty(0, dtype=torch.long))

    handles = [register_optimizer_step_post_hook(after_step),
               model.register_forward_pre_hook(record, with_kwargs=True)]
    call = (f"train_cfg({what}, x0 [512, {SEQ_LEN}], labels, alpha_bar, generator=torch.Generator()"
            ".manual_seed(0)) (defaults) on gc_labelled_dna(512, 12, seed=0)")
    start = ck.seeded(3, torch.get_rng_state)
    try:
        losses, end = ck.seeded(3, lambda: (_call(sol.train_cfg, call, model, x0.clone(), labels.clone(),
                                                  alpha_bar, generator=_gen(0), hint=TRAIN_HINT),
                                            torch.get_rng_state()))
    finally:
        for h in handles:
            h.remove()
    d = DEFAULTS
    ck.expect_float_list(losses, d["steps"], f"the losses returned by {call}", per="step")
    ck.expect(torch.equal(start, end), f"{call} to draw every random number from the generator (torch's "
              "global random state untouched)", "the global state changed", TRAIN_HINT)
    ck.expect(len(steps) == d["steps"] and all(s == ("Adam", d["lr"], True) for s in steps),
              f"{call}: {d['steps']} steps of torch.optim.Adam(model.parameters(), lr={d['lr']})",
              f"{len(steps)} steps: " + ", ".join(sorted({f"{k}(lr={v}, all parameters: {a})"
                                                          for k, v, a in steps})), TRAIN_HINT)
    ck.expect(len(sizes) == d["steps"] and set(sizes) == {d["batch_size"]}, f"{call}: the model called once "
              f"per step on a batch of {d['batch_size']} rows",
              f"{len(sizes)} calls on batches of {sorted(set(sizes))}", TRAIN_HINT)
    _expect_share(torch.cat(seen), CLASSES, d["p_uncond"],
                  f"{call}: the labels the model saw in training (null label {CLASSES})", TRAIN_HINT)
    after = _eval_losses(model, f"the model trained by {call}", batch)
    where = (f"the graders' evaluation set ({EVAL_N} sequences of gc_labelled_dna(seed={EVAL_DATA_SEED}), "
             f"t and noise from torch.Generator().manual_seed({EVAL_NOISE_SEED}))")
    for name, label in (("true", "the true labels"), ("null", "the null label for every sequence")):
        fall = before[name] / after[name]
        ck.expect(fall >= FALL_BAR, f"{call}: the noise-prediction loss on {where} with {label} to fall by "
                  f"at least {FALL_BAR}x (from {before[name]:.4f})",
                  f"{after[name]:.4f}, a fall of {fall:.2f}x", TRAIN_HINT)
    ratio = after["null"] / after["true"]
    ck.expect(ratio <= NULL_BAR, f"{call}: the null-label loss at most {NULL_BAR} x the true-label loss on "
              f"{where} (the unconditional mode learned too)", f"{ratio:.4f} x",
              "drop labels at rate p_uncond in every training step: " + TRAIN_HINT)
    ratio = after["swapped"] / after["true"]
    ck.expect(ratio >= SWAP_BAR, f"{call}: the loss with swapped labels (1 - label) at least {SWAP_BAR} x "
              f"the loss with the true labels on {where} (the model uses the label)", f"{ratio:.4f} x",
              MODEL_HINT)


# ---------------------------------------------------------------- devices ----

class _Schedule:
    """alpha_bar kept on the CPU whatever the device of the model and the data (as a schedule usually is)."""

    def __init__(self):
        self.alpha_bar = _alpha_bar()


class _Device(nn.Module):
    """ConditionalDenoiser(48, 2) with every function of the exercise on a batch (labels 0, 1 and null 2)."""

    def __init__(self, sol):
        super().__init__()
        self.model = sol.ConditionalDenoiser(SEQ_LEN, CLASSES)
        self.schedule = _Schedule()
        self.guided_noise, self.cfg_loss, self.drop_labels = sol.guided_noise, sol.cfg_loss, sol.drop_labels

    def forward(self, x):
        n = x.shape[0]
        t = (torch.arange(n, device=x.device) * 37) % T
        labels = torch.arange(n, device=x.device) % (CLASSES + 1)
        loss = self.cfg_loss(self.model, x, labels % CLASSES, self.schedule.alpha_bar)
        return (self.model(x, t, labels), self.guided_noise(self.model, x, t, labels, 2.0), loss.detach(),
                self.drop_labels(labels, CLASSES, 0.5))


class _Parity(_Device):
    """The same without randomness: p_uncond = 0 and given t and noise."""

    def forward(self, x):
        n = x.shape[0]
        t = (torch.arange(n, device=x.device) * 37) % T
        labels = torch.arange(n, device=x.device) % (CLASSES + 1)
        loss = self.cfg_loss(self.model, x, labels % CLASSES, self.schedule.alpha_bar, 0.0, t=t,
                             noise=x.flip(0))
        return self.model(x, t, labels), self.guided_noise(self.model, x, t, labels, 2.0), loss


def test_follows_device(sol):
    x = _model_space(5, 41)[0]
    build = lambda: ck.build_model(_Device, sol, what=f"ConditionalDenoiser({SEQ_LEN}, 2)")  # noqa: E731
    ck.expect_follows_device(build, x, "ConditionalDenoiser(48, 2), guided_noise, cfg_loss (coins, t and "
                             "noise drawn with device=x0.device; alpha_bar kept on the CPU, what is gathered "
                             "moved to x0's device) and drop_labels")


def test_cuda_parity(sol):
    x = _model_space(8, 42)[0]
    ck.expect_cuda_parity(lambda: ck.build_model(_Parity, sol, what=f"ConditionalDenoiser({SEQ_LEN}, 2)"), x,
                          "ConditionalDenoiser(48, 2), guided_noise and cfg_loss")
