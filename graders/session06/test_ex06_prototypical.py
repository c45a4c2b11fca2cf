"""Graders: session 6, exercise 6 (episodes, prototypes, logits, MotifEncoder, episode_loss)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data.session06 import motif_family_dataset, pretrained_model

FRAGMENT = 40
EPISODES, LR, WAYS, SHOTS, QUERIES = 60, 0.01, 5, 5, 5
EVAL_EPISODES, SEEN_BAR, UNSEEN_BAR = 40, 0.80, 0.30
KERNEL, PAD = 9, 4
SAMPLING_HINT = ("return (support_idx, query_idx, classes): distinct classes drawn without replacement, "
                 "then for each class k_shot + n_query distinct examples split into support and query, "
                 "grouped class by class in the order of `classes`")


def _labels_with_gaps(seed):
    """Labels 3, 5, 8, ... with classes of different sizes (6 to 12), shuffled."""
    values = [3, 5, 8, 11, 12, 17, 20, 21]
    sizes = [6, 9, 7, 12, 6, 8, 10, 7]
    flat = torch.tensor([v for v, n in zip(values, sizes) for _ in range(n)])
    g = torch.Generator().manual_seed(seed)
    return flat[torch.randperm(flat.numel(), generator=g)], values


def _draw(sol, labels, ways, shots, queries, seed):
    out = sol.sample_episode(labels, ways, shots, queries, torch.Generator().manual_seed(seed))
    ck.expect(isinstance(out, tuple) and len(out) == 3,
              "sample_episode(...) to return a tuple (support_idx, query_idx, classes)",
              type(out).__name__ + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""),
              SAMPLING_HINT)
    return out


def _valid_episode(sol, labels, ways, shots, queries, seed):
    """Draw one episode and check it is one; returns it as Python lists."""
    support, query, chosen = _draw(sol, labels, ways, shots, queries, seed)
    call = f"sample_episode(labels, n_way={ways}, k_shot={shots}, n_query={queries}, generator seed {seed})"
    ck.expect_tensor(support, f"support_idx of {call}", (ways * shots,), torch.int64, SAMPLING_HINT)
    ck.expect_tensor(query, f"query_idx of {call}", (ways * queries,), torch.int64, SAMPLING_HINT)
    ck.expect_tensor(chosen, f"classes of {call}", (ways,), torch.int64, SAMPLING_HINT)
    present = set(labels.tolist())
    picked = chosen.tolist()
    ck.expect(len(set(picked)) == ways and set(picked) <= present,
              f"{call}: {ways} distinct classes, each a value of labels", str(picked),
              "draw the classes without replacement (torch.randperm over the distinct labels), "
              "not with torch.randint")
    s_list, q_list = support.tolist(), query.tolist()
    ck.expect(all(0 <= i < labels.numel() for i in s_list + q_list),
              f"{call}: indices in 0 .. {labels.numel() - 1}", f"support {s_list}, query {q_list}",
              "return positions in labels, not label values")
    ck.expect(len(set(s_list)) == len(s_list) and len(set(q_list)) == len(q_list),
              f"{call}: no index twice in the support or in the query", f"support {s_list}, query {q_list}",
              "draw each class's examples without replacement")
    shared = sorted(set(s_list) & set(q_list))
    ck.expect(not shared, f"{call}: support and query disjoint", f"indices in both: {shared}",
              "shuffle each class's examples once and cut: the first k_shot for the support, "
              "the next n_query for the query")
    for name, idx, per in (("support", s_list, shots), ("query", q_list, queries)):
        got = [labels[i].item() for i in idx]
        wanted = [c for c in picked for _ in range(per)]
        ck.expect(got == wanted, f"{call}: labels[{name}_idx] = {wanted} (grouped by episode class, "
                  "in the order of classes)", str(got), SAMPLING_HINT)
    return s_list, q_list, picked


def test_episode_sampling(sol):
    gaps, values = _labels_with_gaps(7)
    _, family_y = motif_family_dataset(20, 20, family_seed=0, seed=0, length=FRAGMENT)
    cases = [(gaps, 5, 2, 3), (gaps, 8, 1, 5), (gaps, 3, 4, 2), (family_y, 5, 5, 5)]
    for labels, ways, shots, queries in cases:
        for seed in range(3):
            _valid_episode(sol, labels, ways, shots, queries, seed)
    # the same seed twice: the same episode; the global random state neither used nor changed
    for labels, ways, shots, queries in (cases[0], cases[3]):
        first = _draw(sol, labels, ways, shots, queries, 11)
        again = ck.seeded(12345, _draw, sol, labels, ways, shots, queries, 11)
        ck.expect(all(torch.equal(a, b) for a, b in zip(first, again)),
                  "the same episode from two generators seeded alike (whatever torch's global seed)",
                  "two different episodes",
                  "take every random number from `generator` (generator=generator in every draw); "
                  "never torch.manual_seed or an unseeded draw")
        before = torch.get_rng_state()
        _draw(sol, labels, ways, shots, queries, 13)
        ck.expect(torch.equal(before, torch.get_rng_state()),
                  "torch's global random state unchanged by sample_episode", "it changed",
                  "pass generator=generator to every torch.randperm / torch.randint / torch.multinomial")
    # over 20 seeds: every class drawn, the classes vary, the examples of a class vary
    seen_classes, class_sets, shots_of = set(), set(), {}
    for seed in range(20):
        s_list, _, picked = _valid_episode(sol, gaps, 5, 2, 3, 100 + seed)
        seen_classes |= set(picked)
        class_sets.add(frozenset(picked))
        for pos, c in enumerate(picked):
            shots_of.setdefault(c, set()).update(s_list[pos * 2:pos * 2 + 2])
    ck.expect(seen_classes == set(values), "every class chosen in some of 20 episodes (seeds 100-119)",
              f"classes never chosen: {sorted(set(values) - seen_classes)}",
              "draw the classes at random among ALL distinct labels")
    ck.expect(len(class_sets) > 1, "different episodes from different generator seeds",
              "the same classes in all 20 episodes", "use the generator you are given, not a fixed seed")
    ck.expect(max(len(v) for v in shots_of.values()) > 2,
              "a class's support examples to vary from episode to episode",
              "each class always gets the same 2 support examples",
              "shuffle each class's examples (torch.randperm with the generator) before cutting")
    small = torch.arange(12) % 4  # 4 classes of 3 examples
    g = torch.Generator().manual_seed(0)
    ck.expect_raises(lambda: sol.sample_episode(gaps, 9, 1, 1, g), ValueError,
                     "sample_episode with n_way=9 on labels of 8 classes",
                     "raise ValueError when labels hold fewer than n_way distinct values")
    ck.expect_raises(lambda: sol.sample_episode(small, 2, 2, 2, g), ValueError,
                     "sample_episode with k_shot + n_query = 4 on classes of 3 examples",
                     "raise ValueError when a class has fewer than k_shot + n_query examples")


def _support_set(ways, sizes, width, seed, shuffle=True):
    g = torch.Generator().manual_seed(seed)
    tags = torch.cat([torch.full((n,), c) for c, n in enumerate(sizes[:ways])])
    if shuffle:
        tags = tags[torch.randperm(tags.numel(), generator=g)]
    emb = 2.0 * torch.randn(tags.numel(), width, generator=g) + 1.5
    return emb, tags


def _loop_means(emb, tags, ways):
    return torch.stack([emb[tags == c].double().mean(dim=0) for c in range(ways)])


PROTO_HINT = ("row c = mean of the embeddings labelled c: sum per class divided by that class's count "
              "(not the sum, not the first row, no assumption that the rows come grouped or equally many)")


def test_prototypes(sol):
    def check(case):
        ways, sizes, width, seed = case
        emb, tags = _support_set(ways, sizes, width, seed)
        emb_copy, tags_copy = emb.clone(), tags.clone()
        leaf = emb.clone().requires_grad_()
        found = sol.prototypes(leaf, tags, ways)
        what = f"prototypes(embeddings [{emb.shape[0]}, {width}], labels {tags.tolist()}, n_way={ways})"
        ck.expect_tensor(found, what, (ways, width))
        ck.expect_close(found, _loop_means(emb, tags, ways), what, PROTO_HINT)
        ck.expect(torch.equal(tags, tags_copy), f"{what} to leave the labels unchanged", "they changed",
                  "do not sort or edit the inputs in place")
        ck.expect(found.requires_grad, f"{what}: a result that carries gradients to the embeddings",
                  "requires_grad=False", "no .detach(), .item() or torch.tensor(...) rebuilt from numbers")
        upstream = torch.randn(ways, width, generator=torch.Generator().manual_seed(seed + 1))
        found.backward(upstream)
        counts = torch.tensor([float((tags == c).sum()) for c in range(ways)])
        closed = upstream[tags] / counts[tags].unsqueeze(1)
        ck.expect_close(leaf.grad, closed, f"{what}: gradient reaching support_embeddings",
                        "each row's gradient is its prototype's gradient divided by its class size")
        ck.expect(torch.equal(emb, emb_copy) and torch.equal(leaf.detach(), emb_copy),
                  f"{what} to leave the embeddings unchanged", "they changed", "work out of place")

    check((3, [2, 3, 1, 1, 1, 1], 4, 17))  # a plain case first: classes of 2, 3 and 1 rows, shuffled
    ck.for_all(st.tuples(st.integers(1, 6), st.lists(st.integers(1, 4), min_size=6, max_size=6),
                         st.integers(1, 12), st.integers(0, 10_000)), check, max_examples=40)


def _trusted_logits(q, p):
    return -torch.cdist(q.double(), p.double(), compute_mode="donot_use_mm_for_euclid_dist") ** 2


LOGIT_HINT = ("logits[q, c] = -((query[q] - protos[c]) ** 2).sum(): the NEGATIVE SQUARED Euclidean "
              "distance (not the distance, not its square root, not a mean over dimensions)")


def test_logits(sol):
    def check(case):
        n_q, ways, width, spread, seed = case
        g = torch.Generator().manual_seed(seed)
        q = spread * torch.randn(n_q, width, generator=g)
        p = spread * torch.randn(ways, width, generator=g)
        p[0] = q[0]  # one query on a prototype: distance 0
        q_leaf, p_leaf = q.clone().requires_grad_(), p.clone().requires_grad_()
        found = sol.prototype_logits(q_leaf, p_leaf)
        what = f"prototype_logits(queries [{n_q}, {width}], prototypes [{ways}, {width}])"
        ck.expect_tensor(found, what, (n_q, ways))
        ck.expect_close(found, _trusted_logits(q, p), what, LOGIT_HINT, atol=1e-4)
        w = torch.randn(n_q, ways, generator=g)
        found.backward(w)
        gap = q[:, None, :] - p[None, :, :]  # [Q, n_way, D]
        ck.expect_close(q_leaf.grad, -2 * (w[:, :, None] * gap).sum(1), f"{what}: gradient to the queries",
                        LOGIT_HINT, atol=1e-4)
        ck.expect_close(p_leaf.grad, 2 * (w[:, :, None] * gap).sum(0), f"{what}: gradient to the prototypes",
                        LOGIT_HINT, atol=1e-4)

    ck.for_all(st.tuples(st.integers(1, 8), st.integers(1, 6), st.integers(1, 16),
                         st.sampled_from([0.5, 1.0, 3.0]), st.integers(0, 10_000)), check, max_examples=40)


def test_episode_loss(sol):
    trunk = pretrained_model().features.eval()
    x, y = motif_family_dataset(6, 8, family_seed=3, seed=4, length=FRAGMENT)
    for ways, shots, queries, seed in ((4, 3, 2, 0), (6, 2, 5, 1)):
        s_list, q_list, _ = _valid_episode(sol, y, ways, shots, queries, seed)
        ck.expect((s_list, q_list) == _valid_episode(sol, y, ways, shots, queries, seed)[:2],
                  "sample_episode to give the same episode for the same generator seed (this check "
                  "recomputes the episode episode_loss draws)", "two different episodes",
                  "draw only from the generator you are given: see the episode_sampling check")
        found = sol.episode_loss(trunk, x, y, ways, shots, queries, torch.Generator().manual_seed(seed))
        call = (f"episode_loss(pretrained trunk, x, y, n_way={ways}, k_shot={shots}, n_query={queries}, "
                f"generator seed {seed})")
        ck.expect_tensor(found, call, ())
        ck.expect(found.requires_grad, f"{call} to carry gradients back to the encoder",
                  "requires_grad=False", "no torch.no_grad(), .detach() or .item() on the way")
        with torch.no_grad():
            z_s, z_q = trunk(x[torch.tensor(s_list)]), trunk(x[torch.tensor(q_list)])
            centres = z_s.double().reshape(ways, shots, -1).mean(dim=1)
            scores = _trusted_logits(z_q, centres)
            truth = torch.arange(ways).repeat_interleave(queries)
            trusted = -scores.log_softmax(dim=1).gather(1, truth[:, None]).mean()
        ck.expect_close(found, trusted,
                        f"{call} vs the cross-entropy of the episode your sample_episode draws",
                        "one sample_episode call; prototypes with episode labels 0..n_way-1 (support row j "
                        "is class j // k_shot, not y's value); logits = -squared distances; mean "
                        "F.cross_entropy against query labels j // n_query")


def test_support_order(sol):
    def check(case):
        ways, shots, width, n_q, seed, unequal = case
        sizes = [shots + (c % 2 if unequal else 0) for c in range(6)]
        emb, tags = _support_set(ways, sizes, width, seed, shuffle=False)
        order = torch.randperm(tags.numel(), generator=torch.Generator().manual_seed(seed + 7))
        queries = torch.randn(n_q, width, generator=torch.Generator().manual_seed(seed + 3))
        grouped = sol.prototypes(emb, tags, ways)
        shuffled = sol.prototypes(emb[order], tags[order], ways)
        what = (f"prototypes of a support set ({ways} classes of sizes {sizes[:ways]}) before and after "
                f"shuffling it with the order {order.tolist()}")
        ck.expect_tensor(shuffled, what, (ways, width))
        hint = ("average by label, whatever the order of the rows (index_add, a mask per class "
                "or a one-hot matrix)")
        ck.expect_close(shuffled, grouped, what, hint)
        ck.expect_close(sol.prototype_logits(queries, shuffled), sol.prototype_logits(queries, grouped),
                        f"prototype_logits of {n_q} queries against those prototypes", hint)

    check((3, 2, 4, 3, 5, False))  # a plain case first: 3 classes of 2 rows, grouped, then shuffled
    ck.for_all(st.tuples(st.integers(1, 5), st.integers(1, 4), st.integers(1, 8), st.integers(1, 5),
                         st.integers(0, 10_000), st.booleans()), check, max_examples=40)


def _conv_layer(model, filters, what):
    convs = [m for m in model.modules() if isinstance(m, nn.Conv1d)]
    ck.expect(len(convs) == 1, f"{what} to hold exactly one nn.Conv1d", f"{len(convs)}",
              "one nn.Conv1d(4, num_filters, kernel_size=9, padding=4) as an attribute")
    conv = convs[0]
    found = (conv.in_channels, conv.out_channels, conv.kernel_size, conv.padding, conv.stride,
             conv.dilation, conv.bias is not None)
    wanted = (4, filters, (KERNEL,), (PAD,), (1,), (1,), True)
    ck.expect(found == wanted,
              f"{what}: Conv1d (in, out, kernel, padding, stride, dilation, bias) = {wanted}",
              str(found), "nn.Conv1d(4, num_filters, kernel_size=9, padding=4)")
    return conv


def _one_hot(n, length, seed):
    g = torch.Generator().manual_seed(seed)
    return F.one_hot(torch.randint(0, 4, (n, length), generator=g), 4).permute(0, 2, 1).float()


def _trusted_sampler(labels, seed):
    """The graders' own episodes: WAYS classes, SHOTS + QUERIES examples each."""
    g = torch.Generator().manual_seed(seed)
    members = {c: (labels == c).nonzero().flatten() for c in sorted(set(labels.tolist()))}
    names = list(members)
    for _ in range(EVAL_EPISODES):
        pick = [names[j] for j in torch.randperm(len(names), generator=g)[:WAYS].tolist()]
        rows = [members[c][torch.randperm(members[c].numel(), generator=g)[:SHOTS + QUERIES]] for c in pick]
        yield torch.stack([r[:SHOTS] for r in rows]), torch.stack([r[SHOTS:] for r in rows])


