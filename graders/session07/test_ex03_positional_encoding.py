"""Graders: session 7, exercise 3 (sinusoidal positional encoding, stored as a buffer)."""
import math
import re

import torch
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session07 import encode_bases, random_dna

DEFAULT_MAX_LEN = 512
ATOL = 5e-4  # float32 implementations: <= 7e-5 from the float64 table at max_len 600 (see the spec)
FORMULA = ("PE[pos, 2i] = sin(pos / 10000 ** (2i / d_model)), PE[pos, 2i + 1] = cos(the same angle): "
           "even columns sines, odd columns cosines, one angle per pair of columns")
BUFFER_HINT = ('build the table once in __init__ and keep it with self.register_buffer("pe", table) '
               "(not nn.Parameter, not a plain attribute, not persistent=False)")
FORWARD_HINT = ("return x + self.pe[:L] with L = x.size(1) (batch first: positions are dim 1), "
                "a new tensor: no in-place x += ...")


def _loop_table(max_len, d_model):
    """The closed form, one entry at a time in float64 (small tables)."""
    rows = []
    for pos in range(max_len):
        row = []
        for col in range(d_model):
            angle = pos / 10000 ** ((col - col % 2) / d_model)
            row.append(math.sin(angle) if col % 2 == 0 else math.cos(angle))
        rows.append(row)
    return torch.tensor(rows, dtype=torch.float64).reshape(max_len, d_model)


def _angles(max_len, d_model, exponent_cols):
    pos = torch.arange(max_len, dtype=torch.float64)[:, None]
    return pos / 10000.0 ** (exponent_cols.double()[None, :] / d_model)


def _closed_form(max_len, d_model):
    """The closed form vectorised in float64: column c uses the angle of its pair, c - c % 2."""
    cols = torch.arange(d_model)
    angle = _angles(max_len, d_model, cols - cols % 2)
    return torch.where(cols % 2 == 0, angle.sin(), angle.cos())


def _usual_mistakes(max_len, d_model):
    """Tables of the usual wrong formulas, to name a mistake in a failure message."""
    cols = torch.arange(d_model)
    pair_angle = _angles(max_len, d_model, cols - cols % 2)
    col_angle = _angles(max_len, d_model, cols)
    halves = _angles(max_len, d_model, torch.arange(0, d_model, 2))
    return {
        "sin and cos swapped (even columns must hold the sines)":
            torch.where(cols % 2 == 0, pair_angle.cos(), pair_angle.sin()),
        "all sines first, then all cosines (the columns must interleave: sin, cos, sin, cos, ...)":
            torch.cat([halves.sin(), halves.cos()], dim=1),
        "the column index in the exponent (columns 2i and 2i + 1 share the exponent 2i / d_model)":
            torch.where(cols % 2 == 0, col_angle.sin(), col_angle.cos()),
    }


def _diagnose(table, max_len, d_model):
    found = ck.base.plain(table).detach().cpu().double()
    for mistake, wrong in _usual_mistakes(max_len, d_model).items():
        if torch.allclose(found, wrong, rtol=0, atol=ATOL):
            return f"this table is the one for {mistake}; {FORMULA}"
    return FORMULA


def _build(sol, d_model, max_len=None):
    """PositionalEncoding(d_model), or PositionalEncoding(d_model, max_len=max_len)."""
    kwargs = {} if max_len is None else {"max_len": max_len}
    what = f"PositionalEncoding({d_model}" + ("" if max_len is None else f", max_len={max_len}") + ")"
    return ck.build_model(sol.PositionalEncoding, d_model, what=what, **kwargs), what


def _table(model, what, max_len, d_model):
    pe = getattr(model, "pe", None)
    ck.expect_tensor(pe, f"{what}.pe", (max_len, d_model), torch.float32,
                     f"the table is float32 [max_len, d_model] = [{max_len}, {d_model}], no leading "
                     "dimension of 1; " + BUFFER_HINT)
    return pe


def _expect_table(model, what, max_len, d_model, trusted):
    pe = _table(model, what, max_len, d_model)
    try:
        ck.expect_close(pe, trusted, f"{what}.pe", FORMULA, rtol=0, atol=ATOL)
    except ck.CheckFailure as failure:  # name the mistake only when there is one
        raise ck.CheckFailure(failure.expected, failure.found, _diagnose(pe, max_len, d_model)) from None


