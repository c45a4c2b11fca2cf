"""Graders: session 5, exercise 2 (LSTMClassifier: an LSTM over variable-length DNA that
classifies each sequence from its last valid step)."""
import torch
from torch import nn

from coursekit import checks as ck
from coursekit.data.session05 import motif_length_dataset, pad_one_hot

# (input_size, hidden_size); None: the defaults, built by LSTMClassifier() with no arguments
SIZES = [None, (4, 16), (6, 8), (5, 20)]
# unsorted on purpose, with a length-1 sequence and two of the longest
BATCH_LENGTHS = [7, 3, 12, 1, 9, 12, 5]


def _expected_count(n_in: int, n_hidden: int) -> int:
    """An LSTM layer holds 4 gates, each W_ih [h, in], W_hh [h, h], b_ih [h], b_hh [h];
    the head Linear(h, 1) holds h weights and a bias."""
    return 4 * (n_in * n_hidden + n_hidden * n_hidden + 2 * n_hidden) + n_hidden + 1


def _build(sol, sizes, seed=0):
    if sizes is None:
        return ck.build_model(sol.LSTMClassifier, seed=seed, what="LSTMClassifier()")
    n_in, n_hidden = sizes
    return ck.build_model(sol.LSTMClassifier, input_size=n_in, hidden_size=n_hidden, seed=seed,
                          what=f"LSTMClassifier(input_size={n_in}, hidden_size={n_hidden})")


def _name(sizes) -> str:
    return "LSTMClassifier()" if sizes is None else f"LSTMClassifier{sizes}"


def _padded_batch(lengths, n_in, seed, one_hot=True, garbage=False):
    """A batch-first padded batch [B, max(lengths), n_in] and int64 lengths; valid steps are
    one-hot DNA (or Gaussian values), padding is zeros (or Gaussian garbage)."""
    gen = torch.Generator().manual_seed(seed)
    width = max(lengths)
    if one_hot:
        letters = torch.randint(0, n_in, (len(lengths), width), generator=gen)
        batch = torch.nn.functional.one_hot(letters, n_in).float()
    else:
        batch = torch.randn(len(lengths), width, n_in, generator=gen)
    noise = 3 * torch.randn(len(lengths), width, n_in, generator=gen)
    steps = torch.arange(width)
    for b, n_valid in enumerate(lengths):
        pad = steps >= n_valid
        batch[b, pad] = noise[b, pad] if garbage else 0.0
    return batch, torch.tensor(lengths, dtype=torch.int64)


def _parts(model, n_in, n_hidden, what):
    """The model's one nn.LSTM and its nn.Linear(hidden, 1) head."""
    lstms = [m for m in model.modules() if isinstance(m, nn.LSTM)]
    ck.expect(len(lstms) == 1, f"{what}: exactly one registered nn.LSTM", f"{len(lstms)}",
              "keep the LSTM as an attribute, e.g. self.lstm = nn.LSTM(...)")
    lstm = lstms[0]
    found = (lstm.input_size, lstm.hidden_size, lstm.num_layers, lstm.bidirectional, lstm.proj_size)
    ck.expect(found == (n_in, n_hidden, 1, False, 0),
              f"{what}: nn.LSTM(input_size={n_in}, hidden_size={n_hidden}), one layer, one direction",
              f"input_size={found[0]}, hidden_size={found[1]}, num_layers={found[2]}, "
              f"bidirectional={found[3]}, proj_size={found[4]}",
              "pass input_size and hidden_size on to nn.LSTM; keep the other options at their defaults")
    heads = [m for m in model.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(heads) == 1, f"{what}: exactly one nn.Linear (the head)", f"{len(heads)}",
              "one nn.Linear(hidden_size, 1) after the LSTM")
    ck.expect_linear(heads[0], n_hidden, 1, f"{what}: the head")
    return lstm, heads[0]


