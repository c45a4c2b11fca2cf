"""Graders: session 7, exercise 5 (KmerTokenizer, mask_tokens, mlm_loss, DNABert)."""
import itertools
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session07 import PROMOTER_MOTIF, kmer_corpus

SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
PAD, UNK, CLS, SEP, MASK = range(5)
K, VOCAB = 3, 5 + 4 ** 3
# learns_motif: sizes, budget and bar (see the spec's closing section for the sweep)
SMALL = dict(d_model=32, nhead=4, num_layers=2, dim_feedforward=64, max_len=18)
CORPUS, LENGTH, STEPS, BATCH, LR, HELD_OUT, MOTIF_BAR = 256, 48, 40, 64, 0.02, 64, 0.30
# masking_rates: 4-sigma binomial bounds, the spread of per-row counts, the chi-square bar
ROWS, ELIGIBLE_PER_ROW = 200, 100
ROW_VAR_RANGE, CHI2_BAR = (6.0, 22.0), 140.0

TOKENIZE_HINT = ("non-overlapping k-mers (stride k) of the uppercased sequence; id = 5 + the k-mer's rank "
                 "in lexicographic A<C<G<T order (itertools.product('ACGT', repeat=k)): AAA 5, AAC 6, ... "
                 "TTT 68 for k=3")
MASK_HINT = ("select each position whose id >= num_special independently with probability mask_prob; "
             "of the selected: 80% -> mask_id, 10% -> a random id in num_special .. vocab_size-1, 10% kept; "
             "labels = the original id at selected positions, -100 elsewhere")


def _trusted_vocab(k):
    return {"".join(p): 5 + i for i, p in enumerate(itertools.product("ACGT", repeat=k))}


_VOCABS = {}


def _vocab(k):
    if k not in _VOCABS:
        _VOCABS[k] = _trusted_vocab(k)
    return _VOCABS[k]


def _trusted_encode(seq, k, max_len=None):
    vocab, seq = _vocab(k), seq.upper()
    ids = [CLS] + [vocab.get(seq[i:i + k], UNK) for i in range(0, len(seq), k)] + [SEP]
    return ids + [PAD] * ((max_len or 0) - len(ids))


def _tokenizer(sol, k=None):
    tok = sol.KmerTokenizer() if k is None else sol.KmerTokenizer(k)
    return tok


def _as_list(value, what):
    if isinstance(value, torch.Tensor):
        value = value.tolist()
    ck.expect(isinstance(value, list), f"{what} to return a list", type(value).__name__,
              "return a Python list")
    return value


_TOKENIZERS = {}


def _cached_tokenizer(sol, k):
    key = (id(sol), k)
    if key not in _TOKENIZERS:
        _TOKENIZERS[key] = _tokenizer(sol, k)
    return _TOKENIZERS[key]


def _round_trip(sol, k, text):
    tok = _cached_tokenizer(sol, k)
    kmers = [text[i:i + k].upper() for i in range(0, len(text), k)]
    found = _as_list(tok.tokenize(text), f"KmerTokenizer({k}).tokenize({text!r})")
    ck.expect(found == kmers, f"KmerTokenizer({k}).tokenize({text!r}) = {kmers}", str(found), TOKENIZE_HINT)
    ids = _as_list(tok.encode(text), f"KmerTokenizer({k}).encode({text!r})")
    trusted = _trusted_encode(text, k)
    ck.expect(ids == trusted, f"KmerTokenizer({k}).encode({text!r}) = {trusted}", str(ids),
              "[CLS] (2), the k-mer ids, [SEP] (3); " + TOKENIZE_HINT)
    width = len(trusted) + 3
    padded = _as_list(tok.encode(text, max_len=width),
                      f"KmerTokenizer({k}).encode({text!r}, max_len={width})")
    ck.expect(padded == trusted + [PAD] * 3, f"KmerTokenizer({k}).encode({text!r}, max_len={width}) = "
              f"{trusted + [PAD] * 3}", str(padded), "pad with [PAD] (0) after [SEP] up to max_len")
    for ids_in, kind in ((padded, "list"), (torch.tensor(padded, dtype=torch.int64), "int64 tensor")):
        back = tok.decode(ids_in)
        ck.expect(back == text.upper(), f"KmerTokenizer({k}).decode(encode({text!r}, max_len={width})) "
                  f"given as a {kind} = {text.upper()!r}", repr(back),
                  "map each k-mer id back to its k bases, drop [PAD], [CLS] and [SEP]; accept a list or a "
                  "1-D tensor")


