"""Graders: session 7, exercise 4 (TransformerEncoderBlock, DNATransformer)."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session07 import TATA_BOX, motif_classification

EPS = 1e-5
# DNATransformer() = 5*128 + 2 * (4*128^2 + 2*128*512 + 512 + 9*128) + 2*128 + 128*2 + 2
DEFAULT_MODEL_PARAMS = 397_698
# The graders' training: full-batch Adam on TATA boxes in 20-bp fragments.
TRAIN_N, TEST_N, LENGTH, STEPS, LR = 96, 256, 20, 40, 0.01
SMALL = dict(d_model=32, nhead=4, num_layers=2, dim_feedforward=64, dropout=0.0)
ACCURACY_BAR, LOSS_FACTOR = 0.70, 1.25
# Block shapes for generated cases: (head width, heads, feed-forward width, batch, length, seed)
BLOCK_CASES = st.tuples(st.sampled_from([2, 4, 8]), st.integers(1, 4), st.integers(4, 48), st.integers(1, 4),
                        st.integers(1, 9), st.integers(0, 2**31 - 1))

FORWARD_HINT = ("pre-LN: h = norm1(x); x = x + dropout1(self_attn(h, h, h, key_padding_mask=padding_mask, "
                "need_weights=False)[0]); x = x + dropout2(linear2(dropout(F.gelu(linear1(norm2(x)))))); "
                "return x (exact GELU, no norm after the additions)")
MASK_HINT = ("pass padding_mask to self_attn as key_padding_mask unchanged (bool [B, L], True = padding, "
             "keys ignored): do not invert it")
TRAIN_HINT = ("logits (no softmax) that carry gradients to every parameter: no torch.no_grad() or .detach() "
              "in forward, and no in-place update (x += ...) of a tensor autograd still needs: "
              "write x = x + ...")
MODEL_HINT = ("x = embedding(tokens) * sqrt(d_model) + PE[:L]; every block with the padding_mask; the final "
              "norm; the mean over the valid (non-padding) positions; fc; no softmax")


# ---------------------------------------------------------------- trusted pieces ----

def _torch_layer(d, heads, ff, seed, dropout=0.0):
    """nn.TransformerEncoderLayer as the block is specified, every parameter randomised
    (biases and LayerNorm affine included, which torch initialises to 0 and 1)."""
    layer = ck.seeded(seed, nn.TransformerEncoderLayer, d, heads, ff, dropout, activation="gelu",
                      norm_first=True, batch_first=True)
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for p in layer.parameters():
            p.add_(0.3 * torch.randn(p.shape, generator=g))
    return layer.eval()


def _trusted(layer, x, mask=None):
    """torch's layer on x (with grad enabled: the documented slow path, not the fused one)."""
    with torch.enable_grad():
        return layer(x, src_key_padding_mask=mask).detach()


def _parameter(block, name, shape, what):
    try:
        p = block.get_parameter(name)
    except AttributeError:
        raise ck.CheckFailure(f"{what} to have a parameter {name} (the names of nn.TransformerEncoderLayer)",
                              "no such parameter",
                              "attributes self_attn (nn.MultiheadAttention), linear1, linear2, norm1, "
                              "norm2 with exactly these names") from None
    ck.expect(tuple(p.shape) == tuple(shape), f"{what}: {name} of shape {tuple(shape)}",
              f"shape {tuple(p.shape)}", "check the sizes of the layers in the spec")
    return p


def _load(block, layer, what):
    """Copy torch's layer's weights into the student's block, name by name."""
    with torch.no_grad():
        for name, value in layer.state_dict().items():
            _parameter(block, name, value.shape, what).copy_(value)
    return block


