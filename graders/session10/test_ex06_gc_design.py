"""Graders: session 10, exercise 6 (designing DNA of a chosen GC content: decoding, GC content,
guided ancestral sampling, a trained guided design, the figure)."""
import math

import numpy as np
import torch
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit import checks as ck
from coursekit.checks.diffusion import GaussianOracle as _Oracle
from coursekit.checks.diffusion import trusted_chain as _trusted_chain
from coursekit.checks.diffusion import trusted_decode as _trusted_decode
from coursekit.data.session10 import gc_labelled_dna

DENOISER_PARAMS = 32_072  # ConditionalDenoiser(): 3*8 + 73*128 + 129*128 + 129*48
# (seq_len, n_classes, time_dim, label_dim, hidden) -> parameters
DENOISER_CASES = (((20, 3, 8, 4, 32), 2_788), ((48, 2, 32, 16, 64), 13_536))
TRAIN_DEFAULTS = dict(steps=300, batch_size=128, lr=3e-3, p_uncond=0.1)
T_STEPS = 100
# The design check: train_gc_model(x0, labels) with its defaults on gc_labelled_dna(512, 12, seed=0) in
# model space, then N_DESIGN sequences each: unconditional, guided to high GC (label 1) and to low GC
# (label 0) with w = W. Reference over data, training and sampling seeds 0-23 (worst run): high - uncond
# 0.246, uncond - low 0.258, high - low 0.523; the same models sampled without guidance (w ignored: the
# conditional prediction alone) at best 0.134, 0.144 and 0.246.
N_DESIGN, W = 200, 4.0
MARGIN_BAR = 0.19  # mean GC, guided high above unconditional and unconditional above guided low
SPREAD_BAR = 0.40  # mean GC of guided high minus guided low
NULL_SE = 5  # the null label's share in training: p_uncond within 5 binomial standard errors
CURVES = ("unconditional", "guided to high GC", "guided to low GC")
AXIS_LABELS = ("GC content", "cumulative fraction")

DECODE_HINT = ("decode_dna(x, length): x.view(n, 4, length) (channels A, C, G, T first, then positions), "
               "argmax over dim=1 (the 4 channels; the first on a tie, as torch.argmax), then one letter of "
               "'ACGT' per position; to_model_space(onehot) = (2 * onehot - 1).reshape(n, 4 * length)")
GC_HINT = ("gc_content(seqs): for each string, (number of 'G' + number of 'C') / len(string), as a float64 "
           "tensor [n] (A and T are the weak bases)")
MODEL_HINT = ("ConditionalDenoiser(seq_len=48, n_classes=2, time_dim=16, label_dim=8, hidden=128): "
              "self.label_emb = nn.Embedding(n_classes + 1, label_dim) (the last row is the null label: "
              "self.null_label = n_classes), self.net = nn.Sequential(nn.Linear(seq_len + time_dim + "
              "label_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, "
              "seq_len)); self.seq_len = seq_len")
SAMPLE_HINT = ("x = torch.randn((n, model.seq_len), generator=generator, device=...); for t = T-1 down to 0: "
               "eps = eps_u + w * (eps_c - eps_u) (eps_u with the null label, eps_c with `label`; eps_u "
               "alone for label None); mean = (x - betas[t] / sqrt(1 - alpha_bar[t]) * eps) / "
               "sqrt(alphas[t]); x = mean + sqrt(beta_tilde[t]) * z with z = torch.randn(x.shape, "
               "generator=generator, dtype=x.dtype, device=x.device) for t > 0, x = mean at t = 0 (no noise "
               "at the last step); beta_tilde[t] = betas[t] * (1 - alpha_bar_prev[t]) / (1 - alpha_bar[t]); "
               "under torch.no_grad()")
SCHEDULE_HINT = ("linear_betas(num_steps=100, start=1e-3, end=0.2) = torch.linspace(start, end, num_steps, "
                 "dtype=torch.float64); sample_guided uses linear_betas() when betas is None")
TRAIN_HINT = ("train_gc_model: torch.manual_seed(seed), model = ConditionalDenoiser(x.shape[1]), Adam(lr); "
              "each of `steps` steps: batch_size random rows, labels replaced by model.null_label with "
              "probability p_uncond (one coin per row), t uniform in [0, 100), x_t = sqrt(alpha_bar[t]) x0 + "
              "sqrt(1 - alpha_bar[t]) noise, MSE(model(x_t, t, labels), noise); the defaults of the spec")
