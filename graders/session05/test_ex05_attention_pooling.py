"""Graders: session 5, exercise 5 (masked_attention_pool, AttentionPooling,
AttentionLSTMClassifier)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session05 import motif_length_dataset, pad_one_hot

# (input_size, hidden_size, parameters = 4 * (i * h + h * h + 2 * h) + 2 * (h + 1)); None = defaults
CLASSIFIERS = [(None, None, 4_930), (None, 16, 1_442), (6, 8, 530)]
BATCH_LENGTHS = [7, 3, 12, 1, 9, 12, 5]
CASES = st.tuples(st.integers(1, 5), st.integers(1, 12), st.integers(1, 6), st.integers(0, 2**31 - 1))
# The graders' own training: full-batch Adam on the kit's TATA boxes of random lengths.
TRAIN_N, TEST_N, MIN_LEN, MAX_LEN, EPOCHS, LR = 300, 200, 10, 24, 50, 0.03
ACCURACY_BAR, PEAK_BAR, MASS_BAR = 0.75, 0.70, 0.45

MASK_HINT = ("set the scores at positions t >= lengths[b] to float('-inf') BEFORE torch.softmax "
             "over dim=1 (time); never zero or renormalise the weights afterwards")
POOL_HINT = ("pooled[b] = sum over t of weights[b, t] * outputs[b, t] "
             "(e.g. torch.bmm or (w[..., None] * o).sum(1))")
LAYER_HINT = ("one nn.LSTM(input_size, hidden_size, batch_first=True), one AttentionPooling(hidden_size) "
              "and one nn.Linear(hidden_size, 1) head outside it")


# ---------------------------------------------------------------- inputs ------------

def _case(batch, steps, hidden, seed, padding_score=None, lengths=None):
    """(outputs [B, L, H], scores [B, L], lengths [B]) with loud padding."""
    g = torch.Generator().manual_seed(seed)
    if lengths is None:
        lengths = torch.randint(1, steps + 1, (batch,), generator=g)
    valid = torch.arange(steps).unsqueeze(0) < lengths.unsqueeze(1)
    outputs = torch.where(valid.unsqueeze(-1), torch.randn(batch, steps, hidden, generator=g),
                          1000 * torch.randn(batch, steps, hidden, generator=g))
    scores = 3 * torch.randn(batch, steps, generator=g)
    if padding_score is not None:
        loud = padding_score * (0.5 + 0.5 * torch.rand(batch, steps, generator=g))
        scores = torch.where(valid, scores, loud)
    return outputs, scores, lengths


def _named_cases():
    """A batch of length-1 sequences and one without padding, before the generated ones."""
    yield (4, 6, 3, 11), torch.ones(4, dtype=torch.int64)
    yield (3, 5, 2, 12), torch.full((3,), 5, dtype=torch.int64)
    yield (7, 12, 4, 13), torch.tensor(BATCH_LENGTHS)


def _on_cases(check, padding_score=None):
    """``check(outputs, scores, lengths)`` on the named cases, then on generated ones."""
    for (batch, steps, hidden, seed), lengths in _named_cases():
        check(*_case(batch, steps, hidden, seed, padding_score, lengths))
    ck.for_all(CASES, lambda c: check(*_case(*c, padding_score=padding_score)), max_examples=40)


def _shown(lengths, steps):
    return f"lengths {lengths.tolist()} in L = {steps} positions"


# ---------------------------------------------------------------- trusted -----------

def _trusted_weights(scores, lengths):
    """The softmax of each sequence's valid scores alone, zeros after its end (float64)."""
    table = torch.zeros(scores.shape, dtype=torch.float64)
    for row, n in enumerate(lengths.tolist()):
        table[row, :n] = torch.softmax(scores[row, :n].double(), dim=0)
    return table


def _weighted_sum(weights, outputs):
    return torch.einsum("bt,bth->bh", weights.double(), outputs.double())


def _trusted_classifier(parts, x, lengths):
    """Each sequence alone and unpadded through the student's LSTM, score layer and head."""
    lstm, score, head = parts
    probabilities, table = [], torch.zeros(x.shape[:2], dtype=torch.float64)
    with torch.no_grad():
        for row, n in enumerate(lengths.tolist()):
            states = lstm(x[row:row + 1, :n])[0][0]
            alpha = torch.softmax(score(states)[:, 0].double(), dim=0)
            table[row, :n] = alpha
            summary = (alpha.unsqueeze(1) * states.double()).sum(dim=0)
            probabilities.append(torch.sigmoid(head(summary.float())))
    return torch.cat(probabilities), table