def test_tokenizer_round_trip(sol):
    _round_trip(sol, 3, "ACGTTTaaa")  # a plain case first
    _round_trip(sol, 2, "")

    def check(case):
        k, letters = case
        text = "".join(letters)
        _round_trip(sol, k, text[:len(text) - len(text) % k])

    ck.for_all(st.tuples(st.integers(1, 5), st.lists(st.sampled_from("ACGTacgt"), max_size=40)), check,
               max_examples=40)


def test_special_tokens(sol):
    ck.expect(tuple(getattr(sol, "SPECIAL_TOKENS", ())) == SPECIALS, f"SPECIAL_TOKENS = {SPECIALS}",
              repr(getattr(sol, "SPECIAL_TOKENS", None)), "define the module constant exactly as the spec")
    tok = _tokenizer(sol)
    found = tuple(getattr(tok, n, None) for n in ("pad_id", "unk_id", "cls_id", "sep_id", "mask_id"))
    ck.expect(found == (0, 1, 2, 3, 4),
              "KmerTokenizer(): pad_id, unk_id, cls_id, sep_id, mask_id = 0, 1, 2, 3, 4",
              str(found), "the special tokens take ids 0-4 in the order of SPECIAL_TOKENS")
    for k, size in ((None, VOCAB), (1, 9), (2, 21), (4, 261)):
        t = tok if k is None else _tokenizer(sol, k)
        what = "KmerTokenizer() (default k=3)" if k is None else f"KmerTokenizer({k})"
        ck.expect(getattr(t, "vocab_size", None) == size, f"{what}.vocab_size = {size}",
                  repr(getattr(t, "vocab_size", None)), "5 special tokens + 4**k k-mers")
    v = _vocab(3)
    cases = [("ACGTTT", 6, [CLS, v["ACG"], v["TTT"], SEP, PAD, PAD]),
             ("ACGNNN", None, [CLS, v["ACG"], UNK, SEP]),
             ("acgTnA", None, [CLS, v["ACG"], UNK, SEP]),
             ("RYKACG", None, [CLS, UNK, v["ACG"], SEP]),
             ("", None, [CLS, SEP]),
             ("GGGCCC", 4, [CLS, v["GGG"], v["CCC"], SEP])]
    for seq, width, wanted in cases:
        call = f"KmerTokenizer().encode({seq!r}" + (f", max_len={width})" if width else ")")
        ck.expect(_as_list(tok.encode(seq, width) if width else tok.encode(seq), call) == wanted,
                  f"{call} = {wanted}", str(tok.encode(seq, width) if width else tok.encode(seq)),
                  "[CLS] first, [SEP] right after the last k-mer, then [PAD] up to max_len; a k-mer holding "
                  "any letter other than A, C, G, T (after uppercasing) is [UNK] (1)")
    tokens = _as_list(tok.tokenize("ACGnnA"), "KmerTokenizer().tokenize('ACGnnA')")
    ck.expect(tokens == ["ACG", "[UNK]"], "KmerTokenizer().tokenize('ACGnnA') = ['ACG', '[UNK]']",
              str(tokens),
              "a k-mer with a letter other than ACGT becomes the string '[UNK]'")
    for ids, wanted in (([CLS, v["ACG"], UNK, SEP, PAD, PAD], "ACGNNN"),
                        ([CLS, MASK, v["TTT"], SEP], "NNNTTT")):
        back = tok.decode(ids)
        ck.expect(back == wanted, f"KmerTokenizer().decode({ids}) = {wanted!r}", repr(back),
                  "[UNK] and [MASK] decode to k N's; [PAD], [CLS] and [SEP] are dropped")
    batch = tok.encode_batch(["ACGTTT", "AAA"], 6)
    ck.expect_tensor(batch, "KmerTokenizer().encode_batch(['ACGTTT', 'AAA'], 6)", (2, 6), torch.int64)
    wanted = [_trusted_encode("ACGTTT", 3, 6), _trusted_encode("AAA", 3, 6)]
    ck.expect(batch.tolist() == wanted, f"KmerTokenizer().encode_batch(['ACGTTT', 'AAA'], 6) = {wanted}",
              str(batch.tolist()), "row i = encode(sequences[i], max_len)")
    errors = [(lambda: tok.tokenize("ACGT"), "tokenize('ACGT') (4 bases, k=3)"),
              (lambda: tok.encode("ACGT"), "encode('ACGT') (4 bases, k=3)"),
              (lambda: tok.encode("ACGTTT", 3), "encode('ACGTTT', max_len=3) (4 tokens)"),
              (lambda: tok.decode([CLS, VOCAB]), f"decode([2, {VOCAB}]) (id outside the vocabulary)"),
              (lambda: tok.decode([-1]), "decode([-1])")]
    for call, what in errors:
        ck.expect_raises(call, ValueError, f"KmerTokenizer().{what}",
                         "raise ValueError for a length not a multiple of k, a sequence longer than max_len, "
                         "and ids outside 0 .. vocab_size-1")