DESIGN_HINT = ("design(model, n, label, w, generator) = decode_dna(sample_guided(model, n, label, w, "
               "generator=generator), model.seq_len // 4); guidance pushes towards `label` and away from "
               "the null label: eps_u + w * (eps_c - eps_u), eps_u from the null label")
PLOT_HINT = ("fig, ax = plt.subplots(); for each distribution: ax.step(sorted values, (1..n) / n, "
             "where='post', label=...) (or ax.ecdf(values, label=...)); labels 'unconditional', "
             "'guided to high GC', 'guided to low GC'; ax.set_xlabel('GC content'); "
             "ax.set_ylabel('cumulative fraction'); ax.legend(); return fig")

# (rows, length, integer-valued?, seed)
DECODE_CASES = st.tuples(st.integers(1, 6), st.integers(1, 15), st.booleans(), st.integers(0, 2**31 - 1))
GC_CASES = st.lists(st.text(alphabet="ACGT", min_size=1, max_size=40), min_size=1, max_size=12)
# (sizes of the three distributions, length of the sequences, seed)
PLOT_CASES = st.tuples(st.tuples(st.integers(1, 25), st.integers(1, 25), st.integers(1, 25)),
                       st.integers(1, 16), st.integers(0, 2**31 - 1))


# ---------------------------------------------------------------- trusted pieces ----

def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _strings(codes):
    """int64 codes [n, L] (A 0, C 1, G 2, T 3) as strings."""
    return ["".join("ACGT"[int(c)] for c in row) for row in codes]


def _trusted_gc(seqs):
    counts = [sum(1 for ch in s if ch in "GC") / len(s) for s in seqs]
    return torch.tensor(counts, dtype=torch.float64)


def _model_space(onehot):
    """One-hot [n, 4, L] as +-1 values, channel rows laid end to end: [n, 4 L]."""
    n, _, length = onehot.shape
    return torch.cat([2 * onehot[:, c, :] - 1 for c in range(4)], dim=1).reshape(n, 4 * length)


def _means(seq_len, seed):
    return torch.randn(3, seq_len, generator=_gen(seed), dtype=torch.float64)


def _sample(sol, oracle, n, label, w, what, **kwargs):
    found = ck.call(sol.sample_guided, oracle, n, label, w, what=what, hint=SAMPLE_HINT, **kwargs)
    ck.expect_tensor(found, what, (n, oracle.seq_len), hint=SAMPLE_HINT)
    return found


# ---------------------------------------------------------------- checks ------------

def test_decode_dna(sol):
    # a plain case first: ACGT and GGCA as one-hot [2, 4, 4]
    codes = torch.tensor([[0, 1, 2, 3], [2, 2, 1, 0]])
    onehot = torch.nn.functional.one_hot(codes, 4).transpose(1, 2).float()
    x = ck.call(sol.to_model_space, onehot.clone(), what="to_model_space(one-hot of ACGT, GGCA)",
                hint=DECODE_HINT)
    ck.expect_tensor(x, "to_model_space(one-hot [2, 4, 4])", (2, 16), hint=DECODE_HINT)
    ck.expect_close(x, _model_space(onehot), "to_model_space(one-hot of ACGT, GGCA): 2 * onehot - 1, the "
                    "4 channel rows (A, C, G, T) of each sequence one after another", DECODE_HINT, atol=0)
    found = ck.call(sol.decode_dna, _model_space(onehot), 4, what="decode_dna(x [2, 16], 4)",
                    hint=DECODE_HINT)
    ck.expect(found == ["ACGT", "GGCA"], "decode_dna(model-space ACGT, GGCA, 4) == ['ACGT', 'GGCA']",
              repr(found), DECODE_HINT)
    ties = ck.call(sol.decode_dna, torch.zeros(2, 12), 3, what="decode_dna(zeros [2, 12], 3)",
                   hint=DECODE_HINT)
    ck.expect(ties == ["AAA", "AAA"], "decode_dna(zeros [2, 12], 3) == ['AAA', 'AAA'] (a tie: the first "
              "channel, A)", repr(ties), DECODE_HINT)
    # the session's data: a round trip
    onehot, _ = gc_labelled_dna(8, 12, seed=3)
    x = ck.call(sol.to_model_space, onehot.clone(), what="to_model_space(gc_labelled_dna(8, 12, seed=3))",
                hint=DECODE_HINT)
    ck.expect_tensor(x, "to_model_space(one-hot [8, 4, 12])", (8, 48), hint=DECODE_HINT)
    ck.expect_close(x, _model_space(onehot), "to_model_space(one-hot [8, 4, 12])", DECODE_HINT, atol=0)
    back = ck.call(sol.decode_dna, _model_space(onehot), 12, what="decode_dna(x [8, 48], 12)",
                   hint=DECODE_HINT)
    truth = _strings(onehot.argmax(dim=1).tolist())
    ck.expect(back == truth, "decode_dna(model space of gc_labelled_dna(8, 12, seed=3), 12) == the sequences",
              repr(back), DECODE_HINT)

    def case(c):
        rows, length, integer, seed = c
        x = torch.randn(rows, 4 * length, generator=_gen(seed))
        x = x.round().clamp(-1, 1) if integer else x  # integer values: many ties
        kind = "values in -1, 0, 1" if integer else "randn"
        what = f"decode_dna(x [{rows}, {4 * length}], {length}) ({kind})"
        found = ck.call(sol.decode_dna, x.clone(), length, what=what, hint=DECODE_HINT)
        ck.expect(isinstance(found, list) and all(isinstance(s, str) for s in found),
                  f"{what} to return a list of str", type(found).__name__, DECODE_HINT)
        trusted = _trusted_decode(x, length)
        ck.expect(found == trusted, f"{what} == {trusted[:2]}... (argmax over the 4 channels at each "
                  "position)", repr(found[:2]), DECODE_HINT)

    ck.for_all(DECODE_CASES, case, max_examples=25)


