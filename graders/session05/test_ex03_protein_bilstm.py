"""Graders: session 5, exercise 3 (ProteinLSTM: a bidirectional LSTM, logits per residue)."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session05 import pad_indices, protein_structure_dataset

# (vocab_size, hidden_size, bidirectional)
SIZES = [(20, 8, True), (23, 5, False), (21, 12, True), (20, 6, False)]
SHAPE_HINT = ("with bidirectional=True the LSTM returns 2 * hidden_size features per position: "
              "the Linear layer takes 2 * hidden_size inputs (hidden_size when bidirectional=False)")


def _per_direction(inputs, hidden):
    return 4 * hidden * (inputs + hidden) + 8 * hidden


def _expected_count(vocab, hidden, both):
    ways = 2 if both else 1
    return vocab * 64 + ways * _per_direction(64, hidden) + (ways * hidden + 1) * 3


def _build(sol, vocab, hidden, both, seed=0):
    return ck.build_model(sol.ProteinLSTM, vocab_size=vocab, hidden_size=hidden, bidirectional=both,
                          seed=seed, what=f"ProteinLSTM({vocab}, {hidden}, bidirectional={both})")


def _the_one(model, kind, what):
    found = [m for m in model.modules() if isinstance(m, kind)]
    ck.expect(len(found) == 1, f"exactly one registered nn.{kind.__name__} in {what}",
              f"{len(found)}", "the model is Embedding -> LSTM -> Linear, each an attribute")
    return found[0]


def _layers(model, what):
    return (_the_one(model, nn.Embedding, what), _the_one(model, nn.LSTM, what),
            _the_one(model, nn.Linear, what))


def _fitting_layers(model, what):
    """The three layers, the Linear one reading the LSTM's whole output at a position."""
    table, lstm, head = _layers(model, what)
    width = lstm.hidden_size * (2 if lstm.bidirectional else 1)
    ck.expect(head.in_features == width, f"the Linear layer of {what} to read all {width} LSTM "
              "features of a position", f"nn.Linear({head.in_features}, {head.out_features})",
              SHAPE_HINT + "; feed it the LSTM's whole output, both halves")
    return table, lstm, head


def _logits(model, tokens, what, training=False):
    """The model's output (eval mode without gradients unless ``training``), a shape
    error in forward told as a failed check."""
    model.train(training)
    try:
        with torch.set_grad_enabled(training):
            return model(tokens)
    except RuntimeError as err:
        raise ck.CheckFailure(f"{what} to run on int64 residue indices {tuple(tokens.shape)}",
                              f"RuntimeError: {err}", SHAPE_HINT) from None


def _tokens(batch, length, vocab, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, vocab, (batch, length), generator=g)


def _cell_steps(series, lstm, suffix):
    """The LSTM equations one position at a time over ``series`` [B, T, in] (gates i, f, g, o)."""
    w_in, w_rec = getattr(lstm, "weight_ih_l0" + suffix), getattr(lstm, "weight_hh_l0" + suffix)
    bias = getattr(lstm, "bias_ih_l0" + suffix) + getattr(lstm, "bias_hh_l0" + suffix)
    size = w_rec.shape[1]
    state = series.new_zeros(series.shape[0], size)
    memory = series.new_zeros(series.shape[0], size)
    states = []
    for step in range(series.shape[1]):
        pre = series[:, step] @ w_in.T + state @ w_rec.T + bias
        gate_i, gate_f = torch.sigmoid(pre[:, :size]), torch.sigmoid(pre[:, size:2 * size])
        cand, gate_o = torch.tanh(pre[:, 2 * size:3 * size]), torch.sigmoid(pre[:, 3 * size:])
        memory = gate_f * memory + gate_i * cand
        state = gate_o * torch.tanh(memory)
        states.append(state)
    return torch.stack(states, dim=1)


def _trusted_logits(model, tokens, what):
    table, lstm, head = _fitting_layers(model, what)
    with torch.no_grad():
        vectors = table.weight[tokens]
        parts = [_cell_steps(vectors, lstm, "")]
        if lstm.bidirectional:
            parts.append(_cell_steps(vectors.flip(1), lstm, "_reverse").flip(1))
        return torch.cat(parts, dim=-1) @ head.weight.T + head.bias


