"""Graders: session 7, exercise 2 (MultiHeadSelfAttention from scratch)."""
import torch
from hypothesis import strategies as st
from torch import nn
from torch.overrides import TorchFunctionMode

from coursekit import checks as ck

WIDTH = 32
HEAD_COUNTS = (1, 2, 4, 8)
PROJECTIONS = ("q_proj", "k_proj", "v_proj", "out_proj")
# (embed_dim, num_heads) -> 4 E^2 + 4 E parameters, as stated in the spec
PARAM_COUNTS = {(32, 1): 4_224, (32, 4): 4_224, (32, 8): 4_224, (128, 8): 66_048, (12, 3): 624,
                (6, 6): 168}
NOT_DIVIDING = ((32, 3), (32, 5), (10, 4), (12, 8), (6, 4))
DIVIDING = ((32, 32), (6, 3), (5, 1), (12, 12))
FORBIDDEN = ("scaled_dot_product_attention", "multi_head_attention_forward", "_native_multi_head_attention")
SPLIT_HINT = ("project with q_proj, k_proj, v_proj; split heads as .view(B, L, num_heads, head_dim)"
              ".transpose(1, 2) (heads are CONTIGUOUS chunks of the embedding); scores = q @ k^T / "
              "sqrt(head_dim); softmax over the keys (last dim); weights @ v; merge with .transpose(1, 2)"
              ".reshape(B, L, E); then out_proj")
WEIGHTS_HINT = ("return the softmax weights of every head averaged over the heads: "
                "weights.mean(dim=1) of the [B, num_heads, L, L] tensor (not one head, not their sum)")
MASK_HINT = ("key_padding_mask [B, L], True = padded KEY: before the softmax, fill the scores of "
             "those keys with -inf, for every head and every query: scores.masked_fill("
             "key_padding_mask[:, None, None, :], float('-inf'))")


def _model(sol, embed_dim, num_heads):
    return ck.build_model(sol.MultiHeadSelfAttention, embed_dim, num_heads,
                          what=f"MultiHeadSelfAttention({embed_dim}, {num_heads})")


def _projections(model, embed_dim, what):
    layers = []
    for name in PROJECTIONS:
        layer = getattr(model, name, None)
        ck.expect_linear(layer, embed_dim, embed_dim, f"{what}.{name}")
        layers.append(layer)
    return layers


def _randomise(model, embed_dim, seed):
    """The graders' own weights and biases in the four projections (not the student's init):
    large enough biases that one left out shows."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in _projections(model, embed_dim, "the model"):
            layer.weight.copy_(torch.randn(embed_dim, embed_dim, generator=g) / embed_dim ** 0.5)
            layer.bias.copy_(0.5 * torch.randn(embed_dim, generator=g))


def _torch_mha(model, embed_dim, num_heads):
    """nn.MultiheadAttention(E, h, batch_first=True) holding the same weights, in float64, eval mode."""
    q, k, v, out = _projections(model, embed_dim, "the model")
    mha = nn.MultiheadAttention(embed_dim, num_heads, batch_first=True)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([q.weight, k.weight, v.weight]))
        mha.in_proj_bias.copy_(torch.cat([q.bias, k.bias, v.bias]))
        mha.out_proj.weight.copy_(out.weight)
        mha.out_proj.bias.copy_(out.bias)
    return mha.double().eval()


def _trusted(mha, x, mask=None):
    """(output, head-averaged weights) of nn.MultiheadAttention on its math path (fast path off)."""
    fast = torch.backends.mha.get_fastpath_enabled()
    torch.backends.mha.set_fastpath_enabled(False)
    try:
        with torch.no_grad():
            xd = x.double()
            return mha(xd, xd, xd, key_padding_mask=mask, need_weights=True, average_attn_weights=True)
    finally:
        torch.backends.mha.set_fastpath_enabled(fast)


def _run(model, x, what, mask=None, pass_mask=True):
    """The student's (output, weights), checked for type and shape."""
    batch, length, embed_dim = x.shape
    with torch.no_grad():
        result = model(x, key_padding_mask=mask) if pass_mask else model(x)
    size = f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""
    ck.expect(isinstance(result, tuple) and len(result) == 2, f"{what} to return a tuple (output, weights)",
              type(result).__name__ + size, "return output, weights")
    out, weights = result
    ck.expect_tensor(out, f"the output of {what}", (batch, length, embed_dim))
    ck.expect_tensor(weights, f"the weights of {what}", (batch, length, length),
                     hint="[B, L, L]: average the [B, num_heads, L, L] weights over the heads (dim 1)")
    return out, weights


