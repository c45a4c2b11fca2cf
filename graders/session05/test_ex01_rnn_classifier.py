"""Graders: session 5, exercise 1 (rnn_cell_step, RNNClassifier)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session05 import gc_class_dataset, pad_one_hot

SIZES = [(4, 32), (4, 8), (6, 16), (3, 5)]
TRAIN_N, TEST_N, LENGTH, DATA_SEED = 400, 200, 30, 5
STEPS, LR, ACCURACY_BAR = 100, 0.005, 0.85
CELL_HINT = ("h_new = act(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh): PyTorch stores "
             "weights as [out, in], so multiply by the transpose; add both biases; tanh unless "
             "nonlinearity='relu'")


def expected_count(input_size, hidden_size):
    """nn.RNN: W_ih, W_hh and two biases; Linear(hidden, 1): weights and one bias."""
    return hidden_size * input_size + hidden_size ** 2 + 2 * hidden_size + (hidden_size + 1)


def _model(sol, input_size=None, hidden_size=None, seed=0):
    if input_size is None:
        return ck.build_model(sol.RNNClassifier, seed=seed, what="RNNClassifier()")
    return ck.build_model(sol.RNNClassifier, input_size, hidden_size, seed=seed,
                          what=f"RNNClassifier({input_size}, {hidden_size})")


def _one_hot_batch(batch, length, seed, channels=4):
    """Random one-hot rows from the grader's own generator."""
    g = torch.Generator().manual_seed(seed)
    picks = torch.randint(0, channels, (batch, length), generator=g)
    return F.one_hot(picks, channels).float()


def _layers(model, input_size, hidden_size, what):
    rnns = [m for m in model.modules() if isinstance(m, nn.RNNBase)]
    ck.expect(len(rnns) == 1 and type(rnns[0]) is nn.RNN, f"{what} to hold exactly one nn.RNN",
              ", ".join(type(m).__name__ for m in rnns) or "no recurrent layer among its registered layers",
              "keep one nn.RNN(input_size, hidden_size, batch_first=True) as an attribute "
              "(not nn.LSTM, nn.GRU or a loop of nn.RNNCell)")
    rnn = rnns[0]
    found = dict(input_size=rnn.input_size, hidden_size=rnn.hidden_size, batch_first=rnn.batch_first,
                 num_layers=rnn.num_layers, nonlinearity=rnn.nonlinearity, bias=rnn.bias,
                 bidirectional=rnn.bidirectional)
    wanted = dict(input_size=input_size, hidden_size=hidden_size, batch_first=True, num_layers=1,
                  nonlinearity="tanh", bias=True, bidirectional=False)
    ck.expect(found == wanted, f"{what}: nn.RNN with {wanted}", str(found),
              "nn.RNN(input_size, hidden_size, batch_first=True): inputs are [B, L, features]; "
              "keep the defaults (one layer, tanh, biases, one direction)")
    heads = [m for m in model.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(heads) == 1, f"{what} to hold exactly one nn.Linear", f"{len(heads)}",
              "one nn.Linear(hidden_size, 1) after the RNN")
    ck.expect_linear(heads[0], hidden_size, 1, f"the Linear layer of {what}")
    return rnn, heads[0]


def _stepwise(rnn, head, x):
    """Position by position, with F.linear and the RNN's own weights: sigmoid(head(h_L))."""
    state = x.new_zeros(x.shape[0], rnn.hidden_size)
    for t in range(x.shape[1]):
        state = torch.tanh(F.linear(x[:, t], rnn.weight_ih_l0, rnn.bias_ih_l0)
                           + F.linear(state, rnn.weight_hh_l0, rnn.bias_hh_l0))
    return torch.sigmoid(head(state))[:, 0]