def test_gc_content(sol):
    seqs = ["GGCC", "ATAT", "GATC", "G"]
    found = ck.call(sol.gc_content, list(seqs), what=f"gc_content({seqs})", hint=GC_HINT)
    ck.expect_tensor(found, f"gc_content({seqs})", (4,), torch.float64, hint=GC_HINT)
    ck.expect_close(found, torch.tensor([1.0, 0.0, 0.5, 1.0], dtype=torch.float64),
                    f"gc_content({seqs}) == [1, 0, 0.5, 1]", GC_HINT, rtol=1e-6, atol=1e-9)

    def case(seqs):
        what = f"gc_content({seqs[:3]}{'...' if len(seqs) > 3 else ''}) ({len(seqs)} strings)"
        found = ck.call(sol.gc_content, list(seqs), what=what, hint=GC_HINT)
        ck.expect_tensor(found, what, (len(seqs),), torch.float64, hint=GC_HINT)
        ck.expect_close(found, _trusted_gc(seqs), f"{what}: the fraction of G or C in each string", GC_HINT,
                        rtol=1e-6, atol=1e-9)

    ck.for_all(GC_CASES, case, max_examples=40)


def _expect_denoiser(model, args, what):
    seq_len, n_classes, time_dim, label_dim, hidden = args
    found = (getattr(model, "seq_len", None), getattr(model, "null_label", None))
    ck.expect(found == (seq_len, n_classes), f"{what}.seq_len == {seq_len} and .null_label == {n_classes}",
              f"seq_len {found[0]!r}, null_label {found[1]!r}", MODEL_HINT)
    emb = getattr(model, "label_emb", None)
    sizes = (emb.num_embeddings, emb.embedding_dim) if isinstance(emb, nn.Embedding) else None
    ck.expect(sizes == (n_classes + 1, label_dim), f"{what}.label_emb = nn.Embedding({n_classes + 1}, "
              f"{label_dim}) (the classes and the null label)", repr(emb), MODEL_HINT)
    net = getattr(model, "net", None)
    kinds = [type(m).__name__ for m in net] if isinstance(net, nn.Sequential) else None
    wanted = ["Linear", "ReLU", "Linear", "ReLU", "Linear"]
    ck.expect(kinds == wanted, f"{what}.net = nn.Sequential({', '.join(wanted)})",
              repr(kinds or type(net).__name__), MODEL_HINT)
    sizes = ((seq_len + time_dim + label_dim, hidden), (hidden, hidden), (hidden, seq_len))
    for i, size in zip((0, 2, 4), sizes):
        ck.expect_linear(net[i], *size, f"{what}.net[{i}]")