def _trusted(lstm, head, batch, lengths):
    """Each sequence alone, unpadded, through the LSTM equations written out step by step
    with the model's own weights (gate order i, f, g, o), then the head and a sigmoid."""
    w_ih, w_hh = lstm.weight_ih_l0.detach(), lstm.weight_hh_l0.detach()
    bias = lstm.bias_ih_l0.detach() + lstm.bias_hh_l0.detach()
    probs = []
    for seq, n_valid in zip(batch, lengths.tolist()):
        h = torch.zeros(lstm.hidden_size)
        c = torch.zeros(lstm.hidden_size)
        for t in range(n_valid):
            z = w_ih @ seq[t] + w_hh @ h + bias
            i_gate, f_gate, g_cand, o_gate = z.chunk(4)
            c = torch.sigmoid(f_gate) * c + torch.sigmoid(i_gate) * torch.tanh(g_cand)
            h = torch.sigmoid(o_gate) * torch.tanh(c)
        probs.append(torch.sigmoid(head.weight.detach() @ h + head.bias.detach()))
    return torch.cat(probs)


def _run(model, batch, lengths):
    with torch.no_grad():
        return model.eval()(batch, lengths.clone())


def test_architecture(sol):
    for sizes in SIZES:
        n_in, n_hidden = sizes or (4, 32)
        model = _build(sol, sizes)
        _parts(model, n_in, n_hidden, _name(sizes))
        for lengths in (BATCH_LENGTHS, [6]):
            batch, lens = _padded_batch(lengths, n_in, seed=2, one_hot=False)
            out = _run(model, 4 * batch, lens)
            ck.expect_tensor(out, f"{_name(sizes)} output for a batch of {len(lengths)}",
                             (len(lengths),), torch.float32)
            ck.expect(bool(((out > 0) & (out < 1)).all()), "probabilities in (0, 1)",
                      f"values from {out.min().item():.3g} to {out.max().item():.3g}",
                      "end with a sigmoid of the head's output, squeezed to [B]")


def test_param_count(sol):
    for sizes in SIZES:
        n_in, n_hidden = sizes or (4, 32)
        expected = _expected_count(n_in, n_hidden)
        what = _name(sizes) + (" (defaults input_size=4, hidden_size=32)" if sizes is None else "")
        ck.expect_param_count(_build(sol, sizes), expected, what)


def test_last_valid_step(sol):
    hint = ("take each sequence's LSTM output at position lengths[i] - 1 (its last valid step), "
            "not the last padded position, nor h_n of the padded batch; keep the batch order")
    for sizes, one_hot in ((None, True), ((6, 8), False)):
        n_in, n_hidden = sizes or (4, 32)
        model = _build(sol, sizes, seed=1)
        lstm, head = _parts(model, n_in, n_hidden, _name(sizes))
        for garbage in (False, True):
            batch, lens = _padded_batch(BATCH_LENGTHS, n_in, seed=3, one_hot=one_hot, garbage=garbage)
            out = _run(model, batch, lens)
            ck.expect_tensor(out, f"{_name(sizes)} output", (len(BATCH_LENGTHS),))
            kind = "non-zero garbage" if garbage else "zeros"
            ck.expect_close(out, _trusted(lstm, head, batch, lens),
                            f"{_name(sizes)} on a batch of lengths {BATCH_LENGTHS} padded with {kind}",
                            hint if not garbage else
                            hint + "; nothing after a sequence's end may reach its output")


def test_padding_invariance(sol):
    model = _build(sol, None, seed=2)
    batch, lens = _padded_batch(BATCH_LENGTHS, 4, seed=4)
    base = _run(model, batch, lens)
    gen = torch.Generator().manual_seed(5)
    extra_zeros = torch.zeros(len(BATCH_LENGTHS), 5, 4)
    extra_noise = torch.rand(len(BATCH_LENGTHS), 7, 4, generator=gen)
    for extra, kind in ((extra_zeros, "5 more columns of zeros"),
                        (extra_noise, "7 more columns of random values")):
        longer = torch.cat([batch, extra], dim=1)
        ck.expect_close(_run(model, longer, lens), base,
                        f"LSTMClassifier() output after padding the batch with {kind}",
                        "the lengths did not change, so the output must not: read each sequence "
                        "at lengths[i] - 1, never at the last padded position")