def _rate_input(seed, vocab_size=VOCAB, rows=ROWS):
    """[rows, 106]: [CLS], 100 random k-mer ids, [SEP], 4 [PAD]: exactly 100 eligible per row."""
    g = torch.Generator().manual_seed(seed)
    kmers = torch.randint(5, vocab_size, (rows, ELIGIBLE_PER_ROW), generator=g)
    return torch.cat([torch.full((rows, 1), CLS), kmers, torch.full((rows, 1), SEP),
                      torch.full((rows, 4), PAD)], dim=1)


def _mask(sol, ids, vocab_size, seed, **kwargs):
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    call = (f"mask_tokens(input_ids {list(ids.shape)}, {vocab_size}, generator seed {seed}"
            f"{', ' + args if args else ''})")
    out = sol.mask_tokens(ids, vocab_size, torch.Generator().manual_seed(seed), **kwargs)
    ck.expect(isinstance(out, tuple) and len(out) == 2, f"{call} to return (masked_inputs, labels)",
              type(out).__name__, "return a tuple of two tensors")
    masked, labels = out
    ck.expect_tensor(masked, f"masked_inputs of {call}", tuple(ids.shape), torch.int64)
    ck.expect_tensor(labels, f"labels of {call}", tuple(ids.shape), torch.int64)
    return masked, labels, call


def _within(value, centre, n, p, what, found_extra, hint):
    sigma = math.sqrt(p * (1 - p) / n)
    ck.expect(abs(value - centre) <= 4 * sigma, f"{what} within {centre:.4f} +/- {4 * sigma:.4f} (4 sigma)",
              f"{value:.4f}{found_extra}", hint)