def _forward(model, x, what):
    """model(x); any error but NotImplementedError becomes a failed check."""
    try:
        return model(x)
    except NotImplementedError:
        raise
    except Exception as err:  # noqa: BLE001 - the student's error, told as a failed check
        raise ck.CheckFailure(f"{what} to return x + pe[:L]", f"{type(err).__name__}: {err}",
                              FORWARD_HINT) from None


def _randn(shape, seed):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def test_closed_form(sol):
    model, what = _build(sol, 4, 3)  # a plain case first, small enough to write out
    _expect_table(model, what, 3, 4, _loop_table(3, 4))
    model, what = _build(sol, 16)
    _expect_table(model, what + " (default max_len=512)", DEFAULT_MAX_LEN, 16,
                  _closed_form(DEFAULT_MAX_LEN, 16))

    def check(case):
        half, max_len = case
        model, what = _build(sol, 2 * half, max_len)
        _expect_table(model, what, max_len, 2 * half, _closed_form(max_len, 2 * half))

    ck.for_all(st.tuples(st.integers(1, 32), st.integers(1, 600)), check, max_examples=30)


def test_buffer_not_parameter(sol):
    model, what = _build(sol, 12)
    params = [name for name, _ in model.named_parameters()]
    ck.expect(not params and ck.count_parameters(model) == 0,
              f"{what} to have no parameters (0: the encoding is fixed, nothing to train)",
              f"parameters {params} ({ck.count_parameters(model):,} numbers)", BUFFER_HINT)
    buffers = dict(model.named_buffers())
    ck.expect("pe" in buffers, f'{what} to have a buffer named "pe" (named_buffers())',
              f"buffers {sorted(buffers)}", BUFFER_HINT)
    state = model.state_dict()
    ck.expect("pe" in state, f'{what}.state_dict() to hold the table under the key "pe"',
              f"keys {sorted(state)}",
              "register_buffer is persistent by default: do not pass persistent=False")
    ck.expect_tensor(state["pe"], f'{what}.state_dict()["pe"] (default max_len=512)',
                     (DEFAULT_MAX_LEN, 12), torch.float32,
                     "float32 [max_len, d_model], with max_len=512 when it is not given")
    ck.expect(not state["pe"].requires_grad and not buffers["pe"].requires_grad,
              f"{what}.pe with requires_grad=False", "requires_grad=True",
              "a buffer needs no gradient: do not call requires_grad_() on it")
    model = model.to(torch.float64)
    moved = dict(model.named_buffers()).get("pe")
    ck.expect_tensor(moved, f'the "pe" buffer of {what}.to(torch.float64)', (DEFAULT_MAX_LEN, 12),
                     torch.float64, "a registered buffer is converted by .to(dtype); " + BUFFER_HINT)
    x = _randn((2, 7, 12), seed=11).double()
    call = f"{what}.to(torch.float64) on float64 [2, 7, 12]"
    out = _forward(model, x.clone(), call)
    ck.expect_tensor(out, call, (2, 7, 12), torch.float64,
                     "return x + self.pe[:L]: do not convert to float32 in forward")
    ck.expect_close(out, x + ck.base.plain(moved).detach()[:7], f"{call}: x + its converted pe[:7]",
                    "add the registered buffer self.pe (which .to() converted), not a copy kept elsewhere")


def _expect_adds(sol, d_model, max_len, x, what_x):
    model, what = _build(sol, d_model, max_len)
    before = x.detach().clone()
    call = f"{what} on {what_x}"
    out = _forward(model, x, call)
    ck.expect_tensor(out, call, tuple(x.shape), torch.float32, FORWARD_HINT)
    ck.expect(torch.equal(x.detach(), before), f"{call} to leave x unchanged", "x was changed in place",
              "return x + pe[:L], a new tensor: no x += ..., x.add_(...) or x[...] = ...")
    length = x.shape[1]
    ck.expect_close(out, before.double() + _closed_form(length, d_model), f"{call}: x + PE[:{length}]",
                    FORWARD_HINT + "; the same rows for every sequence of the batch", rtol=0, atol=ATOL)
    return out