def test_rnn_cell_step(sol):
    def check(case):
        batch, n_in, n_hidden, nonlinearity, seed = case
        g = torch.Generator().manual_seed(seed)
        cell = ck.seeded(seed, nn.RNNCell, n_in, n_hidden, nonlinearity=nonlinearity or "tanh")
        with torch.no_grad():  # biases large enough that leaving one out shows
            cell.bias_ih.copy_(torch.randn(n_hidden, generator=g))
            cell.bias_hh.copy_(torch.randn(n_hidden, generator=g))
        x, h = torch.randn(batch, n_in, generator=g), torch.randn(batch, n_hidden, generator=g)
        params = (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
        with torch.no_grad():
            trusted = cell(x, h)
            if nonlinearity is None:
                found, call = sol.rnn_cell_step(x, h, *params), "nonlinearity left out"
            else:
                found, call = sol.rnn_cell_step(x, h, *params, nonlinearity=nonlinearity), \
                    f"nonlinearity={nonlinearity!r}"
        what = f"rnn_cell_step(x [{batch}, {n_in}], h [{batch}, {n_hidden}], ..., {call})"
        ck.expect_tensor(found, what, (batch, n_hidden))
        hint = CELL_HINT + ("; the default nonlinearity is 'tanh'" if nonlinearity is None else "")
        ck.expect_close(found, trusted, f"{what} vs nn.RNNCell with the same weights", hint)

    ck.for_all(st.tuples(st.integers(1, 5), st.integers(1, 7), st.integers(1, 7),
                         st.sampled_from([None, "tanh", "relu"]), st.integers(0, 10_000)), check)
    g = torch.Generator().manual_seed(1)
    args = (torch.randn(2, 3, generator=g), torch.randn(2, 4, generator=g), torch.randn(4, 3, generator=g),
            torch.randn(4, 4, generator=g), torch.randn(4, generator=g), torch.randn(4, generator=g))
    for bad in ("sigmoid", "Tanh"):
        ck.expect_raises(lambda: sol.rnn_cell_step(*args, nonlinearity=bad), ValueError,
                         f"rnn_cell_step(..., nonlinearity={bad!r})",
                         "accept exactly 'tanh' and 'relu'; raise ValueError for anything else")


def test_architecture(sol):
    for input_size, hidden_size in [(None, None), *SIZES[1:]]:
        model = _model(sol, input_size, hidden_size)
        n_in, n_hidden = (input_size or 4), (hidden_size or 32)
        what = "RNNClassifier()" if input_size is None else f"RNNClassifier({n_in}, {n_hidden})"
        ck.expect_registered(model, what)
        rnn, head = _layers(model, n_in, n_hidden, what)
        x = _one_hot_batch(6, 9, seed=n_hidden, channels=n_in)
        with torch.no_grad():
            found = model.eval()(x)
            trusted = _stepwise(rnn, head, x)
        ck.expect_tensor(found, f"{what} output for 6 sequences of length 9", (6,))
        ck.expect_close(found, trusted, f"{what} output",
                        "run the RNN batch first from a zero state, take the hidden state after "
                        "the LAST position (output[:, -1]), then the Linear layer and a sigmoid")


def test_param_count(sol):
    ck.expect_param_count(_model(sol), 1_249, "RNNClassifier() (defaults input_size=4, hidden_size=32)")
    for input_size, hidden_size in SIZES:
        ck.expect_param_count(_model(sol, input_size, hidden_size), expected_count(input_size, hidden_size),
                              f"RNNClassifier({input_size}, {hidden_size})")


def test_output_shape(sol):
    for model, what in ((_model(sol), "RNNClassifier()"), (_model(sol, 4, 8), "RNNClassifier(4, 8)")):
        model.eval()
        for batch in (1, 2, 5):
            for length in (1, 7, 30):
                with torch.no_grad():
                    out = model(_one_hot_batch(batch, length, seed=batch * 31 + length))
                call = f"{what} on a batch [{batch}, {length}, 4]"
                ck.expect_tensor(out, call, (batch,),
                                 hint="one probability per sequence: .squeeze(-1) (not .squeeze(), "
                                      "which also drops the batch dimension when B = 1)")
                ck.expect(bool(((out > 0) & (out < 1)).all()), f"{call}: probabilities in (0, 1)",
                          f"values from {out.min().item():.3g} to {out.max().item():.3g}",
                          "end with a sigmoid")


def test_learns(sol):
    sequences, labels = gc_class_dataset(TRAIN_N + TEST_N, LENGTH, seed=DATA_SEED)
    onehot, _ = pad_one_hot(sequences)
    fit_x, fit_y = onehot[:TRAIN_N], labels[:TRAIN_N]
    model = _model(sol, seed=1)
    with torch.no_grad():
        start = model(fit_x)
    ck.expect_tensor(start, f"RNNClassifier() output for {TRAIN_N} sequences", (TRAIN_N,))
    ck.expect(bool(((start >= 0) & (start <= 1)).all()), "probabilities in [0, 1] to train with BCE",
              f"values from {start.min().item():.3g} to {start.max().item():.3g}", "end with a sigmoid")
    adam = torch.optim.Adam(model.parameters(), lr=LR)
    model.train()
    for _ in range(STEPS):
        adam.zero_grad()
        F.binary_cross_entropy(model(fit_x), fit_y).backward()
        adam.step()
    model.eval()
    with torch.no_grad():
        scores = model(onehot[TRAIN_N:])
    hits = ((scores > 0.5).float() == labels[TRAIN_N:]).float().mean().item()
    ck.expect(hits >= ACCURACY_BAR,
              f"RNNClassifier() after {STEPS} full-batch Adam steps (lr {LR}) on {TRAIN_N} sequences: "
              f"held-out accuracy >= {ACCURACY_BAR} on {TEST_N} others", f"{hits:.3f}",
              "batch_first=True, the hidden state after the last position, a sigmoid at the end")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _model(sol, 4, 8), _one_hot_batch(3, 10, seed=4), "RNNClassifier(4, 8)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _model(sol), _one_hot_batch(16, 30, seed=5), "RNNClassifier()")
