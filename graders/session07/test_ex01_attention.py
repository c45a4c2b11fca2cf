"""Graders: session 7, exercise 1 (scaled dot-product attention: weights, masks, causal)."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck

RTOL, ATOL = 1e-4, 1e-5  # weights (in [0, 1])
OUT_ATOL = GRAD_ATOL = 1e-4  # outputs and gradients (values up to about 10)
CALL_HINT = ("scaled_dot_product_attention(Q, K, V, mask=None, is_causal=False) returns a tuple "
             "(output [..., Lq, d_v], weights [..., Lq, Lk]) in the dtype of the inputs")
SCALE_HINT = ("scores = Q @ K.transpose(-2, -1) / sqrt(d_k) with d_k = Q.size(-1) (not d_k, not d_v), "
              "softmax over the LAST dimension (the keys), output = weights @ V; transpose with "
              ".transpose(-2, -1), not .T, so that leading dimensions work")
BOOL_HINT = ("a bool mask marks with True the keys a query MAY attend: set the scores where the mask is "
             "False to -inf BEFORE the softmax (masked_fill(~mask, float('-inf'))), not 0, and do not "
             "multiply the weights after the softmax")
ADD_HINT = ("a float mask is ADDED to the scores before the softmax (scores + mask; it may hold -inf); "
            "do not multiply by it, do not read it as True/False")
CAUSAL_HINT = ("is_causal=True: query i attends keys j <= i only, top-left aligned "
               "(torch.ones(Lq, Lk, dtype=torch.bool, device=Q.device).tril()), also when Lq != Lk; "
               "with a mask as well, a key must be allowed by both")
DEAD_HINT = ("a query with every key masked: find such rows (all scores -inf), replace their scores "
             "(e.g. by 0) before the softmax and set their weights to 0 afterwards (torch.where / "
             "masked_fill), so that no NaN appears, in the output or in the gradients")

dims = st.lists(st.integers(1, 3), max_size=2)  # leading (batch / head) dimensions: none, one or two


def _qkv(lead, n_q, n_k, d_k, d_v, scale, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return tuple((scale * torch.randn(*lead, n, d, generator=g, dtype=torch.float64)).to(dtype)
                 for n, d in ((n_q, d_k), (n_k, d_k), (n_k, d_v)))


def _allowed(mask, causal, n_q, n_k):
    """The bool mask the graders compare with: True where a query may attend a key (None: all)."""
    allowed = None
    if mask is not None and mask.dtype == torch.bool:
        allowed = mask
    if causal:
        tril = torch.ones(n_q, n_k, dtype=torch.bool).tril()
        allowed = tril if allowed is None else allowed & tril
    return allowed


def _combined(mask, causal, n_q, n_k):
    """The one mask F.scaled_dot_product_attention takes: the given one with the causal one folded in."""
    allowed = _allowed(mask, causal, n_q, n_k)
    if mask is None or mask.dtype == torch.bool:
        return allowed
    bias = mask.double()
    return bias if allowed is None else torch.where(allowed, bias, float("-inf"))


def _trusted(Q, K, V, mask=None, causal=False):
    """(output, weights) in float64, both from F.scaled_dot_product_attention with the causal and
    the given mask combined into one: the weights are its output for the values eye(Lk)."""
    q, k, v = (t.detach().double() for t in (Q, K, V))
    n_q, n_k = q.shape[-2], k.shape[-2]
    attn_mask = _combined(mask, causal, n_q, n_k)
    output = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
    eye = torch.eye(n_k, dtype=torch.float64).expand(*k.shape[:-2], n_k, n_k)
    weights = F.scaled_dot_product_attention(q, k, eye, attn_mask=attn_mask)
    return output, weights


def _describe(Q, K, V, mask=None, causal=None):
    text = f"scaled_dot_product_attention(Q {list(Q.shape)}, K {list(K.shape)}, V {list(V.shape)}"
    if Q.dtype != torch.float32:
        text += f", {Q.dtype}"
    if isinstance(mask, torch.Tensor):
        kind = "bool" if mask.dtype == torch.bool else "float"
        text += f", mask={kind} {list(mask.shape)}"
    if causal is not None:
        text += f", is_causal={causal}"
    return text + ")"


def _call(sol, Q, K, V, what, **kwargs):
    out = sol.scaled_dot_product_attention(Q, K, V, **kwargs)
    ck.expect(isinstance(out, tuple) and len(out) == 2, f"{what} to return a tuple (output, weights)",
              type(out).__name__ + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""),
              CALL_HINT)
    output, weights = out
    lead = Q.shape[:-2]
    ck.expect_tensor(output, f"the output of {what}", (*lead, Q.shape[-2], V.shape[-1]), Q.dtype, CALL_HINT)
    ck.expect_tensor(weights, f"the weights of {what}", (*lead, Q.shape[-2], K.shape[-2]), Q.dtype,
                     CALL_HINT)
    return output, weights


def _compare(sol, Q, K, V, hint, mask=None, causal=None):
    """Call the student's function and compare output and weights with the trusted ones."""
    kwargs = {name: value for name, value in (("mask", mask), ("is_causal", causal)) if value is not None}
    what = _describe(Q, K, V, mask, causal)
    output, weights = _call(sol, Q, K, V, what, **kwargs)
    trusted_out, trusted_w = _trusted(Q, K, V, mask, bool(causal))
    ck.expect_close(output, trusted_out, f"the output of {what} vs F.scaled_dot_product_attention", hint,
                    RTOL, OUT_ATOL)
    ck.expect_close(weights, trusted_w, f"the weights of {what} vs the graders' masked softmax", hint,
                    RTOL, ATOL)
    return output, weights, what