def test_adds_to_input(sol):
    tokens = encode_bases(random_dna(3, 40, seed=7))  # a plain case first: embeddings of real tokens
    embedding = ck.seeded(0, nn.Embedding, 5, 16)
    with torch.no_grad():
        x = embedding(tokens).requires_grad_()  # a leaf [3, 40, 16]
    out = _expect_adds(sol, 16, 64, x, "the embeddings of 3 random 40-bp DNA sequences [3, 40, 16]")
    ck.expect(out.requires_grad, "the output to carry gradients back to the embeddings",
              "requires_grad=False", "no .detach(), torch.no_grad() or rebuilding from numbers in forward")
    w = _randn((3, 40, 16), seed=8)
    out.backward(w)
    ck.expect_close(x.grad, w, "the gradient reaching x from out.backward(w)",
                    "x + pe[:L] passes gradients to x unchanged: the table is a constant")

    def check(case):
        batch, half, (max_len, length), seed = case
        x = _randn((batch, length, 2 * half), seed)
        _expect_adds(sol, 2 * half, max_len, x, f"random x [{batch}, {length}, {2 * half}]")

    lengths = st.integers(1, 64).flatmap(lambda m: st.tuples(st.just(m), st.integers(1, m)))
    ck.for_all(st.tuples(st.integers(1, 4), st.integers(1, 16), lengths, st.integers(0, 10_000)),
               check, max_examples=30)


def test_any_length(sol):
    hint = ("every L from 1 to max_len (512 by default) is allowed, L == max_len included: raise only "
            "when L > max_len; " + FORWARD_HINT)
    for (d_model, max_len, batch), lengths in (((8, None, 2), (1, 2, 37, 300, 511)), ((6, 10, 1), (1, 9)),
                                                ((6, 10, 5), (1, 9))):
        model, what = _build(sol, d_model, max_len)
        full_len = max_len or DEFAULT_MAX_LEN
        x = _randn((batch, full_len, d_model), seed=full_len + batch)
        shape = f"[{batch}, {full_len}, {d_model}]"
        if max_len is None:
            what += " (default max_len=512)"
        full = _forward(model, x.clone(), f"{what} on {shape} (L == max_len)")
        ck.expect_tensor(full, f"{what} on {shape} (L == max_len)", tuple(x.shape), torch.float32, hint)
        for length in lengths:
            call = f"{what} on x[:, :{length}] of a {shape} input x"
            out = _forward(model, x[:, :length].clone(), call)
            ck.expect_tensor(out, call, (batch, length, d_model), torch.float32, hint)
            ck.expect_close(out, full[:, :length], f"{call} vs the first {length} positions of its output "
                            "on the whole x", "position p gets row p of the table whatever the length: "
                            + FORWARD_HINT)


def _names(message, *numbers):
    return all(re.search(rf"(?<!\d){n}(?!\d)", message) for n in numbers)


def test_too_long(sol):
    cases = ((8, None, (2, 513, 8)), (6, 20, (3, 21, 6)), (6, 20, (1, 40, 6)))
    for d_model, max_len, shape in cases:
        model, what = _build(sol, d_model, max_len)
        limit = max_len or DEFAULT_MAX_LEN
        call = f"{what} on [{', '.join(map(str, shape))}] (L={shape[1]} > max_len={limit})"
        error = ck.expect_raises(lambda: model(_randn(shape, seed=shape[1])), ValueError, call,
                                 "check L = x.size(1) against the table's length first and raise "
                                 "ValueError: no silent truncation")
        ck.expect(_names(str(error), shape[1], limit),
                  f"the ValueError of {call} to name L={shape[1]} and max_len={limit}", repr(str(error)),
                  'e.g. raise ValueError(f"sequence length L={L} exceeds max_len={max_len}")')
    for d_model, kwargs in ((7, {}), (5, {"max_len": 10})):
        what = f"PositionalEncoding({d_model}" + (", max_len=10)" if kwargs else ")")
        ck.expect_raises(lambda: ck.seeded(0, sol.PositionalEncoding, d_model, **kwargs), ValueError,
                         f"{what} (odd d_model)", "raise ValueError in __init__ when d_model % 2 != 0")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _build(sol, 8, 32)[0], _randn((2, 10, 8), seed=1),
                             "PositionalEncoding(8, max_len=32)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _build(sol, 16)[0], _randn((3, 300, 16), seed=2), "PositionalEncoding(16)")