def test_batch_invariance(sol):
    model = _build(sol, (4, 16), seed=3)
    batch, lens = _padded_batch(BATCH_LENGTHS, 4, seed=6)
    together = _run(model, batch, lens)
    ck.expect_tensor(together, "LSTMClassifier(4, 16) output", (len(BATCH_LENGTHS),))
    alone = torch.cat([_run(model, batch[b:b + 1, :n], lens[b:b + 1])
                       for b, n in enumerate(BATCH_LENGTHS)])
    ck.expect_close(together, alone,
                    f"each sequence's output in a batch of lengths {BATCH_LENGTHS} equal to its "
                    "output run alone",
                    "a short sequence batched with longer ones is padded: read it at its own last "
                    "valid step and return the outputs in the batch's order")


def _bilstm_parts(model):
    """BiLSTM()'s one bidirectional nn.LSTM(64, 128) and its nn.Linear(256, 1) head."""
    lstms = [m for m in model.modules() if isinstance(m, nn.LSTM)]
    ck.expect(len(lstms) == 1, "BiLSTM(): exactly one registered nn.LSTM", f"{len(lstms)}",
              "keep the LSTM as an attribute, e.g. self.lstm = nn.LSTM(64, 128, bidirectional=True, ...)")
    lstm = lstms[0]
    found = (lstm.input_size, lstm.hidden_size, lstm.num_layers, lstm.bidirectional, lstm.proj_size)
    ck.expect(found == (64, 128, 1, True, 0),
              "BiLSTM(): nn.LSTM(64, 128, bidirectional=True), one layer",
              f"input_size={found[0]}, hidden_size={found[1]}, num_layers={found[2]}, "
              f"bidirectional={found[3]}, proj_size={found[4]}",
              "the guide's sizes: 64 input features, 128 hidden units per direction, both directions")
    heads = [m for m in model.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(heads) == 1, "BiLSTM(): exactly one nn.Linear (the head)", f"{len(heads)}",
              "one nn.Linear(256, 1) on the two directions' states concatenated")
    ck.expect_linear(heads[0], 256, 1, "BiLSTM(): the head")
    return lstm, heads[0]


def _run_cell(w_ih, w_hh, bias, steps):
    """The LSTM equations (gate order i, f, g, o) over the given rows, from zero states;
    returns the state after the last row."""
    h = torch.zeros(w_hh.shape[1])
    c = torch.zeros(w_hh.shape[1])
    for row in steps:
        i_gate, f_gate, g_cand, o_gate = (w_ih @ row + w_hh @ h + bias).chunk(4)
        c = torch.sigmoid(f_gate) * c + torch.sigmoid(i_gate) * torch.tanh(g_cand)
        h = torch.sigmoid(o_gate) * torch.tanh(c)
    return h


def _trusted_bidirectional(lstm, head, batch, lengths):
    """Each sequence alone, unpadded: the forward cell reads rows 0 .. n-1, the backward cell
    (the *_reverse weights) reads rows n-1 .. 0; [forward, backward] -> head -> sigmoid."""
    weights = {name: value.detach() for name, value in lstm.named_parameters()}
    probs = []
    for seq, n_valid in zip(batch, lengths.tolist()):
        valid = seq[:n_valid]
        ahead = _run_cell(weights["weight_ih_l0"], weights["weight_hh_l0"],
                          weights["bias_ih_l0"] + weights["bias_hh_l0"], valid)
        behind = _run_cell(weights["weight_ih_l0_reverse"], weights["weight_hh_l0_reverse"],
                           weights["bias_ih_l0_reverse"] + weights["bias_hh_l0_reverse"], valid.flip(0))
        probs.append(torch.sigmoid(head.weight.detach() @ torch.cat([ahead, behind]) + head.bias.detach()))
    return torch.cat(probs)


