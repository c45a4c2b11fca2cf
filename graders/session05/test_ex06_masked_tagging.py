"""Graders: session 5, exercise 6 (masked_cross_entropy, SequenceTagger)."""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.checks.base import CheckFailure
from coursekit.data.session05 import pad_indices, protein_structure_dataset

SIZES = [((), 25_923, 3), ((21, 8, 16, 4), 1_900, 4), ((25, 10, 12, 3), 1_441, 3)]
ACCURACY_BAR = 0.75
LOSS_HINT = ("average -log softmax(logits)[label] over the positions t < lengths[b] of all "
             "sequences together (divide by lengths.sum()); never read padded labels")


def _tagger(sol, args=(), seed=0):
    name = f"SequenceTagger({', '.join(map(str, args))})"
    return ck.build_model(sol.SequenceTagger, *args, seed=seed, what=name)


def _call_loss(sol, logits, labels, lengths, what):
    try:
        out = sol.masked_cross_entropy(logits, labels, lengths)
    except (CheckFailure, NotImplementedError):
        raise
    except Exception as err:  # a padded label of -100 used as a class index, for instance
        raise CheckFailure(f"masked_cross_entropy to run on {what}", f"{type(err).__name__}: {err}",
                           "padded labels may be -100 (or anything): select the valid positions "
                           "from the lengths before the labels are used") from None
    ck.expect_tensor(out, f"masked_cross_entropy on {what}", (), hint="return a 0-d tensor (a mean)")
    return out


def _random_batch(seed, batch, width, classes, lengths, padded_label):
    """Random logits [batch, width, classes]; valid labels in range, padded ones -100 or a class."""
    g = torch.Generator().manual_seed(seed)
    logits = 3 * torch.randn(batch, width, classes, generator=g)
    labels = torch.randint(0, classes, (batch, width), generator=g)
    lengths = torch.tensor(lengths, dtype=torch.int64)
    beyond = torch.arange(width).expand(batch, width) >= lengths[:, None]
    if padded_label == -100:
        labels[beyond] = -100
    return logits, labels, lengths


def _trusted_loss(logits, labels, lengths):
    """Loop over every sequence and each of its valid positions, in float64."""
    total, count = 0.0, 0
    for row, size in enumerate(lengths.tolist()):
        for pos in range(size):
            scores = logits[row, pos].double().tolist()
            top = max(scores)
            log_norm = top + math.log(sum(math.exp(s - top) for s in scores))
            total += log_norm - scores[int(labels[row, pos])]
            count += 1
    return total / count


@st.composite
def _loss_cases(draw):
    batch = draw(st.integers(1, 5))
    lengths = draw(st.lists(st.integers(1, 8), min_size=batch, max_size=batch))
    width = max(lengths) + draw(st.integers(0, 3))
    return dict(seed=draw(st.integers(0, 10_000)), batch=batch, width=width,
                classes=draw(st.integers(2, 5)), lengths=lengths,
                padded_label=draw(st.sampled_from([-100, "class"])))


def _padded_labels(label_list, width):
    out = torch.full((len(label_list), width), -100, dtype=torch.int64)
    for row, tags in enumerate(label_list):
        out[row, :len(tags)] = tags
    return out


def test_masked_loss(sol):
    def check(case):
        logits, labels, lengths = _random_batch(**case)
        what = (f"logits {tuple(logits.shape)}, lengths {case['lengths']}, "
                f"padded labels {case['padded_label']}")
        found = _call_loss(sol, logits, labels, lengths, what)
        ck.expect_close(found, _trusted_loss(logits, labels, lengths),
                        f"masked_cross_entropy ({what})", LOSS_HINT)
        picked_logits = torch.cat([logits[i, :n] for i, n in enumerate(case["lengths"])])
        picked_labels = torch.cat([labels[i, :n] for i, n in enumerate(case["lengths"])])
        ck.expect_close(found, F.cross_entropy(picked_logits, picked_labels, ignore_index=-100),
                        f"masked_cross_entropy ({what}) vs F.cross_entropy on the valid positions",
                        LOSS_HINT)

    ck.for_all(_loss_cases(), check, max_examples=25)
    logits, labels, lengths = _random_batch(7, 3, 6, 3, [6, 2, 4], -100)
    logits.requires_grad_(True)
    found = _call_loss(sol, logits, labels, lengths, "logits that require grad")
    ck.expect(found.requires_grad, "a loss that keeps the autograd graph (requires_grad=True)",
              "a tensor cut off from the graph",
              "compute with tensor operations on the logits; no .item(), no torch.tensor(...)")