def _accuracy(encoder, x, y, seed):
    with torch.no_grad():
        z = encoder(x).double()
    right = 0
    for shots, queries in _trusted_sampler(y, seed):
        centres = z[shots].mean(dim=1)  # [WAYS, D]
        dist = ((z[queries][:, :, None, :] - centres[None, None]) ** 2).sum(-1)  # [WAYS, QUERIES, WAYS]
        right += int((dist.argmin(-1) == torch.arange(WAYS)[:, None]).sum())
    return right / (EVAL_EPISODES * WAYS * QUERIES)


def test_param_count(sol):
    for filters in (None, 16):
        what = "MotifEncoder()" if filters is None else f"MotifEncoder({filters})"
        args = () if filters is None else (filters,)
        model = ck.build_model(sol.MotifEncoder, *args, what=what)
        n_filters = filters or 128
        ck.expect_param_count(model, n_filters * (4 * KERNEL + 1), what + (" (default num_filters=128)"
                                                                           if filters is None else ""))
        conv = _conv_layer(model, n_filters, what)
        for length in (FRAGMENT, 80):
            x = _one_hot(5, length, seed=length)
            with torch.no_grad():
                found = model(x)
                trusted = F.conv1d(x, conv.weight, conv.bias, padding=PAD).clamp(min=0).max(dim=2).values
            ck.expect_tensor(found, f"{what} on [5, 4, {length}]", (5, n_filters))
            ck.expect_close(found, trusted, f"{what} on [5, 4, {length}]",
                            "ReLU of the convolution, then the maximum over positions (dim -1)")