def test_param_count(sol):
    model = ck.build_model(sol.ConditionalDenoiser, what="ConditionalDenoiser()")
    ck.expect_param_count(model, DENOISER_PARAMS, "ConditionalDenoiser() (defaults seq_len=48, n_classes=2, "
                          "time_dim=16, label_dim=8, hidden=128)")
    _expect_denoiser(model, (48, 2, 16, 8, 128), "ConditionalDenoiser()")
    for args, count in DENOISER_CASES:
        what = f"ConditionalDenoiser{args}"
        model = ck.build_model(sol.ConditionalDenoiser, *args, what=what)
        ck.expect_param_count(model, count, what)
        _expect_denoiser(model, args, what)
        seq_len, n_classes = args[0], args[1]
        x = torch.randn(5, seq_len, generator=_gen(4))
        t = torch.tensor([0, 1, 50, 98, 99])
        labels = torch.tensor([0, n_classes - 1, n_classes, 1, n_classes])
        with torch.no_grad():
            out = ck.call(model, x, t, labels, what=f"{what}(x [5, {seq_len}], t, labels)", hint=MODEL_HINT)
        ck.expect_tensor(out, f"{what}(x [5, {seq_len}], t int64 [5], labels int64 [5])", (5, seq_len),
                         hint=MODEL_HINT)


def test_guided_sampling(sol):
    # the default schedule: linear from 1e-3 to 0.2 over 100 steps, float64
    betas = ck.call(sol.linear_betas, what="linear_betas()", hint=SCHEDULE_HINT)
    ck.expect_tensor(betas, "linear_betas()", (T_STEPS,), torch.float64, hint=SCHEDULE_HINT)
    trusted = torch.tensor([1e-3 + (0.2 - 1e-3) * i / 99 for i in range(T_STEPS)], dtype=torch.float64)
    ck.expect_close(betas, trusted, "linear_betas(): 100 evenly spaced values from 1e-3 to 0.2",
                    SCHEDULE_HINT, rtol=1e-12, atol=1e-15)
    short = ck.call(sol.linear_betas, 10, 0.05, 0.5, what="linear_betas(10, 0.05, 0.5)", hint=SCHEDULE_HINT)
    ck.expect_close(short, torch.tensor([0.05 + 0.05 * i for i in range(10)], dtype=torch.float64),
                    "linear_betas(10, 0.05, 0.5)", SCHEDULE_HINT, rtol=1e-12, atol=1e-15)
    # a point-mass oracle (spread 0): the chain ends exactly at m_u + w (m_c - m_u), whatever the noise
    tiny = short
    means = _means(6, 0)
    oracle = _Oracle(means, 0.0, tiny)
    what = ("sample_guided(oracle of point masses m_0, m_1, m_null, n=5, label=1, w=2.0, "
            "betas=linear_betas(10, 0.05, 0.5), generator)")
    found = _sample(sol, oracle, 5, 1, 2.0, what, betas=tiny.clone(), generator=_gen(1))
    ck.expect(not found.requires_grad, f"{what} not to require grad (sampling under torch.no_grad())",
              "a tensor that requires grad", SAMPLE_HINT)
    target = (means[2] + 2.0 * (means[1] - means[2])).expand(5, -1)
    ck.expect_close(found, target, f"{what}: every sample at the guided point m_null + w (m_1 - m_null) (the "
                    "last step adds no noise)", SAMPLE_HINT, atol=1e-4)
    # Gaussian oracles: the whole chain, against the graders' own chain with the same draws
    cases = ((tiny, 8, 0, 3.0, 0.5, None), (None, 6, 1, 4.0, 0.7, None), (None, 4, None, 4.0, 0.6, None),
             (tiny, 7, 0, 0.0, 0.5, None), (tiny, 5, 1, 1.0, 0.4, 5))
    for i, (schedule, n, label, w, spread, global_seed) in enumerate(cases):
        used = betas if schedule is None else schedule
        means = _means(8, 10 + i)
        oracle = _Oracle(means, spread, used)
        passed = {} if schedule is None else {"betas": schedule.clone()}
        what = (f"sample_guided(Gaussian oracle, n={n}, label={label}, w={w}, "
                f"{'betas=linear_betas(10, 0.05, 0.5)' if schedule is not None else 'default betas'}, "
                f"{'generator=None after torch.manual_seed(5)' if global_seed else 'generator'})")
        if global_seed is None:
            found = _sample(sol, oracle, n, label, w, what, generator=_gen(20 + i), **passed)
            trusted = _trusted_chain(means, spread, used, n, label, w, _gen(20 + i))
        else:
            found = ck.seeded(global_seed, _sample, sol, oracle, n, label, w, what, **passed)
            trusted = ck.seeded(global_seed, _trusted_chain, means, spread, used, n, label, w, None)
        labels_seen = set().union(*(set(s[3]) for s in oracle.seen)) if oracle.seen else set()
        wanted = {2} if label is None else {label, 2}
        ck.expect(labels_seen <= wanted, f"{what}: the model called with the labels {sorted(wanted)} only "
                  "(the label, and the null label model.null_label)", f"labels {sorted(labels_seen)}",
                  DESIGN_HINT)
        bad = [s for s in oracle.seen if s[0] != torch.long or s[2] != torch.long]
        ck.expect(not bad, f"{what}: t and labels as int64 tensors [B]", f"dtypes {bad[:1]}", SAMPLE_HINT)
        ck.expect_close(found, trusted, f"{what} vs the graders' chain (eps_u + w (eps_c - eps_u), "
                        "beta_tilde variance, no noise at t = 0, noise redrawn from the same seed)",
                        SAMPLE_HINT, atol=1e-4)
    # a generator leaves torch's global random state alone
    oracle = _Oracle(_means(8, 30), 0.5, tiny)
    runs = ck.under_global_seeds(lambda: _sample(sol, oracle, 3, 1, 4.0, "sample_guided(..., generator)",
                                                 betas=tiny.clone(), generator=_gen(31)),
                                 "sample_guided(oracle, 3, 1, 4.0, betas, generator)",
                                 "draw x_T and every z from the generator you are given")
    ck.expect(torch.equal(runs[0], runs[1]), "sample_guided(..., generator) the same under two global seeds",
              "two different results", "draw x_T and every z from the generator you are given")
    # design: sample_guided, then decode
    oracle = _Oracle(_means(8, 40), 0.5, betas)
    designed = ck.call(sol.design, oracle, 6, 1, 4.0, generator=_gen(41),
                       what="design(Gaussian oracle (seq_len 8), 6, 1, 4.0, generator)", hint=DESIGN_HINT)
    sampled = _sample(sol, oracle, 6, 1, 4.0, "sample_guided(oracle, 6, 1, 4.0, generator)",
                      generator=_gen(41))
    ck.expect(designed == _trusted_decode(sampled, 2), "design(oracle, 6, 1, 4.0, generator) == decode_dna "
              "of sample_guided with the same seed (length seq_len // 4 = 2)", repr(designed), DESIGN_HINT)