def _inputs(batch, length, embed_dim, seed):
    return 1.5 * torch.randn(batch, length, embed_dim, generator=torch.Generator().manual_seed(seed))


def _case(sol, batch, length, num_heads, head_dim, seed):
    embed_dim = num_heads * head_dim
    model = _model(sol, embed_dim, num_heads).eval()
    _randomise(model, embed_dim, seed)
    return model, _torch_mha(model, embed_dim, num_heads), _inputs(batch, length, embed_dim, seed + 1)


class _Calls(TorchFunctionMode):
    """Records the names of the torch functions called."""

    def __init__(self):
        super().__init__()
        self.names = set()

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.names.add(getattr(func, "__name__", str(func)))
        return func(*args, **(kwargs or {}))


def test_architecture(sol):
    for embed_dim, num_heads in ((WIDTH, 4), (128, 8), (12, 3)):
        what = f"MultiHeadSelfAttention({embed_dim}, {num_heads})"
        model = _model(sol, embed_dim, num_heads)
        ck.expect_registered(model, what)
        wrapped = [n or "(the model)" for n, m in model.named_modules()
                   if isinstance(m, nn.MultiheadAttention)]
        ck.expect(not wrapped, f"{what} to hold no nn.MultiheadAttention",
                  f"nn.MultiheadAttention at {wrapped}",
                  "write the attention yourself with four nn.Linear layers: the point of the exercise")
        _projections(model, embed_dim, what)
        linears = [n for n, m in model.named_modules() if isinstance(m, nn.Linear)]
        ck.expect(sorted(linears) == sorted(PROJECTIONS),
                  f"{what}: exactly the nn.Linear layers {PROJECTIONS}", str(linears),
                  "no other layer: one Linear each for queries, keys, values and the output")
        wanted = sorted(f"{p}.{w}" for p in PROJECTIONS for w in ("weight", "bias"))
        found = sorted(n for n, _ in model.named_parameters())
        ck.expect(found == wanted, f"{what}: parameters {wanted}", str(found),
                  "no parameters besides the weights and biases of the four projections")
        sizes = (getattr(model, "embed_dim", None), getattr(model, "num_heads", None),
                 getattr(model, "head_dim", None))
        ck.expect(sizes == (embed_dim, num_heads, embed_dim // num_heads),
                  f"{what}: (embed_dim, num_heads, head_dim) attributes = "
                  f"{(embed_dim, num_heads, embed_dim // num_heads)}", str(sizes),
                  "store self.embed_dim, self.num_heads and self.head_dim = embed_dim // num_heads")
        calls = _Calls()
        with calls:
            _run(model.eval(), _inputs(2, 5, embed_dim, seed=embed_dim), f"{what}(x) (no key_padding_mask)",
                 pass_mask=False)
        used = sorted(n for n in FORBIDDEN if n in calls.names)
        ck.expect(not used, f"{what}: attention computed by your own code", f"calls to {used}",
                  "compute scores, softmax and the weighted sum yourself (torch.matmul or einsum), "
                  "not with F.scaled_dot_product_attention or F.multi_head_attention_forward")


def test_param_count(sol):
    for (embed_dim, num_heads), count in PARAM_COUNTS.items():
        ck.expect_param_count(_model(sol, embed_dim, num_heads), count,
                              f"MultiHeadSelfAttention({embed_dim}, {num_heads}) (4 E^2 + 4 E)")


def _compare_with_torch(sol, case):
    batch, length, num_heads, head_dim, seed = case
    model, mha, x = _case(sol, batch, length, num_heads, head_dim, seed)
    what = f"MultiHeadSelfAttention({num_heads * head_dim}, {num_heads})(x [{batch}, {length}, " \
           f"{num_heads * head_dim}])"
    trusted_out, trusted_weights = _trusted(mha, x)
    out, weights = _run(model, x, what, pass_mask=False)  # the default key_padding_mask=None
    return what, (out, weights), (trusted_out, trusted_weights)


def test_matches_torch(sol):
    def check(case):
        what, (out, _), (trusted, _) = _compare_with_torch(sol, case)
        ck.expect_close(out, trusted, f"{what}: output vs nn.MultiheadAttention with the same weights",
                        SPLIT_HINT)

    check((2, 5, 4, 8, 0))  # a plain case first: E = 32, 4 heads
    for num_heads in HEAD_COUNTS:
        check((2, 6, num_heads, WIDTH // num_heads, 10 + num_heads))
    ck.for_all(st.tuples(st.integers(1, 3), st.integers(1, 7), st.sampled_from(HEAD_COUNTS),
                         st.sampled_from([1, 2, 3, 4, 8]), st.integers(0, 10_000)), check, max_examples=25)


def test_attention_weights(sol):
    def check(case):
        what, (_, weights), (_, trusted) = _compare_with_torch(sol, case)
        ck.expect_close(weights, trusted, f"{what}: weights vs nn.MultiheadAttention's (averaged over heads)",
                        WEIGHTS_HINT + "; " + SPLIT_HINT)
        ck.expect_close(weights.sum(dim=-1), torch.ones(weights.shape[:2]), f"{what}: each row of weights "
                        "summing to 1 over the keys", "softmax over the LAST dimension (the keys)")

    check((2, 5, 4, 8, 1))  # a plain case first: E = 32, 4 heads
    for num_heads in HEAD_COUNTS:
        check((3, 4, num_heads, WIDTH // num_heads, 20 + num_heads))
    ck.for_all(st.tuples(st.integers(1, 3), st.integers(1, 7), st.sampled_from(HEAD_COUNTS),
                         st.sampled_from([1, 2, 4, 8]), st.integers(0, 10_000)), check, max_examples=20)


def _padding(lengths, length):
    """True at the padded end of each sequence: positions >= its length."""
    return torch.arange(length)[None, :] >= torch.tensor(lengths)[:, None]


def _random_mask(batch, length, seed):
    """Random padded keys, at least one valid key per sequence."""
    g = torch.Generator().manual_seed(seed)
    mask = torch.rand(batch, length, generator=g) < 0.4
    keep = torch.randint(0, length, (batch,), generator=g)
    mask[torch.arange(batch), keep] = False
    return mask


def test_key_padding_mask(sol):
    def check(case):
        num_heads, head_dim, mask, seed = case
        batch, length = mask.shape
        embed_dim = num_heads * head_dim
        model, mha, x = _case(sol, batch, length, num_heads, head_dim, seed)
        what = f"MultiHeadSelfAttention({embed_dim}, {num_heads})(x, key_padding_mask={mask.int().tolist()})"
        out, weights = _run(model, x, what, mask=mask)
        trusted_out, trusted_weights = _trusted(mha, x, mask)
        ck.expect_close(weights, trusted_weights, f"{what}: weights vs nn.MultiheadAttention's with the same "
                        "mask", MASK_HINT)
        padded = mask[:, None, :].expand(batch, length, length)
        leaked = weights[padded]
        largest = leaked.abs().max().item() if leaked.numel() else 0.0
        ck.expect(bool((leaked == 0).all()), f"{what}: weight exactly 0 on every padded key",
                  f"largest weight on a padded key {largest:.3g}",
                  MASK_HINT + " (-inf, not a multiplication of the scores by 0)")
        ck.expect_close(out, trusted_out, f"{what}: output vs nn.MultiheadAttention's with the same mask",
                        MASK_HINT + "; padded queries still get an output (they attend the valid keys)")
        noise = 10 * torch.randn(x.shape, generator=torch.Generator().manual_seed(seed + 2))
        changed = torch.where(mask[:, :, None], noise, x)
        out2, _ = _run(model, changed, what + " with other inputs at the padded positions", mask=mask)
        valid = ~mask
        ck.expect_close(out2[valid], out[valid], f"{what}: outputs at the valid positions when the inputs at "
                        "the padded positions change", "a padded key must get no weight: " + MASK_HINT)

    check((4, 8, _padding([5, 3], 5), 0))  # a plain case first: E = 32, 4 heads, padding at the end
    for num_heads in HEAD_COUNTS:
        check((num_heads, WIDTH // num_heads, _padding([6, 1, 4], 6), 30 + num_heads))
    # no key padded: the same as no mask
    model, mha, x = _case(sol, 2, 4, 2, 4, 7)
    none_padded = torch.zeros(2, 4, dtype=torch.bool)
    what = "MultiHeadSelfAttention(8, 2)(x, key_padding_mask=all False)"
    out, _ = _run(model, x, what, none_padded)
    trusted_out, _ = _trusted(mha, x)
    ck.expect_close(out, trusted_out, f"{what}: output vs nn.MultiheadAttention's without a mask",
                    "False = a real key: mask only where True")
    ck.for_all(st.tuples(st.sampled_from(HEAD_COUNTS), st.sampled_from([1, 2, 4]), st.integers(1, 3),
                         st.integers(1, 7), st.integers(0, 10_000)).map(
        lambda c: (c[0], c[1], _random_mask(c[2], c[3], c[4]), c[4])), check, max_examples=20)


def test_heads_must_divide(sol):
    for embed_dim, num_heads in NOT_DIVIDING:
        call = f"MultiHeadSelfAttention({embed_dim}, {num_heads})"
        error = ck.expect_raises(lambda: ck.seeded(0, sol.MultiHeadSelfAttention, embed_dim, num_heads),
                                 ValueError, call,
                                 "in __init__: if embed_dim % num_heads != 0: raise ValueError(...)")
        text = str(error).lower()
        ck.expect("divis" in text or "divid" in text, f"the ValueError of {call} to say that num_heads must "
                  "divide embed_dim (with 'divisible', 'divide' or 'divides')", repr(str(error)),
                  "e.g. raise ValueError(f'embed_dim={embed_dim} is not divisible by num_heads={num_heads}')")
    for embed_dim, num_heads in DIVIDING:
        model = _model(sol, embed_dim, num_heads)
        _run(model.eval(), _inputs(1, 3, embed_dim, seed=3),
             f"MultiHeadSelfAttention({embed_dim}, {num_heads})")


class _Masked(nn.Module):
    """The student's attention with a fixed key padding mask (a buffer, so it moves with the model)."""

    def __init__(self, sol, embed_dim, num_heads, mask):
        super().__init__()
        self.attention = sol.MultiHeadSelfAttention(embed_dim, num_heads)
        self.register_buffer("mask", mask)

    def forward(self, x):
        return self.attention(x, key_padding_mask=self.mask)


def test_follows_device(sol):
    what = "MultiHeadSelfAttention(16, 4)"
    ck.expect_follows_device(lambda: _model(sol, 16, 4), _inputs(2, 5, 16, seed=5), what)
    ck.expect_follows_device(lambda: ck.seeded(0, _Masked, sol, 16, 4, _padding([5, 2], 5)),
                             _inputs(2, 5, 16, seed=6), what + " with a key_padding_mask")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Masked, sol, WIDTH, 4, _padding([7, 3, 5], 7)),
                          _inputs(3, 7, WIDTH, seed=8),
                          f"MultiHeadSelfAttention({WIDTH}, 4) with a key_padding_mask")