def _block(sol, d, heads, ff, seed, dropout=0.0, what=None):
    """(student's block with torch's randomised weights, torch's layer), both in eval mode."""
    what = what or f"TransformerEncoderBlock({d}, {heads}, {ff}, {dropout})"
    layer = _torch_layer(d, heads, ff, seed, dropout)
    block = ck.build_model(sol.TransformerEncoderBlock, d, heads, ff, dropout, what=what)
    return _load(block, layer, what).eval(), layer


def _x(batch, length, d, seed):
    g = torch.Generator().manual_seed(seed)
    return 2.0 * torch.randn(batch, length, d, generator=g) + 0.5


def _mask(lengths, length):
    return torch.arange(length)[None, :] >= torch.as_tensor(lengths)[:, None]


def _lengths(batch, length, seed):
    """Valid lengths 1..length, the first row unpadded."""
    g = torch.Generator().manual_seed(seed)
    lengths = torch.randint(1, length + 1, (batch,), generator=g)
    lengths[0] = length
    return lengths


def _call(module, what, *args):
    try:
        return module(*args)
    except NotImplementedError:
        raise
    except Exception as error:  # noqa: BLE001 - the student's forward may fail in any way
        raise ck.CheckFailure(f"{what} to run", f"{type(error).__name__}: {error}",
                              "follow the shapes of the spec: x [B, L, d_model], padding_mask bool [B, L]"
                              ) from None