def _valid(seqs, n, what):
    size = len(seqs) if hasattr(seqs, "__len__") else "?"
    ck.expect(isinstance(seqs, list) and len(seqs) == n, f"{what} to return a list of {n} strings",
              f"{type(seqs).__name__} of length {size}", DESIGN_HINT)
    bad = [s for s in seqs if not (isinstance(s, str) and len(s) == 12 and set(s) <= set("ACGT"))]
    ck.expect(not bad, f"{what}: every sequence a string of 12 letters from ACGT", f"e.g. {bad[0]!r}" if bad
              else "", DESIGN_HINT)
    return _trusted_gc(seqs).mean().item()


def _record_training(sol, x0, labels, what):
    """train_gc_model(x0, labels) with its defaults under torch.manual_seed(0), recording the optimizer's
    steps and every call of the denoiser."""
    steps, calls = [], []

    def after_step(optimizer, args, kwargs):
        group = optimizer.param_groups[0]
        steps.append((type(optimizer).__name__, group.get("lr")))

    def before_call(module, args):
        if type(module) is sol.ConditionalDenoiser and len(args) == 3:
            calls.append((tuple(args[0].shape), args[1].detach().clone(), args[2].detach().clone()))

    handles = [register_optimizer_step_post_hook(after_step),
               torch.nn.modules.module.register_module_forward_pre_hook(before_call)]
    try:
        model = ck.call(ck.seeded_training, 0, sol.train_gc_model, x0.clone(), labels.clone(), what=what,
                        hint=TRAIN_HINT)
    finally:
        for h in handles:
            h.remove()
    return model, steps, calls