# ---------------------------------------------------------------- results -----------

def _pair(result, what, first_shape, weights_shape, first="pooled"):
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2, f"{what} to return ({first}, weights)",
              type(result).__name__ if not isinstance(result, (tuple, list)) else f"{len(result)} values",
              f"return the tuple ({first}, weights)")
    value, weights = result
    ck.expect_tensor(value, f"{what}: {first}", first_shape)
    ck.expect_tensor(weights, f"{what}: weights", weights_shape,
                     hint="one weight per position: [B, L], L of the input (squeeze the score's last "
                          "dimension)")
    return value.detach(), weights.detach()


def _expect_sum_to_one(weights, lengths, what):
    ck.expect(bool(torch.isfinite(weights).all()) and bool((weights >= 0).all()),
              f"{what}: every weight finite and >= 0",
              f"values from {weights.min().item():.4g} to {weights.max().item():.4g}"
              if bool(torch.isfinite(weights).all()) else "NaN or inf among the weights",
              MASK_HINT + "; a sequence of length 1 must keep its one position")
    totals = torch.stack([weights[row, :n].sum() for row, n in enumerate(lengths.tolist())])
    ck.expect_close(totals, torch.ones(len(totals)), f"{what}: the weights of each sequence's valid "
                    "positions summed", MASK_HINT + "; the softmax runs over time (dim=1), not the "
                    "features", rtol=0, atol=1e-5)


def _expect_zero_padding(weights, lengths, what):
    padding = torch.arange(weights.shape[1]).unsqueeze(0) >= lengths.unsqueeze(1)
    found = weights[padding]
    ck.expect(bool((found == 0).all()), f"{what}: weights exactly 0.0 at every padding position",
              f"{int((found != 0).sum())} non-zero, e.g. {found[found != 0][:3].tolist()}"
              if bool((found == found).all()) else "NaN at padding positions",
              "mask with float('-inf') (exp(-inf) is exactly 0), not with 0 or a small number, "
              "and mask every position t >= lengths[b]")


def _pool(sol, outputs, scores, lengths):
    batch, steps, hidden = outputs.shape
    return _pair(sol.masked_attention_pool(outputs, scores, lengths),
                 f"masked_attention_pool with {_shown(lengths, steps)}", (batch, hidden), (batch, steps))


# ---------------------------------------------------------------- models ------------

def _attention(sol, hidden, seed=0):
    return ck.build_model(sol.AttentionPooling, hidden, seed=seed, what=f"AttentionPooling({hidden})")


def _score_layer(module, hidden, what):
    layers = [m for m in module.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(layers) == 1, f"{what}: one registered nn.Linear({hidden}, 1)",
              f"{len(layers)} nn.Linear layers", "the score layer: self.score = nn.Linear(hidden_size, 1)")
    ck.expect_linear(layers[0], hidden, 1, f"{what}: its score layer")
    ck.expect_param_count(module, hidden + 1, what)
    return layers[0]


def _classifier(sol, input_size, hidden, seed=0):
    sizes = {k: v for k, v in (("input_size", input_size), ("hidden_size", hidden)) if v is not None}
    what = f"AttentionLSTMClassifier({', '.join(f'{k}={v}' for k, v in sizes.items())})"
    return ck.build_model(sol.AttentionLSTMClassifier, seed=seed, what=what, **sizes), what


def _parts(sol, model, input_size, hidden, what):
    """(lstm, score layer, head) of a classifier, found by type and checked against the spec."""
    lstms = [m for m in model.modules() if isinstance(m, nn.LSTM)]
    pools = [m for m in model.modules() if isinstance(m, sol.AttentionPooling)]
    ck.expect(len(lstms) == 1 and len(pools) == 1, f"{what}: one nn.LSTM and one AttentionPooling",
              f"{len(lstms)} nn.LSTM and {len(pools)} AttentionPooling", LAYER_HINT)
    lstm = lstms[0]
    found = (lstm.input_size, lstm.hidden_size, lstm.num_layers, lstm.bidirectional, lstm.batch_first,
             lstm.proj_size)
    ck.expect(found == (input_size, hidden, 1, False, True, 0),
              f"{what}: nn.LSTM({input_size}, {hidden}, batch_first=True), one layer, one direction",
              f"{lstm}", LAYER_HINT)
    score = _score_layer(pools[0], hidden, f"{what}: its AttentionPooling")
    heads = [m for m in model.modules() if isinstance(m, nn.Linear) and m is not score]
    ck.expect(len(heads) == 1, f"{what}: one nn.Linear({hidden}, 1) head besides the score layer",
              f"{len(heads)} other nn.Linear layers", LAYER_HINT)
    ck.expect_linear(heads[0], hidden, 1, f"{what}: its head")
    return lstm, score, heads[0]