def test_bilstm_last_valid(sol):
    model = ck.build_model(sol.BiLSTM, seed=4, what="BiLSTM()")
    lstm, head = _bilstm_parts(model)
    with torch.no_grad():  # a steeper head (same for the trusted side) so small state errors show
        head.weight.mul_(20.0)
    # two directions, each 4 gates of W_ih [128, 64], W_hh [128, 128] and two biases; head 256 + 1
    ck.expect_param_count(model, 2 * 4 * (64 * 128 + 128 * 128 + 2 * 128) + 256 + 1, "BiLSTM()")
    hint = ("forward direction: its output at lengths[i] - 1; backward direction: its state after "
            "reading from lengths[i] - 1 down to 0 (pack with enforce_sorted=False and use h_n, or "
            "unpack and take position 0); concatenate forward first, keep the batch order")
    for garbage in (False, True):
        batch, lens = _padded_batch(BATCH_LENGTHS, 64, seed=9, one_hot=False, garbage=garbage)
        out = _run(model, batch, lens)
        ck.expect_tensor(out, "BiLSTM() output", (len(BATCH_LENGTHS),), torch.float32)
        kind = "non-zero garbage" if garbage else "zeros"
        ck.expect_close(out, _trusted_bidirectional(lstm, head, batch, lens),
                        f"BiLSTM() on a batch of lengths {BATCH_LENGTHS} padded with {kind}", hint)


def _adam_fit(model, batch, lens, labels, epochs=80, lr=0.05):
    adam = torch.optim.Adam(list(model.parameters()), lr)
    model.train()
    for _step in range(epochs):
        adam.zero_grad()
        loss = nn.functional.binary_cross_entropy(model(batch, lens.clone()), labels)
        loss.backward()
        adam.step()
    return loss.item()


def test_learns(sol):
    sequences, labels, _ = motif_length_dataset(360, 6, 16, seed=100)
    batch, lens = pad_one_hot(sequences)
    model = _build(sol, None, seed=0)
    start = _run(model, batch[:160], lens[:160])
    ck.expect(bool(((start >= 0) & (start <= 1)).all()), "probabilities in [0, 1] to train with BCE",
              f"values from {start.min().item():.3g} to {start.max().item():.3g}",
              "end with a sigmoid of the head's output")
    ck.seeded_training(0, _adam_fit, model, batch[:160], lens[:160], labels[:160])
    held_out = _run(model, batch[160:], lens[160:])
    accuracy = ((held_out > 0.5).float() == labels[160:]).float().mean().item()
    ck.expect(accuracy >= 0.75,
              "held-out accuracy >= 0.75 on 200 sequences (TATA or not, 6-16 bp) after 80 "
              "full-batch Adam steps at lr=0.05 on 160 others",
              f"{accuracy:.3f}", "check the LSTM (batch_first), the last valid step and the head")


class _WithLengths(nn.Module):
    """Calls the student's model with fixed CPU lengths, so the device checks can pass one
    input tensor."""

    def __init__(self, model, lengths):
        super().__init__()
        self.model = model
        self.lengths = tuple(lengths)

    def forward(self, batch):
        return self.model(batch, torch.tensor(self.lengths, dtype=torch.int64))


def test_follows_device(sol):
    batch, _ = _padded_batch(BATCH_LENGTHS, 4, seed=7)
    ck.expect_follows_device(lambda: _WithLengths(_build(sol, (4, 16)), BATCH_LENGTHS), batch,
                             "LSTMClassifier(4, 16) (lengths on the CPU)")


def test_cuda_parity(sol):
    batch, _ = _padded_batch(BATCH_LENGTHS, 4, seed=8)
    ck.expect_cuda_parity(lambda: _WithLengths(_build(sol, None), BATCH_LENGTHS), batch,
                          "LSTMClassifier() (lengths on the CPU)")
