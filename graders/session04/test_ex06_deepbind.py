"""Graders: session 4, exercise 6 (DeepBindModel, reverse_complement_one_hot, score_both_strands)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session04 import one_hot, planted_motif_dataset, random_sequences

PARTNER = {"A": "T", "C": "G", "G": "C", "T": "A"}
CTCF = "TGGCCACCAGGGGGCGCTA"  # JASPAR MA0139.1 consensus
SIZES = [(101, 16, 24), (50, 8, 10), (60, 4, 12)]
AUC_BAR = 0.95
RC_HINT = ("complement = rows in reverse order (A<->T is row 0<->3, C<->G is row 1<->2), reverse = "
           "positions in reverse order; flip the last two dimensions, never the batch dimension")


def _count_formula(seq_len, n_motifs, motif_len):
    """Closed form: conv weights and biases, fc1 on n_motifs * floor(conv positions / 3), fc2."""
    pooled = (seq_len - motif_len + 1) // 3
    return n_motifs * (4 * motif_len + 1) + 32 * (n_motifs * pooled + 1) + 33


def _deepbind(sol, *args, seed=0, **kwargs):
    shown = ", ".join([*map(str, args), *(f"{k}={v}" for k, v in kwargs.items())])
    return ck.build_model(sol.DeepBindModel, *args, seed=seed, what=f"DeepBindModel({shown})", **kwargs)


def _strand_swap(sequence):
    """The reverse complement of a string, read 5' to 3' (anything but A, C, G, T stays N)."""
    return "".join(PARTNER.get(letter, "N") for letter in reversed(sequence))


def _entrywise_rc(x):
    """out[..., b, j] = x[..., 3 - b, L - 1 - j], one entry column at a time."""
    width = x.shape[-1]
    out = torch.empty_like(x)
    for row in range(4):
        for column in range(width):
            out[..., row, column] = x[..., 3 - row, width - 1 - column]
    return out


def _with_unknowns(sequences, every=7):
    """Sequences with an N at every ``every``-th position (all-zero one-hot columns)."""
    return ["".join("N" if (i + k) % every == 0 else c for i, c in enumerate(s))
            for k, s in enumerate(sequences)]


def _layers(model, seq_len, n_motifs, motif_len):
    """The model's Conv1d, Linear(flat_size, 32) and Linear(32, 1), found by type and size."""
    what = f"DeepBindModel({seq_len}, {n_motifs}, {motif_len})"
    convs = [m for m in model.modules() if isinstance(m, nn.Conv1d)]
    ck.expect(len(convs) == 1, f"{what} with exactly one registered nn.Conv1d",
              f"{len(convs)}", "one conv = nn.Conv1d(4, n_motifs, motif_len), kept as an attribute")
    conv = convs[0]
    found = (conv.in_channels, conv.out_channels, tuple(conv.kernel_size), tuple(conv.stride),
             conv.padding in ((0,), "valid"), tuple(conv.dilation), conv.bias is not None)
    ck.expect(found == (4, n_motifs, (motif_len,), (1,), True, (1,), True),
              f"{what}: conv = nn.Conv1d(4, {n_motifs}, {motif_len}), stride 1, no padding, a bias",
              f"Conv1d(in={found[0]}, out={found[1]}, kernel={found[2]}, stride={found[3]}, "
              f"padding={conv.padding}, dilation={found[5]}, bias={found[6]})",
              "in_channels 4 (A, C, G, T), out_channels n_motifs, kernel_size motif_len")
    flat = n_motifs * ((seq_len - motif_len + 1) // 3)
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    chosen = []
    for size in ((flat, 32), (32, 1)):
        layer = next((m for m in linears if (m.in_features, m.out_features) == size), None)
        ck.expect(layer is not None and layer.bias is not None,
                  f"{what}: a registered nn.Linear{size} with a bias",
                  "layers found: " + (", ".join(f"Linear({m.in_features}, {m.out_features})"
                                                for m in linears) or "none"),
                  f"fc1 = nn.Linear(flat_size, 32) with flat_size = n_motifs * ((seq_len - motif_len "
                  f"+ 1) // 3) = {flat}; fc2 = nn.Linear(32, 1)")
        chosen.append(layer)
    return conv, chosen[0], chosen[1]


def _by_hand(conv, fc1, fc2, x):
    """The forward pass in eval mode, from the model's own weights."""
    maps = F.relu(F.conv1d(x, conv.weight, conv.bias))
    pooled = F.max_pool1d(maps, kernel_size=3, stride=3).reshape(x.shape[0], -1)
    hidden = F.relu(pooled @ fc1.weight.T + fc1.bias)
    return torch.sigmoid(hidden @ fc2.weight.T + fc2.bias).reshape(-1)


def test_architecture(sol):
    for k, (seq_len, n_motifs, motif_len) in enumerate(SIZES):
        model = _deepbind(sol, seq_len=seq_len, n_motifs=n_motifs, motif_len=motif_len).eval()
        conv, fc1, fc2 = _layers(model, seq_len, n_motifs, motif_len)
        what = f"DeepBindModel({seq_len}, {n_motifs}, {motif_len})"
        x = one_hot(random_sequences(8, seq_len, seed=30 + k))
        for batch in (x, x[:1]):
            with torch.no_grad():
                out = model(batch)
                trusted = _by_hand(conv, fc1, fc2, batch)
            n = len(batch)
            ck.expect_tensor(out, f"{what} output for {n} sequence(s)", (n,),
                             hint="squeeze only the last dimension (.squeeze(-1)): one sequence "
                                  "gives shape [1], not a 0-d tensor")
            ck.expect(bool(((out > 0) & (out < 1)).all()), "probabilities in (0, 1)",
                      f"values from {out.min().item():.3g} to {out.max().item():.3g}",
                      "end with torch.sigmoid(fc2(...))")
            ck.expect_close(out, trusted, f"eval-mode forward of {what} ({n} sequence(s))",
                            "conv, ReLU, MaxPool1d(3, stride 3), flatten (motif by motif), fc1, ReLU, "
                            "dropout (off in eval), fc2, sigmoid")


def test_param_count(sol):
    ck.expect_param_count(_deepbind(sol), 14_929, "DeepBindModel() (defaults 101, 16, 24)")
    for seq_len, n_motifs, motif_len in [(50, 8, 10), (101, 32, 15), (30, 2, 26), (200, 16, 24)]:
        model = _deepbind(sol, seq_len=seq_len, n_motifs=n_motifs, motif_len=motif_len)
        ck.expect_param_count(model, _count_formula(seq_len, n_motifs, motif_len),
                              f"DeepBindModel(seq_len={seq_len}, n_motifs={n_motifs}, "
                              f"motif_len={motif_len})")
    ck.expect_param_count(_deepbind(sol, 60, 4, 12), _count_formula(60, 4, 12),
                          "DeepBindModel(60, 4, 12) (arguments in the order seq_len, n_motifs, motif_len)")


def test_reverse_complement(sol):
    def check(sequences):
        x = one_hot(sequences)
        wanted = one_hot([_strand_swap(s) for s in sequences])
        found = sol.reverse_complement_one_hot(x)
        what = f"reverse_complement_one_hot(one_hot({sequences!r}))"
        ck.expect_tensor(found, what, tuple(x.shape), hint="same shape as the input")
        ck.expect_close(found, wanted, what, RC_HINT, rtol=0, atol=0)
        single = sol.reverse_complement_one_hot(x[0])
        what = f"reverse_complement_one_hot of the single sequence {sequences[0]!r} ([4, L])"
        ck.expect_tensor(single, what, tuple(x[0].shape), hint="same shape as the input")
        ck.expect_close(single, wanted[0], what, RC_HINT + "; a [4, L] input has no batch dimension",
                        rtol=0, atol=0)

    batches = st.integers(1, 30).flatmap(
        lambda n: st.lists(st.text("ACGTN", min_size=n, max_size=n), min_size=1, max_size=4))
    ck.for_all(batches, check, max_examples=40)

    g = torch.Generator().manual_seed(17)
    for shape in [(3, 4, 17), (4, 9)]:
        x = torch.randn(shape, generator=g)
        untouched = x.clone()
        found = sol.reverse_complement_one_hot(x)
        what = f"reverse_complement_one_hot of a random real-valued tensor of shape {list(shape)}"
        ck.expect_tensor(found, what, shape, hint="same shape and dtype as the input")
        ck.expect_close(found, _entrywise_rc(untouched), what,
                        RC_HINT + "; rearrange entries only, whatever their values", rtol=0, atol=0)
        ck.expect(torch.equal(x, untouched), f"{what}: the input left unchanged", "the input changed",
                  "return a new tensor (torch.flip copies); don't write into x")
        twice = sol.reverse_complement_one_hot(found)
        ck.expect_close(twice, untouched, f"{what}, applied twice (gives the input back)", RC_HINT,
                        rtol=0, atol=0)


def _strand_probe(length, seed):
    """A small model of the graders' own whose score depends on the strand: [N, 4, L] -> [N]."""
    return ck.seeded(seed, lambda: nn.Sequential(
        nn.Conv1d(4, 3, 5), nn.ReLU(), nn.Flatten(), nn.Linear(3 * (length - 4), 1), nn.Flatten(0)))


def _deepbind_like(length, seed):
    """A DeepBind-shaped model built by the graders (with dropout), independent of yours."""
    return ck.seeded(seed, lambda: nn.Sequential(
        nn.Conv1d(4, 6, 8), nn.ReLU(), nn.MaxPool1d(3, 3), nn.Flatten(),
        nn.Linear(6 * ((length - 7) // 3), 32), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(32, 1), nn.Sigmoid(), nn.Flatten(0)))


BOTH_HINT = ("torch.maximum(model(x), model(reverse_complement_one_hot(x))): the larger of the two "
             "scores per sequence (not their mean or sum, and no extra sigmoid)")


def _expect_both_strands(sol, model, x, what):
    with torch.no_grad():
        flipped = _entrywise_rc(x)
        trusted = torch.maximum(model(x), model(flipped))
        found = sol.score_both_strands(model, x)
        ck.expect_tensor(found, f"score_both_strands({what}, x) for {len(x)} sequence(s)", (len(x),),
                         hint="one score per sequence: [N]")
        ck.expect_close(found, trusted, f"score_both_strands({what}, x)", BOTH_HINT, rtol=1e-6, atol=1e-7)
        mirrored = sol.score_both_strands(model, flipped)
        ck.expect_close(mirrored, found, f"score_both_strands({what}, x) scored again on the reverse "
                        "complement of x (the same)", RC_HINT, rtol=0, atol=1e-6)


def test_both_strands(sol):
    probe = _strand_probe(30, 1).eval()
    x = one_hot(_with_unknowns(random_sequences(6, 30, seed=21)))
    _expect_both_strands(sol, probe, x, "a small conv model")
    _expect_both_strands(sol, probe, x[:1], "a small conv model")
    soft = torch.softmax(torch.randn(5, 4, 30, generator=torch.Generator().manual_seed(22)), dim=1)
    _expect_both_strands(sol, probe, soft, "a small conv model, on base probabilities,")
    like = _deepbind_like(60, 2).eval()
    _expect_both_strands(sol, like, one_hot(random_sequences(7, 60, seed=23)), "a DeepBind-like model")
    default_sized = _deepbind_like(101, 4).eval()
    _expect_both_strands(sol, default_sized, one_hot(_with_unknowns(random_sequences(5, 101, seed=24))),
                         "a DeepBind-like model for 101 bp")

    batch = one_hot(random_sequences(4, 60, seed=25))
    for training in (True, False):
        model = _deepbind_like(60, 5).train(training)
        with ck.record_modes(model) as calls:
            out = ck.seeded(6, sol.score_both_strands, model, batch)
        mode = "train" if training else "eval"
        ck.expect(model.training == training, f"the model still in {mode} mode after the call",
                  f"{'train' if model.training else 'eval'} mode",
                  "don't call model.eval() or model.train() in score_both_strands: the caller chooses")
        ck.expect(all(c[1] == training and c[2] for c in calls),
                  f"every call of the model in {mode} mode with gradients enabled",
                  f"calls (batch size, train mode, grad enabled): {calls}",
                  "leave the mode as it is and don't use torch.no_grad() inside")
        if training:
            ck.expect(isinstance(out, torch.Tensor) and out.requires_grad,
                      "a result that carries gradients back to the model (train mode, grad enabled)",
                      "no autograd graph", "don't detach, don't use torch.no_grad() or .item() inside")
            out.sum().backward()
            conv = model[0]
            ck.expect(conv.weight.grad is not None and bool(conv.weight.grad.abs().sum() > 0),
                      "gradients on the model's first layer after backward()", "none",
                      "keep the result inside autograd: torch.maximum keeps gradients")


def test_eval_mode(sol):
    model = _deepbind(sol)
    conv, fc1, fc2 = _layers(model, 101, 16, 24)
    x = one_hot(random_sequences(64, 101, seed=41))
    model.eval()
    with torch.no_grad():
        first, second = ck.seeded(1, model, x), ck.seeded(2, model, x)
    ck.expect(torch.equal(first, second), "DeepBindModel() in eval mode deterministic", "outputs differ",
              "use nn.Dropout (or F.dropout(..., training=self.training)): no dropout in eval mode")
    model.train()
    with torch.no_grad():
        first, second = ck.seeded(1, model, x), ck.seeded(2, model, x)
    ck.expect(not torch.equal(first, second), "two train-mode passes of DeepBindModel() to differ",
              "identical outputs", "apply nn.Dropout(0.5) after fc1's ReLU")
    seen = {}
    hooks = [fc1.register_forward_hook(lambda m, a, out: seen.__setitem__("relu", F.relu(out))),
             fc2.register_forward_pre_hook(lambda m, a: seen.__setitem__("dropped", a[0]))]
    try:
        with torch.no_grad():
            ck.seeded(3, model, x)
    finally:
        for hook in hooks:
            hook.remove()
    ck.expect({"relu", "dropped"} <= set(seen), "fc1 and fc2 used in forward", "one of them not called",
              "forward goes through fc1, then fc2")
    relu, dropped = seen["relu"], seen["dropped"]
    ok = (dropped == 0) | torch.isclose(dropped, 2 * relu, rtol=1e-5, atol=1e-6)
    ck.expect(bool(ok.all()), "the input of fc2 in train mode: 0 or 2 x relu(fc1(...)) per value",
              f"{int((~ok).sum())} of {ok.numel()} values are neither",
              "dropout with p = 0.5 (nn.Dropout(0.5)) right after fc1's ReLU; not before fc1, not "
              "after fc2")
    positive = relu > 0
    zeroed = ((dropped == 0) & positive).sum().item() / max(int(positive.sum()), 1)
    ck.expect(0.35 <= zeroed <= 0.65, "about half of the positive fc1 activations zeroed (p = 0.5)",
              f"{zeroed:.1%}", "nn.Dropout(0.5)")


def _ex06_fit(model, X, y, order_seed, epochs=6, lr=0.005, batch_size=32):
    """The graders' training loop: Adam, BCE on the model's probabilities, seeded batches."""
    order = torch.Generator().manual_seed(order_seed)
    adam = torch.optim.Adam(params=model.parameters(), lr=lr)
    model.train()
    for _epoch in range(epochs):
        for rows in torch.randperm(len(X), generator=order).split(batch_size):
            loss = F.binary_cross_entropy(model(X[rows]), y[rows])
            adam.zero_grad()
            loss.backward()
            adam.step()
    model.eval()


def _ex06_auc(sol, data_seed, init_seed, strands="both"):
    """ROC AUC of DeepBindModel() trained by the graders, scored on held-out sequences."""
    from sklearn.metrics import roc_auc_score

    seqs, y, _ = planted_motif_dataset(1000, 101, CTCF, seed=data_seed)
    X = one_hot(seqs)
    model = _deepbind(sol, seed=init_seed)
    with torch.no_grad():
        probe = model.eval()(X[:8])
    ck.expect_tensor(probe, "DeepBindModel() output for 8 sequences", (8,))
    ck.expect(bool(((probe >= 0) & (probe <= 1)).all()), "probabilities in [0, 1] (the loss is BCELoss)",
              f"values from {probe.min().item():.3g} to {probe.max().item():.3g}",
              "end forward with torch.sigmoid")
    ck.seeded(init_seed + 1, _ex06_fit, model, X, y, order_seed=data_seed + 2)
    test_seqs, y_test, _ = planted_motif_dataset(200, 101, CTCF, seed=data_seed + 1)
    X_test = one_hot(test_seqs)
    other = torch.rand(200, generator=torch.Generator().manual_seed(data_seed + 3)) < 0.5
    X_test[other] = _entrywise_rc(X_test[other])
    with torch.no_grad():
        scores = sol.score_both_strands(model, X_test) if strands == "both" else model(X_test)
    ck.expect_tensor(scores, "score_both_strands(model, 200 sequences)", (200,))
    ck.expect_finite(scores, "the scores")
    return float(roc_auc_score(y_test.numpy(), scores.double().numpy()))


def test_auc(sol):
    auc = _ex06_auc(sol, data_seed=60, init_seed=0)
    ck.expect(auc >= AUC_BAR, f"ROC AUC >= {AUC_BAR} on 200 held-out sequences, both strands",
              f"{auc:.3f}", "check the model against the spec (sigmoid output, dropout only in train "
              "mode) and score_both_strands (the maximum over a sequence and its reverse complement)")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _deepbind(sol), one_hot(random_sequences(3, 101, seed=51)),
                             "DeepBindModel()")
    ck.expect_follows_device(lambda: _deepbind(sol, 40, 4, 6), one_hot(random_sequences(3, 40, seed=52)),
                             "DeepBindModel(40, 4, 6)")


class _Ex06BothStrands(nn.Module):
    """score_both_strands around a model, as a module (so it can move between devices)."""

    def __init__(self, sol, inner):
        super().__init__()
        self.inner = inner
        self.score = sol.score_both_strands

    def forward(self, x):
        return self.score(self.inner, x)


def test_cuda_parity(sol):
    x = one_hot(random_sequences(16, 101, seed=53))
    ck.expect_cuda_parity(lambda: _deepbind(sol), x, "DeepBindModel()")
    ck.expect_cuda_parity(lambda: _Ex06BothStrands(sol, _deepbind(sol)), x,
                          "score_both_strands(DeepBindModel(), x)")
