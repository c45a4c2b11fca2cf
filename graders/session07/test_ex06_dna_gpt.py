"""Graders: session 7, exercise 6 (causal mask, DNAGPT, next-token loss, temperature, top-k, generate)."""
import math

import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session07 import REPEAT_MOTIF, encode_bases, repeat_corpus

SMALL = dict(d_model=16, nhead=2, num_layers=2, dim_feedforward=32, max_len=16)
TRAIN = dict(d_model=32, nhead=2, num_layers=1, dim_feedforward=64, max_len=32)
STEPS, LR, N_SEQ, SEQ_LEN = 60, 0.01, 32, 33
N_NEW, MUST_MATCH, LOSS_BAR = 28, 28, 0.10
DRAWS = 3000


def _count(vocab, d, layers, ff, max_len):
    block = (3 * d * d + 3 * d) + (d * d + d) + (d * ff + ff) + (ff * d + d) + 4 * d
    return vocab * d + max_len * d + layers * block + 2 * d + d * vocab + vocab


def _call(fn, what, hint, *args, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _tokens(batch, length, seed, vocab=4):
    return torch.randint(0, vocab, (batch, length), generator=torch.Generator().manual_seed(seed))


# ----------------------------------------------------------------------------------------- causal_mask

MASK_HINT = ("causal_mask(L)[i, j] is True (blocked) exactly when j > i: "
             "torch.ones(L, L, dtype=torch.bool, device=device).triu(1)")


def test_causal_mask(sol):
    plain = _call(sol.causal_mask, "causal_mask(3)", MASK_HINT, 3)
    ck.expect_tensor(plain, "causal_mask(3)", (3, 3), torch.bool, MASK_HINT)
    wanted = [[False, True, True], [False, False, True], [False, False, False]]
    ck.expect(plain.tolist() == wanted, f"causal_mask(3) = {wanted} (True = blocked: key j > query i)",
              str(plain.tolist()), MASK_HINT)
    ck.expect(plain.device.type == "cpu", "causal_mask(3) (no device) on the CPU", str(plain.device),
              "device=None means torch's default, the CPU")
    for length in range(1, 21):
        found = sol.causal_mask(length)
        ck.expect_tensor(found, f"causal_mask({length})", (length, length), torch.bool, MASK_HINT)
        naive = torch.tensor([[j > i for j in range(length)] for i in range(length)])
        ck.expect(torch.equal(ck.base.plain(found), naive), f"causal_mask({length}) blocking exactly j > i",
                  f"{int((found != naive).sum())} wrong entries", MASK_HINT)
    for device in ("meta", torch.device("meta")):
        found = _call(sol.causal_mask, f"causal_mask(5, device={device!r})", MASK_HINT, 5, device=device)
        ck.expect_tensor(found, f"causal_mask(5, device={device!r})", (5, 5), torch.bool, MASK_HINT)
        ck.expect(found.device.type == "meta", f"causal_mask(5, device={device!r}) on the meta device",
                  str(found.device), "create the mask with device=device (do not build it on the CPU)")


# ----------------------------------------------------------------------------------- no_future_leakage

LEAK_HINT = ("pass mask=causal_mask(L, device=tokens.device) (and is_causal=True) to the encoder; "
             "with the mask True where key j > query i, position t sees only tokens 0..t")
MODES = (("train mode", True, True), ("eval mode", False, True),
         ("eval mode under torch.no_grad()", False, False))


def _logits(model, tokens, training, grad, what):
    model.train(training)
    with torch.set_grad_enabled(grad):
        out = _call(model, what, LEAK_HINT, tokens)
    ck.expect_tensor(out, what, (*tokens.shape, 4))
    ck.expect_finite(out.detach(), what)
    return out.detach()


def test_no_future_leakage(sol):
    model = ck.build_model(sol.DNAGPT, **SMALL, what="DNAGPT(d_model=16, nhead=2, num_layers=2, "
                           "dim_feedforward=32, max_len=16)")

    def check(case):
        length, seed = case
        g = torch.Generator().manual_seed(seed)
        tokens = torch.randint(0, 4, (length,), generator=g)
        # row 0: the sequence; row 1 + t: every token after t changed; row length + s: token s changed
        rows = [tokens]
        for t in range(length - 1):
            future = tokens.clone()
            future[t + 1:] = (tokens[t + 1:] + torch.randint(1, 4, (length - t - 1,), generator=g)) % 4
            rows.append(future)
        for s in range(length):
            earlier = tokens.clone()
            earlier[s] = (tokens[s] + int(torch.randint(1, 4, (1,), generator=g))) % 4
            rows.append(earlier)
        batch = torch.stack(rows)
        for mode, training, grad in MODES:
            what = f"DNAGPT (small) in {mode} on variants of one sequence of {length} tokens"
            out = _logits(model, batch, training, grad, what)
            base = out[0]
            for t in range(length - 1):
                gap = (out[1 + t, :t + 1] - base[:t + 1]).abs().max().item()
                ck.expect(gap <= 1e-5, f"{what}: changing tokens {t + 1}..{length - 1} leaves the logits at "
                          f"positions 0..{t} unchanged (no future leakage)",
                          f"they change by up to {gap:.3g}", LEAK_HINT)
            for s in range(length):
                for at in sorted({s, length - 1}):
                    moved = (out[length + s, at] - base[at]).abs().max().item()
                    ck.expect(moved > 1e-5, f"{what}: changing token {s} changes the logits at position {at} "
                              "(the model reads the past and the current token)",
                              f"they change by {moved:.3g}",
                              "block only the future (triu(1), not triu(0)); add the token embedding to the "
                              "position embedding")

    check((10, 3))  # a plain case first: one sequence of 10 tokens, every cut
    ck.for_all(st.tuples(st.integers(2, 16), st.integers(0, 10_000)), check, max_examples=15)
    model.train()


# ----------------------------------------------------------------------------------------- param_count

def test_param_count(sol):
    cases = (((), dict(), (4, 64, 2, 128, 64), "DNAGPT() (defaults)"),
             ((), dict(vocab_size=5, d_model=32, nhead=2, num_layers=1, dim_feedforward=48, max_len=40),
              (5, 32, 1, 48, 40), "DNAGPT(vocab_size=5, d_model=32, nhead=2, num_layers=1, "
              "dim_feedforward=48, max_len=40)"))
    for args, kwargs, (vocab, d, layers, ff, max_len), what in cases:
        model = ck.build_model(sol.DNAGPT, *args, what=what, **kwargs)
        ck.expect_param_count(model, _count(vocab, d, layers, ff, max_len), what)
        for name, rows in (("token_embedding", vocab), ("position_embedding", max_len)):
            layer = getattr(model, name, None)
            ck.expect(isinstance(layer, nn.Embedding) and tuple(layer.weight.shape) == (rows, d),
                      f"{what}.{name} = nn.Embedding({rows}, {d})",
                      type(layer).__name__ if not isinstance(layer, nn.Embedding) else
                      f"nn.Embedding{tuple(layer.weight.shape)}", "name the embeddings as in the spec")
        ck.expect_linear(getattr(model, "head", None), d, vocab, f"{what}.head")
        ck.expect(getattr(model, "max_len", None) == max_len, f"{what}.max_len == {max_len}",
                  repr(getattr(model, "max_len", None)), "store max_len as an attribute: generate reads it")
        tokens = _tokens(2, max_len, seed=max_len, vocab=vocab)
        with torch.no_grad():
            out = _call(model.eval(), f"{what} on tokens [2, {max_len}]",
                        "forward(tokens) -> logits [B, L, V]", tokens)
        ck.expect_tensor(out, f"{what} on tokens [2, {max_len}]", (2, max_len, vocab))


# --------------------------------------------------------------------------------------------- top_k

TOPK_HINT = ("divide the logits by the temperature, keep the top_k LARGEST (set the others to -inf "
             "before the softmax, not to 0 after nor before), softmax, torch.multinomial(probs, 1, "
             "generator=generator)")


def _trusted_probs(logits, temperature, top_k):
    """float64 [B, V]: softmax(logits / temperature) over the top_k largest logits of each row."""
    scaled = logits.double() / temperature
    if top_k is not None and top_k < logits.shape[1]:
        kth = scaled.sort(dim=1, descending=True).values[:, top_k - 1:top_k]
        scaled = scaled.masked_fill(scaled < kth, -math.inf)
    return scaled.softmax(dim=1)


def _draw(sol, logits, temperature, top_k, seed, what):
    """DRAWS samples of every row (the rows repeated): the samples [B, DRAWS]."""
    rows = logits.repeat_interleave(DRAWS, dim=0)
    out = _call(sol.sample_next, what, TOPK_HINT, rows, temperature=temperature, top_k=top_k,
                generator=torch.Generator().manual_seed(seed))
    ck.expect_tensor(out, what + f" on logits [{rows.shape[0]}, {rows.shape[1]}]", (rows.shape[0],),
                     torch.int64)
    return ck.base.plain(out).view(logits.shape[0], DRAWS)


def _expect_frequencies(samples, probs, what):
    vocab = probs.shape[1]
    for row in range(probs.shape[0]):
        freq = torch.bincount(samples[row].clamp(0, vocab - 1), minlength=vocab).double() / DRAWS
        p = probs[row]
        outside = [i for i in range(vocab) if p[i] == 0 and freq[i] > 0]
        ck.expect(not outside and bool(((samples[row] >= 0) & (samples[row] < vocab)).all()),
                  f"{what}, row {row}: only tokens with nonzero probability "
                  f"{[round(x, 3) for x in p.tolist()]}",
                  f"tokens {outside or 'out of range'} drawn "
                  f"(frequencies {[round(x, 3) for x in freq.tolist()]})",
                  TOPK_HINT)
        bound = 5 * torch.sqrt(p * (1 - p) / DRAWS) + 0.005
        ck.expect(bool(((freq - p).abs() <= bound).all()),
                  f"{what}, row {row}: frequencies over {DRAWS} draws within 5 binomial standard deviations "
                  f"(+0.005) of {[round(x, 3) for x in p.tolist()]}",
                  str([round(x, 3) for x in freq.tolist()]), TOPK_HINT)
        rare = [i for i in range(vocab) if p[i] >= 0.01 and freq[i] == 0]
        ck.expect(not rare, f"{what}, row {row}: every kept token (probability >= 0.01) drawn at least once",
                  f"tokens {rare} never drawn", TOPK_HINT)


def test_top_k(sol):
    # a plain case first: top_k=2 of five logits, some negative
    logits = torch.tensor([[2.0, 1.0, 0.5, -1.0, -3.0], [-3.0, -0.5, -2.0, 1.5, -1.0]])
    what = "sample_next(logits, temperature=1.0, top_k=2, generator)"
    _expect_frequencies(_draw(sol, logits, 1.0, 2, 0, what), _trusted_probs(logits, 1.0, 2), what)
    for temperature in (1.0, 0.7):  # top_k=1 is the argmax
        found = _draw(sol, logits, temperature, 1, 1, f"sample_next(logits, {temperature}, top_k=1)")
        ck.expect(bool((found == logits.argmax(1, keepdim=True)).all()),
                  f"sample_next(logits, temperature={temperature}, top_k=1) always the argmax "
                  f"{logits.argmax(1).tolist()}",
                  f"other tokens drawn: {sorted(set(found.flatten().tolist()))}", TOPK_HINT)
    # the defaults: temperature 1, no top-k, torch's global generator
    rows = logits.repeat_interleave(DRAWS, dim=0)
    found = ck.seeded(0, _call, sol.sample_next, "sample_next(logits) (defaults)", TOPK_HINT, rows)
    ck.expect_tensor(found, "sample_next(logits) (defaults)", (rows.shape[0],), torch.int64)
    _expect_frequencies(ck.base.plain(found).view(2, DRAWS), _trusted_probs(logits, 1.0, None),
                        "sample_next(logits) (defaults: temperature=1.0, top_k=None)")

    def check(case):
        vocab, k, temperature, scale, seed = case
        top_k = None if k == 0 else k
        logits = scale * torch.randn(2, vocab, generator=torch.Generator().manual_seed(seed))
        what = f"sample_next(logits [2, {vocab}], temperature={temperature}, top_k={top_k}, generator)"
        _expect_frequencies(_draw(sol, logits, temperature, top_k, seed, what),
                            _trusted_probs(logits, temperature, top_k), what)

    ck.for_all(st.tuples(st.integers(2, 8), st.integers(0, 10), st.sampled_from([0.5, 1.0, 2.0]),
                         st.sampled_from([1.0, 2.0, 3.0]), st.integers(0, 10_000)), check, max_examples=30)


# ------------------------------------------------------------------------------------------ greedy_limit

GREEDY_HINT = ("temperature == 0: return logits.argmax(dim=-1) without drawing anything (no division by "
               "zero); a tiny positive temperature divides the logits (logits / temperature), so the "
               "softmax puts all its mass on the largest")


def _distinct_logits(batch, vocab, seed):
    """Logits with no ties: each row a permutation of 0, 0.05, 0.1, ... shifted by a random offset."""
    g = torch.Generator().manual_seed(seed)
    steps = torch.stack([torch.randperm(vocab, generator=g) for _ in range(batch)]).float() * 0.05
    return steps + 4 * torch.randn(batch, 1, generator=g)


def test_greedy_limit(sol):
    for batch, vocab, seed in ((6, 4, 0), (64, 5, 1), (32, 8, 2)):
        logits = _distinct_logits(batch, vocab, seed)
        wanted = logits.argmax(dim=1)
        for top_k in (None, 2):
            g = torch.Generator().manual_seed(seed)
            g_state, global_state = g.get_state(), torch.get_rng_state()
            what = f"sample_next(logits [{batch}, {vocab}], temperature=0, top_k={top_k}, generator)"
            found = _call(sol.sample_next, what, GREEDY_HINT, logits, temperature=0, top_k=top_k, generator=g)
            ck.expect_tensor(found, what, (batch,), torch.int64)
            ck.expect(torch.equal(ck.base.plain(found), wanted), f"{what} = the argmax of each row",
                      f"{int((found != wanted).sum())} rows differ", GREEDY_HINT)
            untouched = (torch.equal(g.get_state(), g_state)
                         and torch.equal(torch.get_rng_state(), global_state))
            ck.expect(untouched,
                      f"{what} to draw no random number (greedy)", "a generator's state changed", GREEDY_HINT)
            what = f"sample_next(logits [{batch}, {vocab}], temperature=1e-4, top_k={top_k}, generator)"
            found = _call(sol.sample_next, what, GREEDY_HINT, logits, temperature=1e-4, top_k=top_k,
                          generator=torch.Generator().manual_seed(seed + 10))
            ck.expect_tensor(found, what, (batch,), torch.int64)
            ck.expect(torch.equal(ck.base.plain(found), wanted),
                      f"{what} = the argmax of each row (the logits have no ties: gaps >= 0.05)",
                      f"{int((found != wanted).sum())} rows differ", GREEDY_HINT)
    for bad in (-1.0, -1e-3):
        ck.expect_raises(lambda: sol.sample_next(_distinct_logits(2, 4, 5), temperature=bad), ValueError,
                         f"sample_next(logits, temperature={bad})", "a negative temperature is an error: "
                         "raise ValueError")


# --------------------------------------------------------------------------------------- seeded_sampling

class _StandIn(nn.Module):
    """The graders' own tiny 'language model': logits [B, L, V] from a bigram table, plus a bonus
    that depends on the FIRST token of the context (so the context window matters). Records the mode,
    the grad mode and the length of every call; refuses contexts longer than max_len."""

    def __init__(self, vocab=4, max_len=6, seed=0):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        self.table = nn.Parameter(2 * torch.randn(vocab, vocab, generator=g))
        self.first = nn.Parameter(1.5 * torch.randn(vocab, vocab, generator=g))
        self.place = nn.Parameter(0.5 * torch.randn(64, vocab, generator=g))
        self.max_len, self.calls = max_len, []

    def forward(self, tokens):
        length = tokens.size(1)
        self.calls.append((self.training, torch.is_grad_enabled(), length))
        if length > self.max_len:
            raise ValueError(f"a context of {length} tokens reached a model with max_len={self.max_len}")
        return self.table[tokens] + self.first[tokens[:, :1]] + self.place[:length]


def _generate(sol, model, prompt, n_new, what, **kwargs):
    out = _call(sol.generate, what, "generate: crop the context to model.max_len, logits of the last "
                "position, sample_next, append", model, prompt, n_new, **kwargs)
    ck.expect_tensor(out, what, (prompt.shape[0], prompt.shape[1] + n_new), torch.int64)
    out = ck.base.plain(out)
    ck.expect(torch.equal(out[:, :prompt.shape[1]], prompt), f"{what}: the prompt kept as the prefix",
              str(out[:, :prompt.shape[1]].tolist()), "return torch.cat([prompt, new tokens], dim=1)")
    return out


SEED_HINT = ("pass generator=generator to torch.multinomial (and to nothing else random); never "
             "call torch.manual_seed inside your code")


def _under_two_global_seeds(run, what):
    return ck.under_global_seeds(run, what, SEED_HINT)


def test_seeded_sampling(sol):
    logits = 1.5 * torch.randn(50, 4, generator=torch.Generator().manual_seed(3))
    for top_k in (None, 3):
        what = f"sample_next(logits [50, 4], temperature=1.0, top_k={top_k}, generator seed 7)"
        runs = _under_two_global_seeds(lambda: _call(
            sol.sample_next, what, SEED_HINT, logits, 1.0, top_k, torch.Generator().manual_seed(7)), what)
        ck.expect_tensor(runs[0], what, (50,), torch.int64)
        ck.expect(torch.equal(runs[0], runs[1]), f"{what} to give the same tokens twice (whatever "
                  "the global seed)", "two different results", SEED_HINT)
        other = sol.sample_next(logits, 1.0, top_k, torch.Generator().manual_seed(8))
        ck.expect(not torch.equal(ck.base.plain(other), ck.base.plain(runs[0])),
                  f"{what.replace('seed 7', 'seed 8')} to differ from seed 7", "the same tokens",
                  "draw from the generator you are given")
    prompt = _tokens(3, 4, seed=11)
    for top_k in (None, 2):
        what = f"generate(model, prompt [3, 4], 12, temperature=1.0, top_k={top_k}, generator seed 5)"
        runs = _under_two_global_seeds(lambda: _generate(
            sol, _StandIn(), prompt, 12, what, temperature=1.0, top_k=top_k,
            generator=torch.Generator().manual_seed(5)), what)
        ck.expect(torch.equal(runs[0], runs[1]), f"{what} to give the same sequence twice (whatever "
                  "the global seed)", f"{runs[0].tolist()} then {runs[1].tolist()}", SEED_HINT)
        other = _generate(sol, _StandIn(), prompt, 12, what, temperature=1.0, top_k=top_k,
                          generator=torch.Generator().manual_seed(6))
        ck.expect(not torch.equal(other, runs[0]),
                  f"{what.replace('seed 5', 'seed 6')} to differ from seed 5",
                  "the same sequence", "pass the generator on to sample_next")
    # the defaults (temperature 1, no top-k, the global generator): reproducible from torch.manual_seed
    what = "generate(model, prompt [3, 4], 12) (defaults, torch.manual_seed(4) before)"
    first = ck.seeded(4, _generate, sol, _StandIn(), prompt, 12, what)
    ck.expect(torch.equal(first, ck.seeded(4, _generate, sol, _StandIn(), prompt, 12, what)),
              f"{what} to be the same twice", "two different sequences",
              "with generator=None, torch.multinomial uses torch's global generator")


# -------------------------------------------------------------------------------------- generates_motif

GEN_HINT = ("generate: model.eval() and torch.no_grad() while generating, then restore the mode the "
            "model had; each step feeds the LAST model.max_len tokens (tokens[:, -model.max_len:]), takes "
            "the logits of the last position, sample_next, appends")
LOSS_HINT = ("logits = model(tokens[:, :-1]); "
             "F.cross_entropy(logits.reshape(-1, V), tokens[:, 1:].reshape(-1)): the prediction at "
             "position t is scored against the token at t + 1")


def _trusted_greedy(model, prompt, n_new):
    tokens = prompt
    with torch.no_grad():
        for _step in range(n_new):
            nxt = model(tokens[:, -model.max_len:])[:, -1].argmax(dim=-1, keepdim=True)
            tokens = torch.cat([tokens, nxt], dim=1)
    return tokens


def _check_loss(sol):
    model = _StandIn(max_len=8, seed=2)
    tokens = _tokens(3, 9, seed=5)
    what = "next_token_loss(model, tokens [3, 9]) for a model with max_len=8"
    found = _call(sol.next_token_loss, what, LOSS_HINT, model, tokens)
    ck.expect_tensor(found, what, ())
    ck.expect(found.requires_grad, f"{what} to carry gradients back to the model", "requires_grad=False",
              "no torch.no_grad(), .detach() or .item() on the way")
    with torch.no_grad():
        logits = (model.table[tokens[:, :-1]] + model.first[tokens[:, :1]] + model.place[:8]).double()
        trusted = -logits.log_softmax(-1).gather(2, tokens[:, 1:, None]).mean()
    ck.expect_close(found, trusted, what, LOSS_HINT)


def _check_generate(sol):
    prompt = _tokens(4, 3, seed=9)
    for training in (True, False):
        model = _StandIn(max_len=6, seed=1).train(training)
        what = (f"generate(model in {'train' if training else 'eval'} mode, prompt [4, 3], 10, "
                "temperature=0) with model.max_len=6")
        found = _generate(sol, model, prompt, 10, what, temperature=0)
        ck.expect(not any(train or grad for train, grad, _ in model.calls),
                  f"{what}: every model call in eval mode and under torch.no_grad()",
                  f"(training, grad enabled) per call: {[c[:2] for c in model.calls]}", GEN_HINT)
        ck.expect(model.training == training, f"{what}: the model back in its "
                  f"{'train' if training else 'eval'} mode afterwards",
                  f"model.training = {model.training}", GEN_HINT)
        trusted = _trusted_greedy(model, prompt, 10)
        ck.expect(torch.equal(found, trusted),
                  f"{what} = the graders' greedy loop over the last max_len tokens",
                  f"{found.tolist()} instead of {trusted.tolist()}", GEN_HINT)


def test_generates_motif(sol):
    _check_loss(sol)
    _check_generate(sol)
    data = encode_bases(repeat_corpus(N_SEQ, SEQ_LEN, seed=0))
    what = "DNAGPT(d_model=32, nhead=2, num_layers=1, dim_feedforward=64, max_len=32)"
    model = ck.build_model(sol.DNAGPT, **TRAIN, what=what)
    adam = torch.optim.Adam(model.parameters(), lr=LR)
    first = None
    for _ in range(STEPS):
        adam.zero_grad()
        loss = _call(sol.next_token_loss, f"next_token_loss({what}, tokens [{N_SEQ}, {SEQ_LEN}])", LOSS_HINT,
                     model, data)
        loss.backward()
        adam.step()
        first = loss.item() if first is None else first
    ck.expect_finite(loss.item(), "the training loss")
    trained = f"{what} after {STEPS} Adam steps (lr {LR}) of your next_token_loss on repeat_corpus"
    ck.expect(loss.item() <= LOSS_BAR, f"{trained}: final loss <= {LOSS_BAR}", f"{loss.item():.4f} "
              f"(first {first:.4f})", LOSS_HINT)
    motif = REPEAT_MOTIF
    prompts = encode_bases([(motif * 2)[p:p + len(motif)] for p in range(len(motif))])
    out = _generate(sol, model, prompts, N_NEW, f"generate(trained model, the 7 rotations of {motif}, "
                    f"{N_NEW}, temperature=0)", temperature=0)
    for p in range(len(motif)):
        wanted = encode_bases([(motif * 10)[p:p + len(motif) + N_NEW]])[0]
        ok = out[p] == wanted
        good = N_NEW if bool(ok.all()) else int((~ok).nonzero()[0]) - len(motif)
        ck.expect(good >= MUST_MATCH, f"{trained}: greedy generation from the prompt "
                  f"{(motif * 2)[p:p + len(motif)]} continues the repeat for {MUST_MATCH} bases",
                  f"{good} bases right", LOSS_HINT + "; " + GEN_HINT)


# ------------------------------------------------------------------------------------------------ device

def test_follows_device(sol):
    ck.expect_follows_device(lambda: ck.build_model(sol.DNAGPT, **SMALL, what="DNAGPT (small)"),
                             _tokens(2, 10, seed=1), "DNAGPT(d_model=16, nhead=2, num_layers=2, "
                             "dim_feedforward=32, max_len=16)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.build_model(sol.DNAGPT, **SMALL, what="DNAGPT (small)"),
                          _tokens(3, 16, seed=2), "DNAGPT(d_model=16, nhead=2, num_layers=2, "
                          "dim_feedforward=32, max_len=16)")