def test_architecture(sol):
    for vocab, hidden, both in SIZES:
        what = f"ProteinLSTM({vocab}, {hidden}, bidirectional={both})"
        table, lstm, head = _layers(_build(sol, vocab, hidden, both), what)
        ck.expect((table.num_embeddings, table.embedding_dim) == (vocab, 64),
                  f"nn.Embedding({vocab}, 64) in {what}",
                  f"nn.Embedding({table.num_embeddings}, {table.embedding_dim})",
                  "one 64-number vector per residue index: nn.Embedding(vocab_size, 64)")
        ck.expect(table.padding_idx is None, f"an embedding without padding_idx in {what}",
                  f"padding_idx={table.padding_idx}",
                  "index 0 is alanine, a real residue: do not freeze its vector at zero")
        found = (lstm.input_size, lstm.hidden_size, lstm.num_layers, lstm.bias, lstm.bidirectional)
        ck.expect(found == (64, hidden, 1, True, both),
                  f"nn.LSTM(64, {hidden}, bidirectional={both}), one layer with biases, in {what}",
                  "nn.LSTM(input_size={}, hidden_size={}, num_layers={}, bias={}, bidirectional={})"
                  .format(*found),
                  "pass hidden_size and the bidirectional argument on to nn.LSTM; its input is "
                  "the 64-number embedding")
        ck.expect_linear(head, (2 if both else 1) * hidden, 3, f"the Linear layer of {what}")


def test_param_count(sol):
    default = ck.build_model(sol.ProteinLSTM, what="ProteinLSTM()")
    ck.expect_param_count(default, 200_707, "ProteinLSTM() (defaults 20, 128, bidirectional=True)")
    for vocab, hidden, both in SIZES + [(20, 128, False), (25, 32, True)]:
        ck.expect_param_count(_build(sol, vocab, hidden, both), _expected_count(vocab, hidden, both),
                              f"ProteinLSTM({vocab}, {hidden}, bidirectional={both})")


def test_per_residue_logits(sol):
    cases = [(size, batch, length) for size, batch, length in
             zip(SIZES, [3, 2, 1, 4], [7, 1, 1, 9])]
    proteins, _ = protein_structure_dataset(3, 15, 15, seed=4)
    for (vocab, hidden, both), batch, length in cases + [((20, 128, True), 3, 15)]:
        what = f"ProteinLSTM({vocab}, {hidden}, bidirectional={both})"
        model = _build(sol, vocab, hidden, both, seed=length)
        tokens = pad_indices(proteins)[0] if length == 15 else _tokens(batch, length, vocab, seed=hidden)
        out = _logits(model, tokens, what)
        ck.expect_tensor(out, f"{what} logits for residue indices {tuple(tokens.shape)}",
                         (batch, length, 3),
                         hint="one row of 3 logits per residue: apply the Linear layer to the LSTM "
                              "output at every position (not only the last one)")
        ck.expect_close(out, _trusted_logits(model, tokens, what), f"{what} logits",
                        "embedding, then nn.LSTM(..., batch_first=True) over the positions, then "
                        "the Linear layer on its whole output; no softmax (logits, not probabilities)")


def _changes(model, tokens, position, vocab, what):
    """How much each position's logits move when the residue at ``position`` changes."""
    other = tokens.clone()
    other[:, position] = (other[:, position] + 7) % vocab
    before, after = _logits(model, tokens, what), _logits(model, other, what)
    ck.expect_tensor(before, f"{what} logits", (*tokens.shape, 3),
                     hint="one row of 3 logits per residue")
    return (after - before).abs().amax(dim=(0, 2))


def _direction_run(lstm, series, suffix):
    """A one-way nn.LSTM of the graders' own with one direction's weights of ``lstm``."""
    one_way = nn.LSTM(lstm.input_size, lstm.hidden_size, batch_first=True)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(one_way, name + "_l0").copy_(getattr(lstm, f"{name}_l0{suffix}"))
        return one_way(series)[0]