def test_few_shot_accuracy(sol):
    x, y = motif_family_dataset(20, 20, family_seed=0, seed=0, length=FRAGMENT)
    encoder = ck.build_model(sol.MotifEncoder, what="MotifEncoder()")
    adam = torch.optim.Adam(encoder.parameters(), lr=LR)
    g = torch.Generator().manual_seed(1000)
    for _ in range(EPISODES):
        adam.zero_grad()
        loss = sol.episode_loss(encoder, x, y, WAYS, SHOTS, QUERIES, g)
        loss.backward()
        adam.step()
    ck.expect_finite(loss.item(), "the last episode's loss")
    seen = _accuracy(encoder, *motif_family_dataset(20, 10, family_seed=0, seed=1, length=FRAGMENT), seed=5)
    unseen = _accuracy(encoder, *motif_family_dataset(20, 10, family_seed=1, seed=2, length=FRAGMENT), seed=6)
    trained = f"MotifEncoder() after {EPISODES} episodes of your episode_loss (Adam lr {LR}, 5-way 5-shot)"
    ck.expect(seen >= SEEN_BAR, f"{trained}: 5-way 5-shot accuracy >= {SEEN_BAR} on new sequences of the "
              "training classes", f"{seen:.3f}",
              "episode_loss: re-indexed episode labels, prototypes = means, logits = MINUS squared "
              "distances, cross-entropy against the query rows' episode labels (row j is j // n_query)")
    ck.expect(unseen >= UNSEEN_BAR, f"{trained}: 5-way 5-shot accuracy >= {UNSEEN_BAR} on 20 classes never "
              "trained on (chance 0.2)", f"{unseen:.3f}",
              "the encoder: ReLU(conv) and the maximum over positions; the loss as in the spec")


class _Episode(nn.Module):
    """The student's encoder, prototypes and logits for a fixed 3-way 2-shot support set."""

    def __init__(self, sol):
        super().__init__()
        self.encoder = sol.MotifEncoder()
        self.centres_fn, self.logits_fn = sol.prototypes, sol.prototype_logits

    def forward(self, x):
        z = self.encoder(x)
        tags = torch.arange(3, device=x.device).repeat(2)
        return self.logits_fn(z[6:], self.centres_fn(z[:6], tags, 3))


def test_follows_device(sol):
    ck.expect_follows_device(lambda: ck.build_model(sol.MotifEncoder, 8, what="MotifEncoder(8)"),
                             _one_hot(3, FRAGMENT, seed=2), "MotifEncoder(8)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: ck.seeded(0, _Episode, sol), _one_hot(10, FRAGMENT, seed=3),
                          "MotifEncoder() with prototypes and prototype_logits")