def test_masking_rates(sol):
    ids = _rate_input(0)
    masked, labels, call = _mask(sol, ids, VOCAB, 1)  # the defaults: mask_prob 0.15, mask_id 4, num_special 5
    selected = labels != -100
    eligible = ROWS * ELIGIBLE_PER_ROW
    n_sel = int(selected.sum())
    _within(n_sel / eligible, 0.15, eligible, 0.15, f"{call}: the fraction of the {eligible} k-mer tokens "
            "selected (label != -100)", f" ({n_sel} selected)", MASK_HINT + " (default mask_prob=0.15)")
    ck.expect(n_sel > 0, f"{call}: some positions selected", "none", MASK_HINT)
    was, now = ids[selected], masked[selected]
    as_mask = int((now == MASK).sum())
    kept = int((now == was).sum())
    other = n_sel - as_mask - kept
    bad = sorted(set(now[(now != MASK) & ((now < 5) | (now >= VOCAB))].tolist()))
    ck.expect(not bad, f"{call}: every selected position becomes [MASK] (4), a k-mer id (5..68) or stays",
              f"selected positions replaced by {bad}",
              "draw the random replacement among the k-mer ids only: "
              "torch.randint(num_special, vocab_size, ...)")
    split = f" ({as_mask} [MASK], {other} random, {kept} unchanged of {n_sel})"
    _within(as_mask / n_sel, 0.8, n_sel, 0.8, f"{call}: the fraction of selected positions set to [MASK]",
            split, MASK_HINT)
    p_kept = 0.1 + 0.1 / 64  # a random k-mer equals the original with probability 1/64
    _within(kept / n_sel, p_kept, n_sel, p_kept, f"{call}: the fraction of selected positions left unchanged "
            "(10%, plus random draws that hit the original id)", split, MASK_HINT)
    _within(other / n_sel, 0.1 - 0.1 / 64, n_sel, 0.1 - 0.1 / 64,
            f"{call}: the fraction of selected positions set to another k-mer", split, MASK_HINT)
    per_row = selected.sum(dim=1).float()
    lo, hi = ROW_VAR_RANGE
    ck.expect(bool(((per_row >= 1) & (per_row <= 40)).all()) and lo <= per_row.var().item() <= hi,
              f"{call}: per row (100 k-mer tokens each) between 1 and 40 selected, the variance of the "
              f"{ROWS} counts in [{lo}, {hi}] (Binomial(100, 0.15): 12.75)",
              f"counts from {int(per_row.min())} to {int(per_row.max())}, "
              f"variance {per_row.var().item():.2f}",
              "select each TOKEN independently (one random number per position), not whole sequences "
              "and not a fixed number per sequence")
    # mask_prob = 1: every k-mer selected; the random replacements uniform over the k-mer ids
    for vocab_size, k in ((VOCAB, 3), (21, 2)):
        full = _rate_input(2, vocab_size)
        masked, labels, call = _mask(sol, full, vocab_size, 3, mask_prob=1.0)
        ck.expect(bool((labels[full >= 5] == full[full >= 5]).all()),
                  f"{call}: every k-mer token selected (label = its id)",
                  f"{int((labels[full >= 5] == -100).sum())} k-mer tokens not selected", MASK_HINT)
        swapped = (masked != MASK) & (masked != full) & (full >= 5)
        draws = masked[swapped]
        ck.expect(bool(((draws >= 5) & (draws < vocab_size)).all()),
                  f"{call}: random replacements in 5 .. {vocab_size - 1}",
                  f"values {sorted(set(draws[(draws < 5) | (draws >= vocab_size)].tolist()))}",
                  "torch.randint(num_special, vocab_size, ...): use the vocab_size argument")
        counts = torch.bincount(draws - 5, minlength=vocab_size - 5)[:vocab_size - 5].double()
        expected = counts.sum() / (vocab_size - 5)
        chi2 = float(((counts - expected) ** 2 / expected).sum())
        bar = CHI2_BAR if k == 3 else 60.0
        ck.expect(bool((counts > 0).all()) and chi2 < bar,
                  f"{call}: the {int(counts.sum())} random replacements cover every k-mer id, about "
                  f"uniformly (chi-square over {vocab_size - 5} ids < {bar})",
                  f"ids never drawn: {[5 + i for i in (counts == 0).nonzero().flatten().tolist()]}, "
                  f"chi-square {chi2:.1f}", "draw uniformly among ALL k-mer ids 5 .. vocab_size-1")
    masked, labels, call = _mask(sol, ids, VOCAB, 4, mask_prob=0.0)
    ck.expect(bool((labels == -100).all()) and torch.equal(masked, ids), f"{call}: nothing selected",
              f"{int((labels != -100).sum())} selected", "use the mask_prob argument")
    # all randomness from the generator
    first = _mask(sol, ids, VOCAB, 11)[:2]
    again = ck.seeded(12345, _mask, sol, ids, VOCAB, 11)[:2]
    other_global = ck.seeded(777, _mask, sol, ids, VOCAB, 11)[:2]
    ck.expect(all(torch.equal(a, b) and torch.equal(a, c) for a, b, c in zip(first, again, other_global)),
              "the same (masked_inputs, labels) from generators seeded alike, whatever torch's global seed",
              "different results", "pass generator=generator to every torch.rand / torch.randint / "
              "torch.bernoulli; never an unseeded draw")
    before = torch.get_rng_state()
    _mask(sol, ids, VOCAB, 13)
    ck.expect(torch.equal(before, torch.get_rng_state()),
              "torch's global random state unchanged by mask_tokens",
              "it changed", "draw only from `generator`")
    seeds = {tuple(_mask(sol, ids[:4], VOCAB, s)[1].flatten().tolist()) for s in (21, 22, 23)}
    ck.expect(len(seeds) == 3, "different selections from different generator seeds", "the same selection",
              "use the generator you are given, not a fixed seed")