def test_both_directions(sol):
    proteins, _ = protein_structure_dataset(2, 12, 12, seed=9)
    tokens = pad_indices(proteins)[0]
    middle = 6
    what = "ProteinLSTM(20, 8, bidirectional=True)"
    model = _build(sol, 20, 8, True, seed=2)
    moved = _changes(model, tokens, middle, 20, what)
    ck.expect(bool((moved[:middle] > 1e-6).all()),
              f"{what}: the logits at positions 0..{middle - 1} to change when residue {middle} changes",
              f"largest changes per position {[round(v, 8) for v in moved[:middle].tolist()]}",
              "the backward direction reads the residues after each position: "
              "nn.LSTM(..., batch_first=True, bidirectional=True), and its whole output, as it "
              "comes (nothing flipped), into the Linear layer")
    ck.expect(bool((moved[middle:] > 1e-6).all()),
              f"{what}: the logits at positions {middle}..11 to change when residue {middle} changes",
              f"largest changes per position {[round(v, 8) for v in moved[middle:].tolist()]}",
              "the forward direction carries each residue on to the later positions "
              "(batch_first=True: dimension 1 of [B, L, 64] is the position)")

    one_way = "ProteinLSTM(20, 8, bidirectional=False)"
    moved = _changes(_build(sol, 20, 8, False, seed=2), tokens, middle, 20, one_way)
    ck.expect(bool((moved[:middle] <= 1e-6).all()) and bool((moved[middle:] > 1e-6).all()),
              f"{one_way}: only positions {middle}..11 to change when residue {middle} changes",
              f"largest changes per position {[round(v, 8) for v in moved.tolist()]}",
              "with bidirectional=False the LSTM reads left to right only: pass the argument on")

    table, lstm, head = _fitting_layers(model, what)
    with torch.no_grad():
        series = table.weight[tokens]
        ahead = _direction_run(lstm, series, "")
        back = _direction_run(lstm, series.flip(1), "_reverse")
        trusted = F.linear(torch.cat([ahead, back.flip(1)], dim=-1), head.weight, head.bias)
        unflipped = F.linear(torch.cat([ahead, back], dim=-1), head.weight, head.bias)
    out = _logits(model, tokens, what)
    if out.shape == unflipped.shape and torch.allclose(out, unflipped, rtol=1e-4, atol=1e-5):
        raise ck.CheckFailure(f"{what}: the backward half in position order",
                              "the backward half in reversed order",
                              "nn.LSTM already returns the backward outputs aligned with the "
                              "positions: do not flip them")
    ck.expect_close(out, trusted, f"{what} logits vs Linear(concat(forward run, backward run))",
                    "the Linear layer on the LSTM's full output: forward half first, then the "
                    "backward half, both in position order")


def test_learns(sol):
    proteins, labels = protein_structure_dataset(200, 24, 24, seed=3)
    tokens, target = pad_indices(proteins)[0], torch.stack(labels)
    model = ck.build_model(sol.ProteinLSTM, hidden_size=16, seed=3, what="ProteinLSTM(hidden_size=16)")
    adam = torch.optim.Adam(model.parameters(), lr=0.05)
    for _ in range(25):
        scores = _logits(model, tokens[:120], "ProteinLSTM(hidden_size=16)", training=True)
        ck.expect_tensor(scores, "ProteinLSTM(hidden_size=16) logits", (120, 24, 3),
                         hint="one row of 3 logits per residue")
        loss = F.cross_entropy(scores.reshape(-1, 3), target[:120].reshape(-1))
        adam.zero_grad()
        loss.backward()
        adam.step()
    guesses = _logits(model, tokens[120:], "ProteinLSTM(hidden_size=16)").argmax(dim=-1)
    accuracy = (guesses == target[120:]).float().mean().item()
    ck.expect(accuracy >= 0.75, "per-residue accuracy >= 0.75 on 80 held-out proteins after 25 Adam steps",
              f"{accuracy:.3f}", "logits (no softmax) for every residue, from both directions")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _build(sol, 20, 8, True), _tokens(2, 5, 20, seed=1),
                             "ProteinLSTM(20, 8, bidirectional=True)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.build_model(sol.ProteinLSTM, what="ProteinLSTM()"),
                          _tokens(4, 30, 20, seed=2), "ProteinLSTM()")