def _sinusoids(length, d):
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)), in float64."""
    pe = torch.zeros(length, d, dtype=torch.float64)
    for pos in range(length):
        for i in range(0, d, 2):
            angle = pos / 10000 ** (i / d)
            pe[pos, i] = math.sin(angle)
            pe[pos, i + 1] = math.cos(angle)
    return pe.float()


def _trusted_model(model, tokens, mask, heads, ff):
    """The specified forward, with torch's encoder layers carrying the student's weights."""
    d = model.embedding.weight.shape[1]
    x = F.embedding(tokens, model.embedding.weight.detach()) * math.sqrt(d) + _sinusoids(tokens.shape[1], d)
    for block in model.layers:
        layer = nn.TransformerEncoderLayer(d, heads, ff, 0.0, activation="gelu", norm_first=True,
                                           batch_first=True)
        layer.load_state_dict({n: _parameter(block, n, v.shape, "a block of DNATransformer").detach()
                               for n, v in layer.state_dict().items()})
        x = _trusted(layer.eval(), x, mask)
    x = F.layer_norm(x, (d,), model.norm.weight.detach(), model.norm.bias.detach(), EPS)
    keep = torch.ones(tokens.shape) if mask is None else (~mask).float()
    pooled = (x * keep[..., None]).sum(1) / keep.sum(1, keepdim=True)
    return F.linear(pooled, model.fc.weight.detach(), model.fc.bias.detach())


# ---------------------------------------------------------------- checks ------------

def _expect_dropouts(block, p, what):
    for name in ("dropout", "dropout1", "dropout2"):
        layer = getattr(block, name, None)
        ck.expect(isinstance(layer, nn.Dropout) and layer.p == p, f"{what}.{name} = nn.Dropout({p})",
                  repr(layer), "nn.Dropout(dropout) as dropout (after the GELU), dropout1 (attention branch) "
                  "and dropout2 (feed-forward branch)")


def test_block_architecture(sol):
    what = "TransformerEncoderBlock(16, 4, 32, 0.2)"
    block = ck.build_model(sol.TransformerEncoderBlock, 16, 4, 32, 0.2, what=what)
    attn = getattr(block, "self_attn", None)
    ck.expect(isinstance(attn, nn.MultiheadAttention), f"{what}.self_attn to be nn.MultiheadAttention",
              type(attn).__name__, "self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout, "
              "batch_first=True)")
    found = (attn.embed_dim, attn.num_heads, attn.dropout, attn.batch_first, attn.in_proj_bias is not None)
    ck.expect(found == (16, 4, 0.2, True, True),
              f"{what}.self_attn with (embed_dim, num_heads, dropout, batch_first, bias) = "
              "(16, 4, 0.2, True, True)",
              str(found), "nn.MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=True)")
    ck.expect_linear(getattr(block, "linear1", None), 16, 32, f"{what}.linear1")
    ck.expect_linear(getattr(block, "linear2", None), 32, 16, f"{what}.linear2")
    for name in ("norm1", "norm2"):
        norm = getattr(block, name, None)
        ok = (isinstance(norm, nn.LayerNorm) and tuple(norm.normalized_shape) == (16,) and norm.eps == EPS
              and norm.weight is not None and norm.bias is not None)
        ck.expect(ok, f"{what}.{name} = nn.LayerNorm(16) (eps 1e-5, with weight and bias)", repr(norm),
                  "nn.LayerNorm(d_model)")
    _expect_dropouts(block, 0.2, what)
    layer = _torch_layer(16, 4, 32, seed=0)
    for name, value in layer.state_dict().items():
        _parameter(block, name, value.shape, what)
    ck.expect_registered(block, what)
    plain = ck.build_model(sol.TransformerEncoderBlock, 16, 4, what="TransformerEncoderBlock(16, 4)")
    ck.expect_linear(plain.linear1, 16, 2048, "TransformerEncoderBlock(16, 4).linear1 (default "
                     "dim_feedforward=2048)")
    _expect_dropouts(plain, 0.1, "TransformerEncoderBlock(16, 4) (default dropout=0.1)")
    ck.expect(plain.self_attn.dropout == 0.1, "TransformerEncoderBlock(16, 4).self_attn.dropout = 0.1",
              str(plain.self_attn.dropout), "pass dropout=dropout to nn.MultiheadAttention")


def _model_params(vocab, d, layers, classes, ff):
    return vocab * d + layers * (4 * d * d + 2 * d * ff + ff + 9 * d) + 2 * d + d * classes + classes


def test_param_count(sol):
    for d, heads in ((16, 4), (128, 8)):
        what = f"TransformerEncoderBlock({d}, {heads}) (defaults dim_feedforward=2048, dropout=0.1)"
        block = ck.build_model(sol.TransformerEncoderBlock, d, heads, what=what)
        trusted = nn.TransformerEncoderLayer(d, heads, activation="gelu", norm_first=True, batch_first=True)
        ck.expect_param_count(block, ck.count_parameters(trusted), what)
    what = "TransformerEncoderBlock(24, 3, 40, 0.0)"
    block = ck.build_model(sol.TransformerEncoderBlock, 24, 3, 40, 0.0, what=what)
    ck.expect_param_count(block, 4 * 24 * 24 + 2 * 24 * 40 + 40 + 9 * 24, what)
    model = ck.build_model(sol.DNATransformer, what="DNATransformer()")
    ck.expect_param_count(model, DEFAULT_MODEL_PARAMS, "DNATransformer() (defaults: vocab_size=5, "
                          "d_model=128, nhead=8, num_layers=2, num_classes=2, dim_feedforward=512); the "
                          "positional encoding is a buffer, not parameters")
    what = ("DNATransformer(vocab_size=7, d_model=16, nhead=2, num_layers=3, num_classes=3, "
            "dim_feedforward=24)")
    model = ck.build_model(sol.DNATransformer, vocab_size=7, d_model=16, nhead=2, num_layers=3, num_classes=3,
                           dim_feedforward=24, what=what)
    ck.expect_param_count(model, _model_params(7, 16, 3, 3, 24), what)


def _check_block(sol, case, masked):
    width, heads, ff, batch, length, seed = case
    d = width * heads
    block, layer = _block(sol, d, heads, ff, seed)
    x = _x(batch, length, d, seed)
    what = f"TransformerEncoderBlock({d}, {heads}, {ff}) on x [{batch}, {length}, {d}]"
    if not masked:
        with torch.no_grad():
            found = _call(block, what, x.clone())
        ck.expect_tensor(found, what, (batch, length, d))
        ck.expect_close(found, _trusted(layer, x), f"{what} vs nn.TransformerEncoderLayer(..., "
                        "activation='gelu', norm_first=True, batch_first=True) with the same weights "
                        "(eval mode)", FORWARD_HINT)
        return
    lengths = _lengths(batch, length, seed)
    mask = _mask(lengths, length)
    valid = ~mask
    what += f" with padding_mask for valid lengths {lengths.tolist()}"
    with torch.no_grad():
        found = _call(block, what, x.clone(), mask)
    ck.expect_tensor(found, what, (batch, length, d))
    ck.expect_close(found[valid], _trusted(layer, x, mask)[valid],
                    f"{what}, at the valid positions, vs nn.TransformerEncoderLayer with "
                    "src_key_padding_mask",
                    MASK_HINT)
    noisy = torch.where(mask[..., None], 50 * _x(batch, length, d, seed + 1), x)
    with torch.no_grad():
        again = _call(block, what, noisy, mask)
    ck.expect_close(again[valid], found[valid], f"{what}: the valid positions' outputs when the padding "
                    "positions of x change", "padding keys must be ignored: key_padding_mask=padding_mask")
    with torch.no_grad():
        unmasked = _call(block, what, x, torch.zeros(batch, length, dtype=torch.bool))
        none = _call(block, what, x)
    ck.expect_close(unmasked, none, f"TransformerEncoderBlock({d}, {heads}, {ff}): an all-False padding_mask "
                    "vs padding_mask=None", MASK_HINT)


def test_matches_torch(sol):
    _check_block(sol, (4, 4, 32, 3, 7, 5), masked=False)  # a plain case first: d_model 16, 4 heads
    ck.for_all(BLOCK_CASES, lambda c: _check_block(sol, c, masked=False), max_examples=25)


def test_padding_mask(sol):
    _check_block(sol, (4, 4, 32, 3, 7, 6), masked=True)  # a plain case first: d_model 16, 3 rows of 7
    ck.for_all(BLOCK_CASES, lambda c: _check_block(sol, c, masked=True), max_examples=25)


def test_residual_paths(sol):
    d, heads, ff = 16, 4, 32
    block, layer = _block(sol, d, heads, ff, seed=7, dropout=0.1)
    x = _x(3, 6, d, seed=8)
    h1 = F.layer_norm(x, (d,), layer.norm1.weight, layer.norm1.bias, EPS)
    with torch.no_grad():
        attention = layer.self_attn(h1, h1, h1, need_weights=False)[0]

    def feed_forward(z):
        h2 = F.layer_norm(z, (d,), layer.norm2.weight, layer.norm2.bias, EPS)
        return F.linear(F.gelu(F.linear(h2, layer.linear1.weight, layer.linear1.bias)),
                        layer.linear2.weight, layer.linear2.bias).detach()

    zero_attn = ("self_attn.out_proj.weight", "self_attn.out_proj.bias")
    zero_ff = ("linear2.weight", "linear2.bias")
    with torch.no_grad():
        layer_ff = feed_forward(x)  # with the attention branch zeroed, the FF branch sees x itself
    cases = [(zero_attn + zero_ff, x,
              "both branches zeroed (out_proj and linear2): the block is the identity"),
             (zero_ff, x + attention, "the feed-forward branch zeroed (linear2): x + attention(norm1(x))"),
             (zero_attn, x + layer_ff, "the attention branch zeroed (out_proj): x + FF(norm2(x))")]
    for names, trusted, story in cases:
        block, _ = _block(sol, d, heads, ff, seed=7, dropout=0.1)
        with torch.no_grad():
            for name in names:
                block.get_parameter(name).zero_()
            found = _call(block, "TransformerEncoderBlock(16, 4, 32)", x)
        ck.expect_tensor(found, "TransformerEncoderBlock(16, 4, 32) on x [3, 6, 16]", (3, 6, d))
        ck.expect_close(found, trusted, f"TransformerEncoderBlock(16, 4, 32) in eval mode with {story}",
                        "each branch is ADDED to its input, x = x + branch(x), and nothing (no norm) comes "
                        "after the addition: the norms are inside the branches (pre-LN)")


def test_dropout_modes(sol):
    x = _x(4, 9, 16, seed=9)
    block, layer = _block(sol, 16, 4, 32, seed=10, dropout=0.1, what="TransformerEncoderBlock(16, 4, 32)")
    with torch.no_grad():
        first, second = block(x), block(x)
    ck.expect(torch.equal(first, second), "TransformerEncoderBlock in eval mode: the same output twice",
              "two different outputs", "use nn.Dropout modules (or F.dropout with training=self.training): "
              "dropout must be off in eval mode")
    ck.expect_close(first, _trusted(layer, x), "TransformerEncoderBlock(16, 4, 32) (dropout 0.1) in eval "
                    "mode vs nn.TransformerEncoderLayer", FORWARD_HINT)
    for p, what in ((0.5, "TransformerEncoderBlock(16, 4, 32, 0.5)"),
                    (None, "TransformerEncoderBlock(16, 4) (default dropout 0.1)")):
        args = (16, 4, 32, p) if p is not None else (16, 4)
        block = ck.build_model(sol.TransformerEncoderBlock, *args, what=what).train()
        first, second = ck.seeded(1, block, x), ck.seeded(2, block, x)
        ck.expect(not torch.equal(first, second), f"{what} in train mode: two calls give different outputs",
                  "the same output twice",
                  "dropout (nn.Dropout(dropout)) on both branches and after the GELU")
    block, _ = _block(sol, 16, 4, 32, seed=11, dropout=0.0, what="TransformerEncoderBlock(16, 4, 32, 0.0)")
    with torch.no_grad():
        evaluated = block(x)
        trained = ck.seeded(3, block.train(), x)
    ck.expect_close(trained, evaluated, "TransformerEncoderBlock(16, 4, 32, 0.0): train mode vs eval mode",
                    "use the dropout argument for every dropout, not a fixed rate")
    what = "DNATransformer(d_model=16, nhead=2, dropout=0.5)"
    model = ck.build_model(sol.DNATransformer, d_model=16, nhead=2, dropout=0.5, what=what)
    tokens = torch.randint(0, 5, (3, 11), generator=torch.Generator().manual_seed(12))
    ck.expect(not torch.equal(ck.seeded(1, model.train(), tokens), ck.seeded(2, model, tokens)),
              f"{what} in train mode: two calls give different logits", "the same logits twice",
              "pass dropout to every TransformerEncoderBlock")
    model.eval()
    with torch.no_grad():
        ck.expect(torch.equal(ck.seeded(1, model, tokens), ck.seeded(2, model, tokens)),
                  f"{what} in eval mode: the same logits twice", "two different results",
                  "no dropout active in eval mode")


def _perturbed(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.2 * torch.randn(p.shape, generator=g))
    return model.eval()


def test_dna_transformer(sol):
    d, heads, ff, classes = 16, 2, 32, 3
    what = f"DNATransformer(vocab_size=5, d_model={d}, nhead={heads}, num_layers=2, num_classes={classes}, " \
           f"dim_feedforward={ff}, dropout=0.1, max_len=64)"
    model = ck.build_model(sol.DNATransformer, vocab_size=5, d_model=d, nhead=heads, num_layers=2,
                           num_classes=classes, dim_feedforward=ff, dropout=0.1, max_len=64, what=what)
    emb = getattr(model, "embedding", None)
    ck.expect(isinstance(emb, nn.Embedding) and tuple(emb.weight.shape) == (5, d),
              f"{what}.embedding = nn.Embedding(5, {d})", repr(emb), "nn.Embedding(vocab_size, d_model)")
    layers = getattr(model, "layers", None)
    ck.expect(isinstance(layers, nn.ModuleList) and len(layers) == 2
              and all(isinstance(b, sol.TransformerEncoderBlock) for b in layers),
              f"{what}.layers = nn.ModuleList of 2 TransformerEncoderBlock", repr(type(layers)),
              "nn.ModuleList(TransformerEncoderBlock(d_model, nhead, dim_feedforward, dropout) for ...)")
    norm = getattr(model, "norm", None)
    ck.expect(isinstance(norm, nn.LayerNorm) and tuple(norm.normalized_shape) == (d,),
              f"{what}.norm = nn.LayerNorm({d})", repr(norm),
              "a final nn.LayerNorm(d_model) after the blocks")
    ck.expect_linear(getattr(model, "fc", None), d, classes, f"{what}.fc")
    _perturbed(model, seed=13)
    g = torch.Generator().manual_seed(14)
    tokens = torch.randint(0, 5, (4, 12), generator=g)
    lengths = torch.tensor([12, 7, 1, 10])
    mask = _mask(lengths, 12)
    with torch.no_grad():
        found = _call(model, f"{what} on tokens [4, 12]", tokens)
        ck.expect_tensor(found, f"{what} on int64 tokens [4, 12]", (4, classes))
        ck.expect_close(found, _trusted_model(model, tokens, None, heads, ff),
                        f"{what} (eval mode) on tokens [4, 12], no padding_mask", MODEL_HINT)
        masked = _call(model, f"{what} with a padding_mask", tokens, mask)
        ck.expect_tensor(masked, f"{what} on tokens [4, 12] with a padding_mask", (4, classes))
        ck.expect_close(masked, _trusted_model(model, tokens, mask, heads, ff),
                        f"{what} on tokens [4, 12] with padding_mask for valid lengths {lengths.tolist()}",
                        MODEL_HINT + " (the mean divides by each row's number of valid positions)")
        other = torch.where(mask, torch.randint(0, 5, (4, 12), generator=g), tokens)
        longer = torch.cat([other, torch.randint(0, 5, (4, 5), generator=g)], dim=1)
        again = _call(model, f"{what} with a padding_mask", longer, _mask(lengths, 17))
        ck.expect_close(again, masked, f"{what}: logits with other padding tokens and 5 more padding "
                        "positions appended (valid lengths unchanged)", "padding must change nothing: the "
                        "mask in every block, and the mean over the valid positions only")
    what = "DNATransformer() (defaults: d_model 128, nhead 8, 2 layers, 2 classes, dim_feedforward 512)"
    model = _perturbed(ck.build_model(sol.DNATransformer, what="DNATransformer()"), seed=15)
    ck.expect(len(model.layers) == 2 and all(b.dropout1.p == 0.1 for b in model.layers),
              f"{what}: 2 blocks with dropout 0.1", f"{len(model.layers)} blocks",
              "the defaults of the spec: num_layers=2, dropout=0.1")
    tokens = torch.randint(0, 5, (2, 10), generator=g)
    with torch.no_grad():
        found = _call(model, what, tokens)
        ck.expect_tensor(found, f"{what} on int64 tokens [2, 10]", (2, 2))
        ck.expect_close(found, _trusted_model(model, tokens, None, 8, 512), f"{what} on tokens [2, 10]",
                        MODEL_HINT)
        long = _call(model, f"{what} on tokens [1, 512] (max_len=512)",
                     torch.randint(0, 5, (1, 512), generator=g))
    ck.expect_tensor(long, f"{what} on tokens [1, 512] (default max_len=512)", (1, 2))


def _train(sol, data_seed=0, init_seed=0):
    """(first loss, final training loss, held-out accuracy) of the graders' training."""
    x, y = motif_classification(TRAIN_N, LENGTH, TATA_BOX, seed=data_seed)
    model = ck.build_model(sol.DNATransformer, seed=init_seed, what="DNATransformer(d_model=32, nhead=4, "
                           "num_layers=2, dim_feedforward=64, dropout=0.0)", **SMALL)
    adam = torch.optim.Adam(model.parameters(), lr=LR)
    first = None
    for _ in range(STEPS):
        adam.zero_grad()
        try:
            loss = F.cross_entropy(model(x), y)
            loss.backward()
        except RuntimeError as error:
            raise ck.CheckFailure("DNATransformer to train: "
                                  "F.cross_entropy(model(tokens), labels).backward()",
                                  f"RuntimeError: {error}", TRAIN_HINT) from None
        adam.step()
        first = loss.item() if first is None else first
    model.eval()
    x_test, y_test = motif_classification(TEST_N, LENGTH, TATA_BOX, seed=1000 + data_seed)
    with torch.no_grad():
        final = F.cross_entropy(model(x), y).item()
        accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
    return first, final, accuracy