def _classifier_batch(input_size, seed, extra=0):
    """A padded batch with BATCH_LENGTHS (+ ``extra`` zero columns): one-hot DNA for 4 inputs."""
    g = torch.Generator().manual_seed(seed)
    lengths = torch.tensor(BATCH_LENGTHS)
    if input_size == 4:
        letters = torch.randint(0, 4, (len(BATCH_LENGTHS), max(BATCH_LENGTHS)), generator=g)
        x, lengths = pad_one_hot(["".join("ACGT"[i] for i in row[:n]) for row, n in
                                  zip(letters.tolist(), BATCH_LENGTHS)])
    else:
        x = torch.randn(len(BATCH_LENGTHS), max(BATCH_LENGTHS), input_size, generator=g)
        x = x * (torch.arange(x.shape[1]).unsqueeze(0) < lengths.unsqueeze(1)).unsqueeze(-1)
    return F.pad(x, (0, 0, 0, extra)), lengths


def _classify(model, x, lengths, what):
    with torch.no_grad():
        result = model.eval()(x, lengths)
    probs, alphas = _pair(result, f"{what} on {_shown(lengths, x.shape[1])}", (len(x),),
                          tuple(x.shape[:2]), first="probabilities")
    ck.expect(bool(((probs > 0) & (probs < 1)).all()), f"{what}: probabilities in (0, 1)",
              f"values from {probs.min().item():.3g} to {probs.max().item():.3g}",
              "end with torch.sigmoid on the head's output")
    return probs, alphas


# ---------------------------------------------------------------- checks ------------

def test_weights_sum_to_one(sol):
    def check(outputs, scores, lengths):
        _, weights = _pool(sol, outputs, scores, lengths)
        _expect_sum_to_one(weights, lengths, f"masked_attention_pool with {_shown(lengths, scores.shape[1])}")

    _on_cases(check)
    for hidden in (1, 5, 32):
        module = _attention(sol, hidden)
        _score_layer(module, hidden, f"AttentionPooling({hidden})")
        outputs, _, lengths = _case(6, 9, hidden, seed=20 + hidden)
        with torch.no_grad():
            _, weights = _pair(module(outputs, lengths), f"AttentionPooling({hidden})", (6, hidden), (6, 9))
        _expect_sum_to_one(weights, lengths, f"AttentionPooling({hidden}) with {_shown(lengths, 9)}")
    for input_size, hidden, count in CLASSIFIERS:
        model, what = _classifier(sol, input_size, hidden)
        ck.expect_param_count(model, count, what + (" (defaults 4 and 32)" if input_size is None else ""))
        _parts(sol, model, input_size or 4, hidden or 32, what)
        x, lengths = _classifier_batch(input_size or 4, seed=30)
        _, weights = _classify(model, x, lengths, what)
        _expect_sum_to_one(weights, lengths, what)