def _special_input():
    """Rows with every special token among k-mer ids: [CLS] .. [UNK] .. [MASK] .. [SEP] [PAD]..."""
    g = torch.Generator().manual_seed(5)
    ids = torch.randint(5, VOCAB, (60, 40), generator=g)
    ids[:, 0], ids[:, 30] = CLS, SEP
    ids[:, 31:] = PAD
    ids[::2, 7] = UNK
    ids[1::3, 12] = MASK
    ids[::5, 20:23] = UNK
    ids[-10:, 10:] = PAD  # a short row
    ids[-10:, 9] = SEP
    return ids


def test_never_masks_specials(sol):
    plain = torch.tensor([[CLS, 10, 11, SEP, PAD]])
    masked, labels, call = _mask(sol, plain.clone(), VOCAB, 0, mask_prob=1.0)
    ck.expect(labels.tolist() == [[-100, 10, 11, -100, -100]], f"labels of {call} on [[2, 10, 11, 3, 0]]"
              " = [[-100, 10, 11, -100, -100]]", str(labels.tolist()),
              "only ids >= num_special (5) can be selected; labels hold the ORIGINAL id there, "
              "-100 elsewhere")
    ck.expect(masked[0, [0, 3, 4]].tolist() == [CLS, SEP, PAD],
              f"{call}: [CLS], [SEP], [PAD] left as they are",
              str(masked.tolist()), "never change a special token")
    ids = _special_input()
    special = ids < 5
    for prob, seed in ((1.0, 1), (0.5, 2), (None, 3)):
        copy = ids.clone()
        kwargs = {} if prob is None else {"mask_prob": prob}
        masked, labels, call = _mask(sol, copy, VOCAB, seed, **kwargs)
        ck.expect(torch.equal(copy, ids), f"{call} to leave input_ids unchanged", "input_ids changed",
                  "work on input_ids.clone(); never assign into input_ids")
        ck.expect(bool((labels[special] == -100).all()) and torch.equal(masked[special], ids[special]),
                  f"{call}: every [PAD] [UNK] [CLS] [SEP] [MASK] position unselected (label -100) "
                  "and unchanged",
                  f"{int((labels[special] != -100).sum())} special positions labelled, "
                  f"{int((masked[special] != ids[special]).sum())} changed",
                  "select only positions with id >= num_special")
        chosen = labels != -100
        ck.expect(torch.equal(labels[chosen], ids[chosen]),
                  f"{call}: labels = the original ids where selected",
                  "other values", "labels = input_ids where selected (before replacement), -100 elsewhere")
        ck.expect(torch.equal(masked[~chosen], ids[~chosen]), f"{call}: unselected positions unchanged",
                  f"{int((masked[~chosen] != ids[~chosen]).sum())} changed",
                  "replace only selected positions; labels -100 exactly where nothing was selected")
        if prob == 1.0:
            ck.expect(bool(chosen[~special].all()), f"{call}: every k-mer position selected",
                      f"{int((~chosen[~special]).sum())} not selected", MASK_HINT)


def _trusted_mlm(logits, labels):
    picked = labels != -100
    if not picked.any():
        return torch.zeros((), dtype=torch.float64)
    logp = logits.double().log_softmax(dim=-1)[picked]
    return -logp.gather(1, labels[picked][:, None]).mean()