def test_learns(sol):
    first, final, accuracy = _train(sol)
    trained = (f"DNATransformer(d_model=32, nhead=4, num_layers=2, dim_feedforward=64, dropout=0.0) after "
               f"{STEPS} full-batch Adam steps (lr {LR}) on motif_classification({TRAIN_N}, {LENGTH})")
    ck.expect_finite([first, final], f"{trained}: the losses")
    ck.expect(final <= first / LOSS_FACTOR, f"{trained}: the training loss to fall by {LOSS_FACTOR}x "
              f"(from {first:.4g} to <= {first / LOSS_FACTOR:.4g})", f"{final:.4g}",
              TRAIN_HINT)
    ck.expect(accuracy >= ACCURACY_BAR, f"{trained}: held-out accuracy >= {ACCURACY_BAR} on "
              f"motif_classification({TEST_N}, {LENGTH}, seed=1000)", f"{accuracy:.3f}", MODEL_HINT)


class _Masked(nn.Module):
    """A model called with a padding mask (the last two positions of rows 1.. padded)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, tokens):
        mask = torch.arange(tokens.shape[1], device=tokens.device) >= tokens.shape[1] - 2
        mask = mask.expand(tokens.shape[0], -1).clone()
        mask[0] = False
        return self.model(tokens, mask)


def _tiny(sol):
    return _Masked(sol.DNATransformer(d_model=8, nhead=2, num_layers=2, dim_feedforward=16))


# Operations whose result shape depends on the data (boolean indexing x[~mask] runs nonzero) have
# no kernel on the meta device; they are fine on real devices, so such a forward is not held against you.
DATA_DEPENDENT = ("nonzero", "item()", "data-dependent", "data dependent")


def _expect_follows_device(build, tokens, what):
    try:
        ck.expect_follows_device(build, tokens, what)
    except ck.CheckFailure as failure:  # the registered tensors moved: only the meta forward failed
        if not any(marker in failure.found for marker in DATA_DEPENDENT):
            raise


def test_follows_device(sol):
    tokens = torch.randint(0, 5, (3, 9), generator=torch.Generator().manual_seed(16))
    what = "DNATransformer(d_model=8, nhead=2, dim_feedforward=16)"
    _expect_follows_device(lambda: ck.build_model(sol.DNATransformer, d_model=8, nhead=2, dim_feedforward=16,
                                                  what=what), tokens, what + " without a padding_mask")
    _expect_follows_device(lambda: ck.build_model(_tiny, sol, what=what), tokens,
                           what + " with a padding_mask")


def test_cuda_parity(sol):
    tokens = torch.randint(0, 5, (4, 30), generator=torch.Generator().manual_seed(17))
    ck.expect_cuda_parity(lambda: ck.seeded(0, lambda: _Masked(sol.DNATransformer())), tokens,
                          "DNATransformer() with a padding_mask")