def test_zero_on_padding(sol):
    def check(outputs, scores, lengths):
        pooled, weights = _pool(sol, outputs, scores, lengths)
        what = f"masked_attention_pool with {_shown(lengths, scores.shape[1])}"
        _expect_zero_padding(weights, lengths, what)
        padding = torch.arange(scores.shape[1]).unsqueeze(0) >= lengths.unsqueeze(1)
        other_outputs = outputs.masked_fill(padding.unsqueeze(-1), -777.0)
        other_scores = scores.masked_fill(padding, 55.0)
        again, _ = _pool(sol, other_outputs, other_scores, lengths)
        ck.expect_close(again, pooled, f"{what}: pooled with other padding outputs and scores",
                        "nothing at a padding position may count: " + MASK_HINT)

    _on_cases(check)
    outputs, _, lengths = _case(7, 12, 8, seed=40, lengths=torch.tensor(BATCH_LENGTHS))
    with torch.no_grad():
        _, weights = _pair(_attention(sol, 8)(outputs, lengths), "AttentionPooling(8)", (7, 8), (7, 12))
    _expect_zero_padding(weights, lengths, f"AttentionPooling(8) with {_shown(lengths, 12)}")
    model, what = _classifier(sol, None, None)
    x, lengths = _classifier_batch(4, seed=41)
    probabilities, weights = _classify(model, x, lengths, what)
    _expect_zero_padding(weights, lengths, what)
    longer, _ = _classifier_batch(4, seed=41, extra=5)
    more_probabilities, more_weights = _classify(model, longer, lengths,
                                                 what + " with 5 more padding positions")
    _expect_zero_padding(more_weights, lengths, what + " with 5 more padding positions")
    ck.expect_close(more_probabilities, probabilities, f"{what}: probabilities with 5 more padding positions",
                    "read the pooled vector, never a fixed position such as outputs[:, -1]")
    ck.expect_close(more_weights[:, :x.shape[1]], weights, f"{what}: weights with 5 more padding positions",
                    MASK_HINT)


def test_pooled_vector(sol):
    def check(outputs, scores, lengths):
        pooled, weights = _pool(sol, outputs, scores, lengths)
        what = f"masked_attention_pool with {_shown(lengths, scores.shape[1])}"
        ck.expect_close(pooled, _weighted_sum(weights, outputs),
                        f"{what}: pooled, against the weighted sum of the outputs by your weights", POOL_HINT)
        ck.expect_close(pooled, _weighted_sum(_trusted_weights(scores, lengths), outputs),
                        f"{what}: pooled", POOL_HINT + "; " + MASK_HINT)

    _on_cases(check)
    for hidden in (1, 6):
        module = _attention(sol, hidden, seed=hidden)
        score = _score_layer(module, hidden, f"AttentionPooling({hidden})")
        outputs, _, lengths = _case(7, 12, hidden, seed=50, lengths=torch.tensor(BATCH_LENGTHS))
        with torch.no_grad():
            pooled, weights = _pair(module(outputs, lengths), f"AttentionPooling({hidden})", (7, hidden),
                                    (7, 12))
            scores = score(outputs)[..., 0]
        what = f"AttentionPooling({hidden}) with {_shown(lengths, 12)}"
        ck.expect_close(pooled, _weighted_sum(weights, outputs), f"{what}: pooled, against your weights",
                        POOL_HINT)
        ck.expect_close(pooled, _weighted_sum(_trusted_weights(scores, lengths), outputs), f"{what}: pooled",
                        "score every position with the nn.Linear(hidden_size, 1) layer, then pool them "
                        "with masked_attention_pool")
    for input_size, hidden, _ in (CLASSIFIERS[0], CLASSIFIERS[2]):
        model, what = _classifier(sol, input_size, hidden, seed=2)
        parts = _parts(sol, model, input_size or 4, hidden or 32, what)
        x, lengths = _classifier_batch(input_size or 4, seed=51)
        probabilities, _ = _classify(model, x, lengths, what)
        ck.expect_close(probabilities, _trusted_classifier(parts, x, lengths)[0], f"{what}: probabilities",
                        "LSTM over the padded batch, attention pooling of its outputs, the head on the "
                        "pooled vector, then a sigmoid")


def test_mask_before_softmax(sol):
    def check(outputs, scores, lengths):
        _, weights = _pool(sol, outputs, scores, lengths)
        ck.expect_close(weights, _trusted_weights(scores, lengths),
                        f"masked_attention_pool with {_shown(lengths, scores.shape[1])} and padding scores "
                        "up to 1e4: weights", MASK_HINT)

    _on_cases(check, padding_score=1e4)
    module = _attention(sol, 5, seed=3)
    score = _score_layer(module, 5, "AttentionPooling(5)")
    outputs, _, lengths = _case(7, 12, 5, seed=60, lengths=torch.tensor(BATCH_LENGTHS))
    with torch.no_grad():
        _, weights = _pair(module(outputs, lengths), "AttentionPooling(5)", (7, 5), (7, 12))
        scores = score(outputs)[..., 0]
    ck.expect_close(weights, _trusted_weights(scores, lengths),
                    f"AttentionPooling(5) with {_shown(lengths, 12)}: weights", MASK_HINT)
    for input_size, hidden, _ in (CLASSIFIERS[0], CLASSIFIERS[2]):
        model, what = _classifier(sol, input_size, hidden, seed=4)
        parts = _parts(sol, model, input_size or 4, hidden or 32, what)
        x, lengths = _classifier_batch(input_size or 4, seed=61)
        _, weights = _classify(model, x, lengths, what)
        ck.expect_close(weights, _trusted_classifier(parts, x, lengths)[1], f"{what}: weights",
                        "scores from the LSTM outputs by the attention's nn.Linear, then " + MASK_HINT)