LOSS_HINT = ("the mean cross-entropy over the positions whose label != -100 only: "
             "F.cross_entropy(logits.reshape(-1, V), labels.reshape(-1), ignore_index=-100)")


def _loss_case(sol, logits, labels, what):
    leaf = logits.clone().requires_grad_()
    found = sol.mlm_loss(leaf, labels)
    ck.expect_tensor(found, what, ())
    ck.expect_close(found, _trusted_mlm(logits, labels), what, LOSS_HINT, atol=1e-5)
    ck.expect(found.requires_grad, f"{what} to carry gradients to the logits", "requires_grad=False",
              "no .item(), .detach() or torch.tensor(...) rebuilt from numbers")
    found.backward()
    ignored = labels == -100
    ck.expect(leaf.grad is not None and bool((leaf.grad[ignored] == 0).all()),
              f"{what}: zero gradient at every position labelled -100", "non-zero gradients there",
              "positions with label -100 must not enter the loss")


def test_mlm_loss(sol):
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(2, 5, 9, generator=g)
    labels = torch.full((2, 5), -100)
    labels[0, 1], labels[1, 3], labels[1, 4] = 7, 2, 5
    _loss_case(sol, logits, labels, "mlm_loss(logits [2, 5, 9], labels with 3 positions != -100)")
    # many unmasked positions with terrible logits: they must not count
    bad = torch.randn(4, 30, VOCAB, generator=g)
    truth = torch.randint(5, VOCAB, (4, 30), generator=g)
    labels = torch.full((4, 30), -100)
    labels[:, 3] = truth[:, 3]
    bad[labels == -100] = -50.0 * F.one_hot(truth[labels == -100], VOCAB).float()
    found = sol.mlm_loss(bad, labels)
    ck.expect_close(found, _trusted_mlm(bad, labels), "mlm_loss with 4 labelled positions among 120 whose "
                    "other positions have terrible logits", LOSS_HINT + " (not a mean over all positions)",
                    atol=1e-5)
    none = sol.mlm_loss(torch.randn(2, 4, 9, generator=g).requires_grad_(), torch.full((2, 4), -100))
    ck.expect_tensor(none, "mlm_loss with every label -100", ())
    ck.expect(bool(none == 0), "mlm_loss with every label -100 to be 0.0 (not nan)", str(none.item()),
              "when nothing is labelled return a zero that keeps the graph, e.g. logits.sum() * 0.0")
    ck.expect(none.requires_grad, "mlm_loss with every label -100 to still carry a graph (backward works)",
              "requires_grad=False", "return logits.sum() * 0.0 rather than torch.tensor(0.0)")

    def check(case):
        batch, length, vocab, density, scale, seed = case
        gen = torch.Generator().manual_seed(seed)
        logits = scale * torch.randn(batch, length, vocab, generator=gen)
        labels = torch.randint(0, vocab, (batch, length), generator=gen)
        labels[torch.rand(batch, length, generator=gen) >= density] = -100
        labels.view(-1)[0] = 0  # at least one labelled position
        _loss_case(sol, logits, labels, f"mlm_loss(logits [{batch}, {length}, {vocab}] (scale {scale}), "
                   f"{int((labels != -100).sum())} labelled positions)")

    ck.for_all(st.tuples(st.integers(1, 4), st.integers(1, 12), st.integers(2, 30),
                         st.sampled_from([0.1, 0.5, 1.0]), st.sampled_from([0.5, 3.0, 20.0]),
                         st.integers(0, 10_000)), check, max_examples=30)


def _layer_count(d, ff, vocab, max_len, layers):
    block = (3 * d * d + 3 * d) + (d * d + d) + (d * ff + ff) + (ff * d + d) + 4 * d
    return vocab * d + max_len * d + layers * block + 2 * d + d * vocab + vocab