def _bool_mask(shape, n_k, density, seed, keep="random"):
    """A random bool mask of `shape` (last dim n_k); keep='random' leaves one random key per row True,
    keep='first' key 0, keep=None may leave rows with no key."""
    g = torch.Generator().manual_seed(seed)
    mask = torch.rand(shape, generator=g) < density
    if keep == "random":
        mask.scatter_(-1, torch.randint(0, n_k, (*shape[:-1], 1), generator=g), True)
    elif keep == "first":
        mask[..., 0] = True
    return mask


def _mask_shape(kind, lead, n_q, n_k):
    return {"full": (*lead, n_q, n_k), "square": (n_q, n_k), "keys": (*lead, 1, n_k)}[kind]


def test_matches_torch(sol):
    # a plain case first: d_k = 4, so the scores are [2 * 1 / sqrt(4), 0] = [1, 0]
    Q = torch.tensor([[2.0, 0.0, 0.0, 0.0]])
    K = torch.tensor([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    V = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    output, weights = _call(sol, Q, K, V, "scaled_dot_product_attention(Q [1, 4], K [2, 4], V [2, 3])")
    e = math.e
    ck.expect_close(weights, torch.tensor([[e / (e + 1), 1 / (e + 1)]]),
                    "the weights for scores [1, 0] (Q = [2, 0, 0, 0], keys [1, 0, 0, 0] and 0, d_k = 4)",
                    SCALE_HINT)
    ck.expect_close(output, torch.tensor([[e / (e + 1), 1 / (e + 1), 0.0]]),
                    "the output: weights @ V with V = [[1, 0, 0], [0, 1, 0]]", SCALE_HINT)

    def check(case):
        lead, n_q, n_k, d_k, d_v, scale, dtype, seed = case
        Q, K, V = _qkv(lead, n_q, n_k, d_k, d_v, scale, seed, dtype)
        copies = [t.clone() for t in (Q, K, V)]
        _compare(sol, Q, K, V, SCALE_HINT)  # the defaults: mask=None, is_causal=False
        ck.expect(all(torch.equal(a, b) for a, b in zip((Q, K, V), copies)),
                  f"{_describe(Q, K, V)} to leave Q, K and V unchanged", "an input changed",
                  "work out of place: Q / math.sqrt(d_k), not Q /= ... or Q.div_(...)")
        leaves = [t.clone().requires_grad_() for t in (Q, K, V)]
        output, _ = sol.scaled_dot_product_attention(*leaves)
        ck.expect(isinstance(output, torch.Tensor) and output.requires_grad,
                  f"the output of {_describe(Q, K, V)} to carry gradients back to Q, K and V",
                  "requires_grad=False", "no .detach(), .item(), numpy or torch.no_grad() on the way")
        upstream = torch.randn(output.shape, generator=torch.Generator().manual_seed(seed + 1), dtype=dtype)
        grads = torch.autograd.grad(output, leaves, upstream, allow_unused=True)
        doubles = [t.double().requires_grad_() for t in (Q, K, V)]
        trusted = torch.autograd.grad(F.scaled_dot_product_attention(*doubles), doubles, upstream.double())
        for name, found, want in zip("QKV", grads, trusted):
            ck.expect(found is not None, f"a gradient reaching {name}", "None", "compute from the inputs")
            ck.expect_close(found, want, f"the gradient reaching {name} in {_describe(Q, K, V)} vs torch's",
                            SCALE_HINT, RTOL, GRAD_ATOL)

    ck.for_all(st.tuples(dims, st.integers(1, 6), st.integers(1, 6), st.integers(1, 8), st.integers(1, 8),
                         st.sampled_from([0.3, 1.0, 3.0]), st.sampled_from([torch.float32, torch.float64]),
                         st.integers(0, 10_000)), check, max_examples=30)


def _expect_rows(weights, allowed, what, hint):
    """Masked entries exactly 0, every other row sums to 1, nothing negative."""
    w = ck.base.plain(weights).detach().double()
    if isinstance(allowed, torch.Tensor):
        allowed = allowed.expand(w.shape)
        leak = w.masked_select(~allowed)
        if bool((leak != 0).any()):
            raise ck.CheckFailure(f"{what}: weights exactly 0 where a key is masked",
                                  f"{int((leak != 0).sum())} masked entries not 0 "
                                  f"(largest {leak.abs().max().item():.3g})", hint)
    ck.expect(bool((w >= 0).all()), f"{what}: weights >= 0", f"smallest {w.min().item():.3g}",
              "return the softmax of the scores, not the scores")
    sums = w.sum(dim=-1)
    live = sums if allowed is None else sums[allowed.any(dim=-1)]
    ck.expect_close(live, torch.ones_like(live), f"{what}: each query's weights summing to 1 over the keys",
                    "softmax over the last dimension (dim=-1): the weights of one query over all keys")


def test_attention_weights(sol):
    def check(case):
        lead, n_q, n_k, d_k, d_v, with_mask, seed = case
        Q, K, V = _qkv(lead, n_q, n_k, d_k, d_v, 1.0, seed)
        mask = _bool_mask((*lead, n_q, n_k), n_k, 0.5, seed + 2) if with_mask else None
        _, weights, what = _compare(sol, Q, K, V, "weights = softmax(Q K^T / sqrt(d_k)) over the keys, "
                                    "masked as the spec says; return them as the second result", mask)
        _expect_rows(weights, mask, what, BOOL_HINT)

    check(([2], 3, 5, 4, 6, False, 0))  # a plain case first: a batch of 2, 3 queries, 5 keys, no mask
    ck.for_all(st.tuples(dims, st.integers(1, 6), st.integers(1, 6), st.integers(1, 8), st.integers(1, 8),
                         st.booleans(), st.integers(0, 10_000)), check, max_examples=25)


def test_boolean_mask(sol):
    def check(case):
        lead, n_q, n_k, d_k, d_v, kind, seed = case
        Q, K, V = _qkv(lead, n_q, n_k, d_k, d_v, 1.5, seed)
        mask = _bool_mask(_mask_shape(kind, lead, n_q, n_k), n_k, 0.5, seed + 3)
        copy = mask.clone()
        _, weights, what = _compare(sol, Q, K, V, BOOL_HINT, mask)
        ck.expect(torch.equal(mask, copy), f"{what} to leave the mask unchanged", "the mask changed",
                  "no in-place operation on the mask (mask.logical_not_(), mask[...] = ...): use ~mask")
        _expect_rows(weights, mask, what, BOOL_HINT)

    # a plain case first: 2 queries, 3 keys, query 0 may not attend key 1, query 1 not key 0
    check(([], 2, 3, 4, 5, "square", 0))
    Q, K, V = _qkv([], 2, 3, 4, 5, 1.5, 1)
    mask = torch.tensor([[True, False, True], [False, True, True]])
    _compare(sol, Q, K, V, BOOL_HINT, mask)
    ck.for_all(st.tuples(dims, st.integers(1, 6), st.integers(2, 6), st.integers(1, 8), st.integers(1, 8),
                         st.sampled_from(["full", "square", "keys"]), st.integers(0, 10_000)),
               check, max_examples=30)


def _float_mask(shape, n_k, seed, dtype=torch.float32, neg_inf=0.2):
    """A random additive mask: biases of size ~2 and some -inf, never a whole row of -inf."""
    g = torch.Generator().manual_seed(seed)
    bias = 2.0 * torch.randn(shape, generator=g, dtype=torch.float64)
    blocked = _bool_mask(shape, n_k, 1 - neg_inf, seed + 1)
    return bias.masked_fill(~blocked, float("-inf")).to(dtype)


def test_additive_mask(sol):
    # a plain case first: Q = 0, so the scores are 0 and the weights are the softmax of the mask row
    Q, K, V = torch.zeros(2, 4), *_qkv([], 3, 3, 4, 2, 1.0, 0)[1:]
    mask = torch.tensor([[0.0, math.log(3.0), float("-inf")], [-1.0, -1.0, -1.0]])
    _, weights, _ = _compare(sol, Q, K, V, ADD_HINT, mask)
    ck.expect_close(weights, torch.tensor([[0.25, 0.75, 0.0], [1 / 3, 1 / 3, 1 / 3]]),
                    "weights [[0.25, 0.75, 0], [1/3, 1/3, 1/3]] for Q = 0 and the additive mask "
                    "[[0, log 3, -inf], [-1, -1, -1]]", ADD_HINT)

    def check(case):
        lead, n_q, n_k, d_k, d_v, kind, dtype, seed = case
        Q, K, V = _qkv(lead, n_q, n_k, d_k, d_v, 1.5, seed, dtype)
        mask = _float_mask(_mask_shape(kind, lead, n_q, n_k), n_k, seed + 5, dtype)
        _compare(sol, Q, K, V, ADD_HINT, mask)

    ck.for_all(st.tuples(dims, st.integers(1, 6), st.integers(1, 6), st.integers(1, 8), st.integers(1, 8),
                         st.sampled_from(["full", "square", "keys"]),
                         st.sampled_from([torch.float32, torch.float64]), st.integers(0, 10_000)),
               check, max_examples=30)


def test_causal(sol):
    # a plain case first: 3 queries, 3 keys: query 0 sees only key 0, so its output is V[0]
    Q, K, V = _qkv([], 3, 3, 4, 5, 1.5, 0)
    output, weights, what = _compare(sol, Q, K, V, CAUSAL_HINT, causal=True)
    ck.expect_close(output[0], V[0], f"row 0 of the output of {what} equal to V[0]", CAUSAL_HINT,
                    RTOL, OUT_ATOL)
    _expect_rows(weights, torch.ones(3, 3, dtype=torch.bool).tril(), what, CAUSAL_HINT)

    def check(case):
        lead, n_q, n_k, d_k, d_v, kind, seed = case
        Q, K, V = _qkv(lead, n_q, n_k, d_k, d_v, 1.5, seed)
        mask = None
        if kind == "bool":  # key 0 always allowed: no query loses every key
            mask = _bool_mask((*lead, n_q, n_k), n_k, 0.6, seed + 7, keep="first")
        elif kind == "float":
            mask = _float_mask((n_q, n_k), n_k, seed + 7).index_fill(-1, torch.tensor([0]), 0.5)
        _, weights, what = _compare(sol, Q, K, V, CAUSAL_HINT, mask, causal=True)
        _expect_rows(weights, _allowed(mask, True, n_q, n_k), what, CAUSAL_HINT)

    check(([2], 3, 5, 4, 6, None, 1))  # fewer queries than keys: query i sees keys 0 .. i
    check(([2], 5, 3, 4, 6, None, 2))  # more queries than keys: queries 2, 3, 4 see every key
    ck.for_all(st.tuples(dims, st.integers(1, 6), st.integers(1, 6), st.integers(1, 8), st.integers(1, 8),
                         st.sampled_from([None, "bool", "float"]), st.integers(0, 10_000)),
               check, max_examples=30)


def _expect_dead_rows(sol, Q, K, V, mask, causal, hint, grads):
    """Rows with no key allowed: weights 0, output 0, no NaN; the rest equal to torch."""
    kwargs = {"mask": mask} if not causal else {"mask": mask, "is_causal": True}
    what = _describe(Q, K, V, mask, causal or None)
    output, weights = _call(sol, Q, K, V, what, **kwargs)
    for name, t in (("output", output), ("weights", weights)):
        ck.expect(bool(torch.isfinite(ck.base.plain(t)).all()), f"the {name} of {what} without NaN",
                  f"{int((~torch.isfinite(t)).sum())} NaN or inf values", hint)
    trusted_out, trusted_w = _trusted(Q, K, V, mask, causal)
    allowed = _allowed(mask, causal, Q.shape[-2], K.shape[-2])
    if allowed is None:
        allowed = ~torch.isneginf(mask)
    dead = ~allowed.expand(weights.shape).any(dim=-1)
    for name, t in (("output", output), ("weights", weights)):
        rows = ck.base.plain(t).detach()[dead]
        if bool((rows != 0).any()):
            raise ck.CheckFailure(f"the {name} of {what}: exactly 0 for the {int(dead.sum())} queries "
                                  "whose keys are all masked", f"values up to {rows.abs().max().item():.3g}",
                                  hint)
    ck.expect_close(output, trusted_out, f"the output of {what} vs F.scaled_dot_product_attention", hint,
                    RTOL, OUT_ATOL)
    ck.expect_close(weights, trusted_w, f"the weights of {what} vs the graders' masked softmax", hint)
    if not grads:
        return
    leaves = [t.clone().requires_grad_() for t in (Q, K, V)]
    out, _ = sol.scaled_dot_product_attention(*leaves, **kwargs)
    upstream = torch.randn(out.shape, generator=torch.Generator().manual_seed(3))
    found = torch.autograd.grad(out, leaves, upstream, allow_unused=True)
    doubles = [t.double().requires_grad_() for t in (Q, K, V)]
    combined = _allowed(mask, causal, Q.shape[-2], K.shape[-2])
    trusted = torch.autograd.grad(F.scaled_dot_product_attention(*doubles, attn_mask=combined), doubles,
                                  upstream.double())
    for name, f, want in zip("QKV", found, trusted):
        ck.expect(f is not None and bool(torch.isfinite(f).all()),
                  f"finite gradients reaching {name} in {what}", "NaN (or no gradient)", hint)
        ck.expect_close(f, want, f"the gradient reaching {name} in {what} vs torch's", hint, RTOL, GRAD_ATOL)


def test_fully_masked_row(sol):
    # a plain case first: query 1 of 3 may attend none of the 4 keys
    Q, K, V = _qkv([], 3, 4, 4, 5, 1.0, 0)
    mask = torch.ones(3, 4, dtype=torch.bool)
    mask[1] = False
    _expect_dead_rows(sol, Q, K, V, mask, False, DEAD_HINT, grads=True)

    def check(case):
        lead, n_q, n_k, d_k, d_v, kind, seed = case
        Q, K, V = _qkv(lead, n_q, n_k, d_k, d_v, 1.5, seed)
        shape = (*lead, n_q, n_k)
        g = torch.Generator().manual_seed(seed + 11)
        dead = torch.rand(shape[:-1], generator=g) < 0.4
        dead.view(-1)[torch.randint(0, dead.numel(), (1,), generator=g)] = True
        if kind == "causal":  # key 0 masked for every query: query 0 loses every key
            mask = _bool_mask(shape, n_k, 0.6, seed + 13, keep=None)
            mask[..., 0] = False
        else:
            mask = _bool_mask(shape, n_k, 0.6, seed + 13) & ~dead.unsqueeze(-1)
        if kind == "float":
            mask = torch.zeros(shape).masked_fill(~mask, float("-inf"))
        _expect_dead_rows(sol, Q, K, V, mask, kind == "causal", DEAD_HINT, grads=kind != "float")

    ck.for_all(st.tuples(dims, st.integers(1, 5), st.integers(1, 5), st.integers(1, 6), st.integers(1, 6),
                         st.sampled_from(["bool", "float", "causal"]), st.integers(0, 10_000)),
               check, max_examples=30)


class _SelfAttention(nn.Module):
    """The student's function inside a tiny model: Q, K, V from one Linear, a key-padding bool mask
    made on x's device, and is_causal=True (the function must make its causal mask on Q's device)."""

    def __init__(self, sol, width=8):
        super().__init__()
        self.qkv = nn.Linear(width, 3 * width)
        self.attend = sol.scaled_dot_product_attention

    def forward(self, x):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        n_keys = x.shape[-2]
        lengths = torch.tensor([n_keys, n_keys - 2], device=x.device)
        keep = torch.arange(n_keys, device=x.device) < lengths[:, None]  # [batch, keys]
        return self.attend(q, k, v, mask=keep[:, None, :], is_causal=True)


MODEL = "a self-attention model calling your function with a bool mask and is_causal=True"


def _tokens(seed):
    return torch.randn(2, 6, 8, generator=torch.Generator().manual_seed(seed))


def test_follows_device(sol):
    ck.seeded(0, _SelfAttention, sol)(_tokens(1))  # on the CPU first: a stub or a crash shows as itself
    ck.expect_follows_device(lambda: ck.seeded(0, _SelfAttention, sol), _tokens(1), MODEL)


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.seeded(0, _SelfAttention, sol), _tokens(2), MODEL)