def _fit(model, x, lengths, labels):
    """The graders' own loop: full-batch Adam on binary cross-entropy."""
    adam = torch.optim.Adam(model.parameters(), lr=LR)
    model.train()
    for _ in range(EPOCHS):
        adam.zero_grad()
        F.binary_cross_entropy(model(x, lengths)[0], labels).backward()
        adam.step()


def test_attends_motif(sol):
    sequences, labels, starts = motif_length_dataset(TRAIN_N + TEST_N, MIN_LEN, MAX_LEN, seed=0)
    x, lengths = pad_one_hot(sequences[:TRAIN_N])
    x_test, lengths_test = pad_one_hot(sequences[TRAIN_N:])
    model, what = _classifier(sol, None, None, seed=100)
    ck.seeded(1, _fit, model, x, lengths, labels[:TRAIN_N])
    probabilities, weights = _classify(model, x_test, lengths_test, what + " after training")
    accuracy = ((probabilities > 0.5).float() == labels[TRAIN_N:]).float().mean().item()
    ck.expect(accuracy >= ACCURACY_BAR, f"held-out accuracy >= {ACCURACY_BAR} after {EPOCHS} Adam steps "
              f"(lr={LR})", f"{accuracy:.3f}", "check the LSTM, the attention pooling and the head")
    positive = labels[TRAIN_N:] == 1
    first = starts[TRAIN_N:][positive].unsqueeze(1)
    position = torch.arange(weights.shape[1]).unsqueeze(0)
    window = (position >= first) & (position <= first + 4)
    rows = weights[positive]
    peaks = window.gather(1, rows.argmax(dim=1, keepdim=True)).float().mean().item()
    mass = (rows * window).sum(dim=1).mean().item()
    ck.expect(peaks >= PEAK_BAR and mass >= MASS_BAR,
              f"over the {int(positive.sum())} held-out positives, the largest weight inside the motif "
              f"window (its 4 bases and the next position) for >= {PEAK_BAR:.0%} of them, and >= "
              f"{MASS_BAR} of the weight there on average",
              f"largest weight inside for {peaks:.1%}; {mass:.3f} of the weight inside on average",
              "the weights must come from the scores of the attention's nn.Linear and decide the "
              "pooled vector that the head reads (gradients must flow through them)")


class _WithLengths(nn.Module):
    """Calls a student's module with fixed CPU lengths, so the device checks pass one tensor."""

    def __init__(self, model, lengths):
        super().__init__()
        self.model = model
        self.lengths = tuple(lengths)

    def forward(self, x):
        try:
            return self.model(x, torch.tensor(self.lengths, dtype=torch.int64))
        except NotImplementedError as err:
            if "meta" not in str(err):
                raise
            raise ck.CheckFailure("the forward pass to run on the meta device (lengths on the CPU)",
                                  f"NotImplementedError: {err}",
                                  "do not pack here (pad_packed_sequence cannot run on meta): run the "
                                  "LSTM over the padded batch and let the mask remove the padding") from None


def test_follows_device(sol):
    x, lengths = _classifier_batch(4, seed=70)
    ck.expect_follows_device(lambda: _WithLengths(_classifier(sol, 4, 16)[0], lengths.tolist()), x,
                             "AttentionLSTMClassifier(4, 16) (lengths on the CPU)")
    outputs, _, lengths = _case(7, 12, 8, seed=71, lengths=torch.tensor(BATCH_LENGTHS))
    ck.expect_follows_device(lambda: _WithLengths(_attention(sol, 8), lengths.tolist()), outputs,
                             "AttentionPooling(8) (lengths on the CPU)")


def test_cuda_parity(sol):
    x, lengths = _classifier_batch(4, seed=80)
    ck.expect_cuda_parity(lambda: _WithLengths(_classifier(sol, None, None)[0], lengths.tolist()), x,
                          "AttentionLSTMClassifier() (lengths on the CPU)")