def test_guided_design(sol):
    onehot, labels = gc_labelled_dna(512, 12, 0.3, 0.7, seed=0)
    x0 = _model_space(onehot)
    what = "train_gc_model(x0 [512, 48], labels) (defaults) on gc_labelled_dna(512, 12, seed=0)"
    model, steps, calls = _record_training(sol, x0, labels, what)
    ck.expect(isinstance(model, sol.ConditionalDenoiser), f"{what} to return the trained ConditionalDenoiser",
              type(model).__name__, TRAIN_HINT)
    d = TRAIN_DEFAULTS
    kinds = sorted({k for k in steps}, key=str)
    ck.expect(len(steps) == d["steps"] and kinds == [("Adam", d["lr"])],
              f"{what}: {d['steps']} optimizer steps of torch.optim.Adam with lr={d['lr']}",
              f"{len(steps)} steps of {kinds}", TRAIN_HINT)
    shapes = sorted({c[0] for c in calls})
    ck.expect(len(calls) == d["steps"] and shapes == [(d["batch_size"], 48)],
              f"{what}: one call of the denoiser per step on x_t [{d['batch_size']}, 48]",
              f"{len(calls)} calls on {shapes[:3]}", TRAIN_HINT)
    t_all = torch.cat([c[1] for c in calls])
    ck.expect(t_all.dtype == torch.long and int(t_all.min()) >= 0 and int(t_all.max()) < T_STEPS
              and int(t_all.min()) < 5 and int(t_all.max()) > T_STEPS - 6,
              f"{what}: t int64, uniform over 0..{T_STEPS - 1}",
              f"dtype {t_all.dtype}, from {int(t_all.min())} to {int(t_all.max())}", TRAIN_HINT)
    y_all = torch.cat([c[2] for c in calls])
    share = (y_all == 2).double().mean().item()
    p = d["p_uncond"]
    bound = NULL_SE * math.sqrt(p * (1 - p) / y_all.numel())
    ck.expect(abs(share - p) <= bound, f"{what}: the null label (2) on a share p_uncond = {p} of the rows "
              f"(within {NULL_SE} standard errors: {p - bound:.4f} to {p + bound:.4f})", f"{share:.4f}",
              TRAIN_HINT)
    ck.expect(bool(((y_all >= 0) & (y_all <= 2)).all()), f"{what}: labels 0, 1 or the null label 2",
              f"labels {sorted(set(y_all.tolist()))}", TRAIN_HINT)
    # design with the trained model; GC measured by the graders
    runs = {}
    for name, label, seed in (("unconditional", None, 1), ("high", 1, 2), ("low", 0, 3)):
        call = f"design(model, {N_DESIGN}, {label}, {W}, generator=torch.Generator().manual_seed({seed}))"
        seqs = ck.call(sol.design, model, N_DESIGN, label, W, generator=_gen(seed), what=call,
                       hint=DESIGN_HINT)
        runs[name] = (_valid(seqs, N_DESIGN, call), call)
    u, hi, lo = runs["unconditional"][0], runs["high"][0], runs["low"][0]
    found = f"mean GC: unconditional {u:.3f}, guided to high {hi:.3f}, guided to low {lo:.3f}"
    ck.expect(hi - u >= MARGIN_BAR, f"after {what}: mean GC of {runs['high'][1]} at least {MARGIN_BAR} above "
              f"that of {runs['unconditional'][1]}", found, DESIGN_HINT + "; " + TRAIN_HINT)
    ck.expect(u - lo >= MARGIN_BAR, f"after {what}: mean GC of {runs['low'][1]} at least {MARGIN_BAR} below "
              f"that of {runs['unconditional'][1]}", found, DESIGN_HINT + "; " + TRAIN_HINT)
    ck.expect(hi - lo >= SPREAD_BAR, f"after {what}: mean GC guided to high minus guided to low (w = {W}) at "
              f"least {SPREAD_BAR} (the conditional prediction alone, w = 1, reaches about 0.2)", found,
              DESIGN_HINT)


def _call_plot(sol, values, what):
    return ck.drawn_figure(sol.plot_gc, *[v.clone() for v in values], what=what, hint=PLOT_HINT,
                           show_hint="build the figure and return it; the caller shows it")


def _step_values(line, points):
    """The right-continuous step function a 'steps-post' line draws, at `points`."""
    xs = np.asarray(line.get_xdata(), dtype=np.float64).reshape(-1)
    ys = np.asarray(line.get_ydata(), dtype=np.float64).reshape(-1)
    idx = np.searchsorted(xs, points, side="right") - 1
    return np.where(idx >= 0, ys[np.clip(idx, 0, None)], 0.0)