def test_ignore_padding(sol):
    lengths = torch.tensor([9, 4, 1, 6])
    base, labels, _ = _random_batch(11, 4, 9, 3, lengths.tolist(), -100)
    padded = torch.arange(9).expand(4, 9) >= lengths[:, None]
    g = torch.Generator().manual_seed(1012)
    other_logits = base.clone()
    other_logits[padded] = 10 * torch.randn(int(padded.sum()), 3, generator=g)
    other_labels = labels.clone()
    other_labels[padded] = torch.randint(0, 3, (int(padded.sum()),), generator=g)
    results = []
    for name, logits, tags in [("padded labels -100", base, labels),
                               ("padded labels set to class indices", base, other_labels),
                               ("padded logits and labels changed", other_logits, other_labels)]:
        leaf = logits.clone().requires_grad_(True)
        loss = _call_loss(sol, leaf, tags, lengths, name)
        ck.expect(loss.requires_grad, f"the loss ({name}) to keep the autograd graph",
                  "no gradient can flow", "compute with tensor operations on the logits")
        loss.backward()
        ck.expect(leaf.grad is not None, "a gradient for the logits", "None", "keep the graph")
        largest = leaf.grad[padded].abs().max().item()
        ck.expect(largest == 0.0, f"gradient exactly 0 at every padded position ({name})",
                  f"a padded entry of size {largest:.3g}", "padded positions must not enter the loss")
        results.append((name, loss.detach(), leaf.grad.clone()))
    first = results[0]
    for name, loss, grad in results[1:]:
        ck.expect_close(loss, first[1], f"the loss with {name} (vs {first[0]})",
                        "the loss may depend on valid positions only", rtol=1e-5)
        ck.expect_close(grad, first[2], f"the gradient with {name} (vs {first[0]})",
                        "the loss may depend on valid positions only", rtol=1e-5)


def test_tagger_shape(sol):
    proteins, _ = protein_structure_dataset(5, 5, 15, seed=3)
    x, lengths = pad_indices(proteins)
    for args, _, classes in SIZES[:2]:
        model = _tagger(sol, args).eval()
        name = f"SequenceTagger({', '.join(map(str, args))})"
        with torch.no_grad():
            out = model(x)
            ck.expect_tensor(out, f"{name} logits for a batch {tuple(x.shape)}",
                             (*x.shape, classes))
            for i, n in enumerate(lengths.tolist()):
                alone = model(x[i:i + 1, :n])
                ck.expect_tensor(alone, f"{name} logits for protein {i} alone", (1, n, classes))
                ck.expect_close(out[i, :n], alone[0], f"{name}: protein {i}'s logits in the batch "
                                "(valid positions) vs run alone",
                                "nn.LSTM(..., batch_first=True), unidirectional, and the Linear applied "
                                "to the LSTM output at every position", atol=1e-5)


def test_param_count(sol):
    for args, count, _ in SIZES:
        name = f"SequenceTagger({', '.join(map(str, args))})"
        ck.expect_param_count(_tagger(sol, args), count,
                              name + (" (defaults 20, 32, 64, 3)" if not args else ""))


def test_learns(sol):
    proteins, tags = protein_structure_dataset(300, 20, 60, seed=0)
    x, lengths = pad_indices(proteins)
    y = _padded_labels(tags, x.shape[1])
    model = _tagger(sol, (), seed=0)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model.train()
        for _ in range(4):
            for start in range(0, 200, 50):
                chunk = slice(start, start + 50)
                loss = _call_loss(sol, model(x[chunk]), y[chunk], lengths[chunk], "a training batch")
                ck.expect(loss.requires_grad, "a loss that can be back-propagated",
                          "a tensor without grad", "keep the autograd graph (no .item())")
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
    model.eval()
    with torch.no_grad():
        guess = model(x[200:]).argmax(-1)
    truth = y[200:]
    scored = truth != -100
    accuracy = (guess[scored] == truth[scored]).double().mean().item()
    ck.expect(accuracy >= ACCURACY_BAR,
              f"per-residue accuracy >= {ACCURACY_BAR} on 100 held-out proteins after training",
              f"{accuracy:.3f}", "check the tagger (logits per position) and the masked loss")


def test_follows_device(sol):
    proteins, _ = protein_structure_dataset(3, 4, 9, seed=1)
    ck.expect_follows_device(lambda: _tagger(sol, (21, 8, 16, 4)), pad_indices(proteins)[0],
                             "SequenceTagger(21, 8, 16, 4)")


def test_cuda_parity(sol):
    proteins, _ = protein_structure_dataset(6, 10, 30, seed=2)
    ck.expect_cuda_parity(lambda: _tagger(sol), pad_indices(proteins)[0], "SequenceTagger()")