def _trusted_forward(model, ids, padding_mask=None):
    layer = model.encoder.layers[0]
    d = model.token_embedding.embedding_dim
    trusted = nn.TransformerEncoder(
        nn.TransformerEncoderLayer(d, layer.self_attn.num_heads, layer.linear1.out_features, 0.0,
                                   activation="gelu", batch_first=True, norm_first=True),
        len(model.encoder.layers), enable_nested_tensor=False).eval()
    trusted.load_state_dict(model.encoder.state_dict())
    x = model.token_embedding.weight[ids] + model.position_embedding.weight[:ids.shape[1]]
    with torch.no_grad():
        h = trusted(x.detach(), src_key_padding_mask=padding_mask)
        h = F.layer_norm(h, (d,), model.norm.weight, model.norm.bias, model.norm.eps)
        return F.linear(h, model.lm_head.weight, model.lm_head.bias)


ARCH_HINT = ("token_embedding = nn.Embedding(vocab_size, d_model), position_embedding = "
             "nn.Embedding(max_len, d_model), encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer("
             "d_model, nhead, "
             "dim_feedforward, dropout, activation='gelu', batch_first=True, norm_first=True), num_layers), "
             "norm = nn.LayerNorm(d_model), lm_head = nn.Linear(d_model, vocab_size)")


def _architecture(model, what, vocab, d, layers, ff, max_len):
    for name, kind in (("token_embedding", nn.Embedding), ("position_embedding", nn.Embedding),
                       ("encoder", nn.TransformerEncoder), ("norm", nn.LayerNorm), ("lm_head", nn.Linear)):
        ck.expect(isinstance(getattr(model, name, None), kind), f"{what}.{name} to be an {kind.__name__}",
                  type(getattr(model, name, None)).__name__, ARCH_HINT)
    found = (tuple(model.token_embedding.weight.shape), tuple(model.position_embedding.weight.shape),
             len(model.encoder.layers), model.encoder.layers[0].linear1.out_features,
             tuple(model.lm_head.weight.shape), model.encoder.norm is None)
    wanted = ((vocab, d), (max_len, d), layers, ff, (vocab, d), True)
    ck.expect(found == wanted, f"{what}: (token_embedding, position_embedding, layers, dim_feedforward, "
              f"lm_head, encoder.norm is None) = {wanted}", str(found),
              ARCH_HINT + "; the final LayerNorm is self.norm, not the encoder's norm argument")


def test_param_count(sol):
    cases = [((VOCAB,), {}, (VOCAB, 64, 2, 128, 64), "DNABert(69) (defaults)"),
             ((21,), dict(d_model=32, nhead=2, num_layers=1, dim_feedforward=48, max_len=20),
              (21, 32, 1, 48, 20),
              "DNABert(21, d_model=32, nhead=2, num_layers=1, dim_feedforward=48, max_len=20)")]
    for args, kwargs, (vocab, d, layers, ff, max_len), what in cases:
        model = ck.build_model(sol.DNABert, *args, what=what, **kwargs)
        ck.expect_param_count(model, _layer_count(d, ff, vocab, max_len, layers), what)
        _architecture(model, what, vocab, d, layers, ff, max_len)
        g = torch.Generator().manual_seed(vocab)
        for length in (7, max_len):
            ids = torch.randint(0, vocab, (3, length), generator=g)
            model.eval()
            with torch.no_grad():
                found = model(ids)
            ck.expect_tensor(found, f"{what} on input_ids [3, {length}]", (3, length, vocab), torch.float32)
            ck.expect_close(found, _trusted_forward(model, ids),
                            f"{what} on input_ids [3, {length}] (eval) vs token + position embeddings -> "
                            "torch's encoder with your weights -> norm -> lm_head",
                            "x = token_embedding(ids) + position_embedding(arange(L)) (no scaling); "
                            "encoder; norm; lm_head", atol=1e-5)
        pad = torch.zeros(3, 7, dtype=torch.bool)
        pad[0, 5:], pad[2, 3:] = True, True
        with torch.no_grad():
            found = model(ids[:, :7], padding_mask=pad)
        ck.expect_close(found[~pad], _trusted_forward(model, ids[:, :7], pad)[~pad],
                        f"{what} with a padding_mask (True = padding), at the non-padding positions",
                        "pass padding_mask to the encoder as src_key_padding_mask", atol=1e-5)
        model.train()
        ck.expect(torch.equal(model(ids), model(ids)), f"{what} in train mode: two calls equal (dropout=0.0 "
                  "by default)", "they differ", "the default dropout is 0.0")