def _check_plot(sol, values, what):
    fig = _call_plot(sol, values, what)
    with ck.checked_figure(fig, what):
        ax = ck.expect_axes(fig, 1, what)[0]
        ck.expect((ax.get_xlabel(), ax.get_ylabel()) == AXIS_LABELS, f"{what}: axis labels {AXIS_LABELS} "
                  "(x, y)", repr((ax.get_xlabel(), ax.get_ylabel())), PLOT_HINT)
        ck.expect_legend(ax, CURVES, what)
        for label, data in zip(CURVES, values):
            lines = [ln for ln in ax.get_lines() if ln.get_label() == label]
            ck.expect(len(lines) == 1, f"{what}: one line labelled {label!r}", f"{len(lines)} such lines",
                      PLOT_HINT)
            line = lines[0]
            xs = np.asarray(line.get_xdata(), dtype=np.float64).reshape(-1)
            ck.expect(line.get_drawstyle() == "steps-post" and xs.size > 0 and bool(np.all(np.diff(xs) >= 0)),
                      f"{what}: the line {label!r} a step line (drawstyle 'steps-post') over sorted x values",
                      f"drawstyle {line.get_drawstyle()!r}, {xs.size} x values", PLOT_HINT)
            v = np.sort(data.double().numpy())
            distinct = np.unique(v)
            between = (distinct[:-1] + distinct[1:]) / 2
            points = np.concatenate([distinct, between, [v[0] - 0.05, v[-1] + 0.05]])
            trusted = (v[None, :] <= points[:, None]).mean(axis=1)
            drawn = _step_values(line, points)
            wrong = np.flatnonzero(~np.isclose(drawn, trusted, rtol=1e-6, atol=1e-9))
            ck.expect(wrong.size == 0, f"{what}: the line {label!r} draws the cumulative fraction of its "
                      "values (the fraction <= x at every x)",
                      f"at x = {points[wrong[0]]:.4g}: {drawn[wrong[0]]:.4g} where {trusted[wrong[0]]:.4g} "
                      "was expected" if wrong.size else "", PLOT_HINT)


def test_plot_gc(sol):
    values = (torch.tensor([0.5, 0.25, 0.5, 0.75], dtype=torch.float64),
              torch.tensor([0.75, 1.0], dtype=torch.float64),
              torch.tensor([0.0, 0.25, 0.25], dtype=torch.float64))
    _check_plot(sol, values, "plot_gc([0.5, 0.25, 0.5, 0.75], [0.75, 1.0], [0.0, 0.25, 0.25])")

    def case(c):
        sizes, length, seed = c
        g = _gen(seed)
        values = tuple(torch.randint(0, length + 1, (size,), generator=g).double() / length for size in sizes)
        _check_plot(sol, values, f"plot_gc(three GC tensors of {sizes[0]}, {sizes[1]}, {sizes[2]} values)")

    ck.for_all(PLOT_CASES, case, max_examples=8)


class _Pipeline(nn.Module):
    """A small ConditionalDenoiser, its noise for a label and the null label, and a guided sample."""

    def __init__(self, sol):
        super().__init__()
        self.sol = sol
        self.model = sol.ConditionalDenoiser(8, 2, 4, 4, 16)

    def forward(self, x):
        n = x.shape[0]
        t = torch.full((n,), 3, dtype=torch.long, device=x.device)
        labels = torch.arange(n, device=x.device) % 3
        eps = self.model(x, t, labels)
        samples = self.sol.sample_guided(self.model, 3, 1, 4.0, betas=torch.linspace(0.05, 0.5, 4,
                                                                                      dtype=torch.float64))
        return eps, samples


def test_follows_device(sol):
    x = torch.randn(5, 8, generator=_gen(50))
    what = "ConditionalDenoiser(8, 2, 4, 4, 16)"
    ck.expect_follows_device(lambda: ck.build_model(_Pipeline, sol, what=what), x,
                             f"{what} and sample_guided with it (x_T and every z on the device of the "
                             "model's parameters)")


class _Parity(nn.Module):
    def __init__(self, sol):
        super().__init__()
        self.model = sol.ConditionalDenoiser()

    def forward(self, x):
        n = x.shape[0]
        t = torch.arange(n, device=x.device) * 11 % T_STEPS
        return self.model(x, t, torch.arange(n, device=x.device) % 3)


def test_cuda_parity(sol):
    x = torch.randn(9, 48, generator=_gen(60))
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Parity, sol), x,
                          "ConditionalDenoiser() (labels 0, 1 and null)")