def _motif_slot(seq):
    for start in range(0, len(seq) - len(PROMOTER_MOTIF) + 1, K):
        if seq[start:start + len(PROMOTER_MOTIF)] == PROMOTER_MOTIF:
            return 1 + start // K  # after [CLS]
    raise AssertionError("kmer_corpus always plants the motif at a multiple of k")


def _motif_accuracy(model, seqs):
    """Mask ONE motif token at a time (graders' masking) and predict it; also one background token."""
    ids = torch.tensor([_trusted_encode(s, K) for s in seqs])
    rows = torch.arange(len(seqs))
    slots = torch.tensor([_motif_slot(s) for s in seqs])
    model.eval()
    right = 0
    with torch.no_grad():
        for j in range(len(PROMOTER_MOTIF) // K):
            x = ids.clone()
            x[rows, slots + j] = MASK
            right += int((model(x)[rows, slots + j].argmax(-1) == ids[rows, slots + j]).sum())
        cols = torch.where(slots == 1, ids.shape[1] - 2, 1)
        x = ids.clone()
        x[rows, cols] = MASK
        background = int((model(x)[rows, cols].argmax(-1) == ids[rows, cols]).sum()) / len(seqs)
    return right / (len(seqs) * len(PROMOTER_MOTIF) // K), background


def _train(sol, seed):
    ids = torch.tensor([_trusted_encode(s, K) for s in kmer_corpus(CORPUS, LENGTH, seed=seed)])
    model = ck.build_model(sol.DNABert, VOCAB, seed=seed, what="DNABert(69, " + ", ".join(
        f"{k}={v}" for k, v in SMALL.items()) + ")", **SMALL)
    adam = torch.optim.Adam(model.parameters(), lr=LR)
    batches, masking = torch.Generator().manual_seed(100 + seed), torch.Generator().manual_seed(1000 + seed)
    model.train()
    for _ in range(STEPS):
        batch = ids[torch.randint(0, CORPUS, (BATCH,), generator=batches)]
        inputs, labels = sol.mask_tokens(batch, VOCAB, masking)
        loss = sol.mlm_loss(model(inputs), labels)
        adam.zero_grad()
        loss.backward()
        adam.step()
    ck.expect_finite(loss.item(), "the last training loss")
    return model


def test_learns_motif(sol):
    model = _train(sol, 0)
    accuracy, background = _motif_accuracy(model, kmer_corpus(HELD_OUT, LENGTH, seed=10_000))
    ck.expect(accuracy >= MOTIF_BAR,
              f"DNABert trained {STEPS} Adam steps (lr {LR}, batches of {BATCH}) with your mask_tokens "
              f"(defaults) and mlm_loss: accuracy >= {MOTIF_BAR} at predicting one masked motif token from "
              f"the other three, on {HELD_OUT} held-out sequences (chance 1/64)",
              f"{accuracy:.3f} (a masked background token: {background:.3f})",
              "labels must be the ORIGINAL ids at the selected positions; the loss the mean cross-entropy "
              "over those positions; the model's forward as in the spec")


def test_follows_device(sol):
    small = dict(d_model=16, nhead=2, num_layers=1, dim_feedforward=32, max_len=12)
    ids = torch.randint(0, 21, (3, 10), generator=torch.Generator().manual_seed(0))
    what = "DNABert(21, d_model=16, nhead=2, num_layers=1, dim_feedforward=32, max_len=12)"
    ck.expect_follows_device(lambda: ck.build_model(sol.DNABert, 21, what=what, **small), ids, what)


def test_cuda_parity(sol):
    ids = torch.randint(0, VOCAB, (4, 18), generator=torch.Generator().manual_seed(1))
    ck.expect_cuda_parity(lambda: ck.build_model(sol.DNABert, VOCAB, what="DNABert(69)"), ids, "DNABert(69)")
