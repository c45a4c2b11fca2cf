"""Graders: session 5, exercise 4 (collate_sequences, handle_variable_length, PackedLSTMClassifier)."""
import sys

import torch
from torch import nn
from torch.nn.utils import rnn
from torch.overrides import TorchFunctionMode
from torch.utils.data import DataLoader

from coursekit import checks as ck
from coursekit.checks import CheckFailure
from coursekit.checks.devices import DEVICE_HINT
from coursekit.data.session05 import motif_length_dataset, pad_one_hot

PACK_HINT = ("pack with pack_padded_sequence(sequences, lengths, batch_first=True, enforce_sorted=False), "
             "run the LSTM you are given on the packed batch, then "
             "pad_packed_sequence(..., batch_first=True, total_length=sequences.shape[1])")


def _dna_items(n, seed):
    """(one-hot [L_i, 4], 0-d float label) pairs of the kit's variable-length DNA, and the strings."""
    strings, labels, _ = motif_length_dataset(n, 10, 40, seed=seed)
    return [(pad_one_hot([s])[0][0], labels[k]) for k, s in enumerate(strings)], strings, labels


def _trusted_pad(tensors):
    """Zero-padded, batch-first stack written with torch.cat (not pad_sequence)."""
    longest = max(t.shape[0] for t in tensors)
    return torch.stack([torch.cat([t, t.new_zeros(longest - t.shape[0], t.shape[1])]) for t in tensors])


def _collate(sol, items, what):
    result = sol.collate_sequences(items)
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 3,
              f"{what}: a tuple (padded, lengths, labels)",
              type(result).__name__ if not isinstance(result, (tuple, list)) else f"{len(result)} values",
              "return the three tensors in that order")
    return result


def _random_batch(lengths, features, seed, padding=None):
    """Random features [B, L, F] and int64 lengths. L is the longest length; zeros after each
    sequence's end, or, with ``padding=k``, k more positions and large random values in all padding
    (the valid values are the same either way)."""
    draw = torch.Generator().manual_seed(seed)
    longest = max(lengths)
    x = torch.randn(len(lengths), longest, features, generator=draw)
    width = longest + (padding or 0)
    garbage = 50 * torch.randn(len(lengths), width, features, generator=draw)
    if padding is None:
        garbage = torch.zeros_like(garbage)
    x = torch.cat([x, torch.zeros(len(lengths), width - longest, features)], dim=1)
    valid = torch.arange(width)[None, :] < torch.tensor(lengths)[:, None]
    return torch.where(valid[:, :, None], x, garbage), torch.tensor(lengths, dtype=torch.int64)


def _grader_lstm(features, hidden, layers, seed):
    return ck.seeded(seed, nn.LSTM, features, hidden, num_layers=layers, batch_first=True)


def _alone(lstm, x, lengths):
    """Each sequence run through the LSTM on its own, unpadded: (outputs per row, last h [B, H])."""
    per_row, finals = [], []
    with torch.no_grad():
        for b in range(x.shape[0]):
            seen, (h_last, _) = lstm(x[b:b + 1, :int(lengths[b])])
            per_row.append(seen[0])
            finals.append(h_last[-1, 0])
    return per_row, torch.stack(finals)


def _run(sol, lstm, x, lengths, what):
    try:
        with torch.no_grad():
            result = sol.handle_variable_length(lstm, x.clone(), lengths.clone())
    except NotImplementedError:
        raise
    except RuntimeError as err:
        sorted_error = "sorted" in str(err).lower()
        raise CheckFailure(f"handle_variable_length to run on {what}", f"RuntimeError: {err}",
                           "the lengths are not sorted: pass enforce_sorted=False (or sort, then restore "
                           "the order)" if sorted_error else PACK_HINT) from None
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2,
              "handle_variable_length to return (outputs, last_hidden)", type(result).__name__,
              "return both tensors as a tuple")
    outputs, last = result
    batch, width = x.shape[:2]
    ck.expect_tensor(outputs, f"outputs for {what}", (batch, width, lstm.hidden_size),
                     hint="pad_packed_sequence(..., batch_first=True, total_length=sequences.shape[1])")
    ck.expect_tensor(last, f"last_hidden for {what}", (batch, lstm.hidden_size),
                     hint="the last layer's final hidden state, one row per sequence: h_n[-1]")
    return outputs, last


def _expect_alone(sol, lstm, x, lengths, what, hint):
    outputs, last = _run(sol, lstm, x, lengths, what)
    per_row, finals = _alone(lstm, x, lengths)
    for b, seen in enumerate(per_row):
        ck.expect_close(outputs[b, :seen.shape[0]], seen,
                        f"{what}: outputs of sequence {b} (length {seen.shape[0]}) at its valid positions",
                        hint)
    ck.expect_close(last, finals, f"{what}: last_hidden, each sequence's state at its own last valid step",
                    hint + "; last_hidden is h_n[-1] of the packed run, not outputs[:, -1]")
    return outputs, last


def _parts(model, what):
    lstms = [m for m in model.modules() if isinstance(m, nn.LSTM)]
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    ck.expect(len(lstms) == 1 and len(linears) == 1, f"{what}: one nn.LSTM and one nn.Linear",
              f"{len(lstms)} LSTM and {len(linears)} Linear modules", "register them as attributes")
    return lstms[0], linears[0]


def _classifier(sol, what, seed=0, **sizes):
    return ck.build_model(sol.PackedLSTMClassifier, seed=seed, what=what, **sizes)


def _expect_classifier_alone(model, x, lengths, what, hint):
    lstm, linear = _parts(model, what)
    model.eval()
    with torch.no_grad():
        probs = model(x.clone(), lengths.clone())
        _, finals = _alone(lstm, x, lengths)
        trusted = torch.sigmoid(linear(finals))[:, 0]
    ck.expect_tensor(probs, f"{what} output", (x.shape[0],))
    ck.expect_close(probs, trusted, f"{what} output", hint)
    return probs


def test_collate(sol):
    items, strings, labels = _dna_items(12, seed=4)
    for size in (1, 5, 12):
        padded, _, got_labels = _collate(sol, items[:size], f"a batch of {size}")
        ck.expect_tensor(padded, f"padded for a batch of {size}", tuple(pad_one_hot(strings[:size])[0].shape))
        ck.expect_close(padded, pad_one_hot(strings[:size])[0], f"padded one-hot batch of {size}",
                        "row i: sequence i, then exactly 0.0 after its end (pad with zeros, keep the order)",
                        rtol=0, atol=0)
        ck.expect_tensor(got_labels, f"labels for a batch of {size}", (size,))
        ck.expect_close(got_labels, labels[:size], "labels", "labels[i] is the label of pair i: keep the "
                        "batch's order, do not sort", rtol=0, atol=0)
    feature_gen = torch.Generator().manual_seed(9)
    feats = [torch.randn(n, 6, generator=feature_gen) for n in (3, 11, 1, 7, 11)]
    numbers = [1.0, 0.0, 3.0, 0.0, 2.0]
    padded, _, got_labels = _collate(sol, list(zip(feats, numbers)), "random [L_i, 6] features")
    ck.expect_tensor(padded, "padded random features", (5, 11, 6))
    ck.expect_close(padded, _trusted_pad(feats), "padded random features [L_i, 6]",
                    "any feature size F: row i holds sequence i, then zeros", rtol=0, atol=0)
    ck.expect_tensor(got_labels, "labels given as Python numbers", (5,))
    ck.expect_close(got_labels, torch.tensor(numbers), "labels given as Python numbers",
                    "turn each label into a float (float(label)) and build one float32 tensor",
                    rtol=0, atol=0)
    many, many_strings, many_labels = _dna_items(40, seed=6)
    loader = DataLoader(many, batch_size=8, shuffle=False, collate_fn=sol.collate_sequences)
    for k, (padded, _, got_labels) in enumerate(loader):
        chunk = slice(8 * k, 8 * k + 8)
        ck.expect_close(padded, pad_one_hot(many_strings[chunk])[0], f"DataLoader batch {k}: padded",
                        "the DataLoader passes the list of pairs of one batch", rtol=0, atol=0)
        ck.expect_close(got_labels, many_labels[chunk], f"DataLoader batch {k}: labels",
                        "keep the batch's order", rtol=0, atol=0)


def test_lengths(sol):
    items, strings, _ = _dna_items(12, seed=8)
    cases = [items[:12], items[:1], [items[0]] * 3, items[3:9]]
    for case in cases:
        padded, lengths, _ = _collate(sol, case, f"a batch of {len(case)}")
        true = [t.shape[0] for t, _ in case]
        ck.expect_tensor(lengths, f"lengths of a batch of {len(case)}", (len(case),), dtype=torch.int64,
                         hint="lengths: torch.tensor([...], dtype=torch.int64), as "
                         "pack_padded_sequence wants")
        ck.expect(lengths.device.type == "cpu", "lengths on the CPU", f"on {lengths.device}",
                  "pack_padded_sequence needs CPU lengths: leave them there")
        ck.expect(lengths.tolist() == true, f"lengths {true}", str(lengths.tolist()),
                  "lengths[i] = number of positions of sequence i (its first dimension)")
        shape = tuple(padded.shape) if isinstance(padded, torch.Tensor) else type(padded).__name__
        ck.expect(isinstance(padded, torch.Tensor) and padded.dim() == 3 and padded.shape[1] == max(true),
                  f"the padded length equal to the batch's longest sequence, {max(true)}", f"shape {shape}",
                  "pad each batch to its own longest sequence, not to a fixed length")
        packed = rnn.pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
        ck.expect(int(packed.batch_sizes.sum()) == sum(true), "pack_padded_sequence to accept the outputs",
                  f"{int(packed.batch_sizes.sum())} packed steps for {sum(true)} valid positions",
                  "padded batch first, lengths the true lengths")


def test_equals_alone(sol):
    hint = PACK_HINT
    x, lengths = _random_batch([30, 23, 17, 17, 9, 4, 1], 4, seed=1)
    _expect_alone(sol, _grader_lstm(4, 16, 1, seed=2), x, lengths, "a sorted batch (one layer)", hint)
    x, lengths = _random_batch([25, 12, 6, 2], 4, seed=3)
    _expect_alone(sol, _grader_lstm(4, 16, 2, seed=4), x, lengths, "a sorted batch (two layers)",
                  hint + "; with two layers last_hidden is the last layer's: h_n[-1]")
    default = _classifier(sol, "PackedLSTMClassifier()")
    ck.expect_param_count(default, 4_897, "PackedLSTMClassifier() (defaults 4, 32)")
    x, lengths = _random_batch([40, 31, 20, 10], 4, seed=5)
    _expect_classifier_alone(default, x, lengths, "PackedLSTMClassifier()",
                             "sigmoid(Linear(last_hidden)) with last_hidden from handle_variable_length")
    other = _classifier(sol, "PackedLSTMClassifier(6, 16)", seed=1, input_size=6, hidden_size=16)
    ck.expect_param_count(other, 1_553, "PackedLSTMClassifier(6, 16)")
    x, lengths = _random_batch([12, 12, 5, 3], 6, seed=6)
    _expect_classifier_alone(other, x, lengths, "PackedLSTMClassifier(6, 16)",
                             "nn.LSTM(input_size, hidden_size, batch_first=True), nn.Linear(hidden_size, 1)")


def test_unsorted_batch(sol):
    hint = "results must come back in the batch's own order: enforce_sorted=False, or restore the order"
    lstm = _grader_lstm(4, 16, 1, seed=7)
    order = [3, 9, 14, 27, 5, 14, 1, 20]
    x, lengths = _random_batch(order, 4, seed=8)
    outputs, last = _expect_alone(sol, lstm, x, lengths, "an unsorted batch", hint)
    x2, lengths2 = _random_batch([2, 5, 9, 13], 4, seed=9)
    _expect_alone(sol, _grader_lstm(4, 16, 2, seed=10), x2, lengths2, "increasing lengths (two layers)", hint)
    perm = torch.tensor([6, 2, 0, 7, 4, 1, 3, 5])
    moved, moved_last = _run(sol, lstm, x[perm], lengths[perm], "the same batch permuted")
    ck.expect_close(moved, outputs[perm], "outputs of the permuted batch", "permuting the batch must permute "
                    "the results: " + hint)
    ck.expect_close(moved_last, last[perm], "last_hidden of the permuted batch", hint)
    model = _classifier(sol, "PackedLSTMClassifier(4, 8)", seed=3, input_size=4, hidden_size=8)
    _expect_classifier_alone(model, x, lengths, "PackedLSTMClassifier(4, 8) on an unsorted batch", hint)


def test_no_padding_used(sol):
    hint = "pack the batch so the LSTM stops at each length; pad_packed_sequence fills the rest with 0.0"
    lengths_list = [6, 19, 2, 11, 19]
    lstm = _grader_lstm(4, 16, 1, seed=11)
    clean, lengths = _random_batch(lengths_list, 4, seed=12)
    dirty, _ = _random_batch(lengths_list, 4, seed=12, padding=7)
    outputs, last = _expect_alone(sol, lstm, dirty, lengths, "large random values in the padding", hint)
    per_row, _ = _alone(lstm, clean, lengths)
    for b, n in enumerate(lengths_list):
        ck.expect_close(outputs[b, :n], per_row[b], f"outputs of sequence {b} with garbage padding", hint)
        tail = outputs[b, n:]
        ck.expect(bool((tail == 0).all()), f"outputs of sequence {b} exactly 0.0 after position {n - 1}",
                  f"{int((tail != 0).sum())} non-zero values in its padded positions",
                  "use pad_packed_sequence's zeros; do not run the LSTM over the padding")
    model = _classifier(sol, "PackedLSTMClassifier()", seed=5)
    with torch.no_grad():
        model.eval()
        before = model(clean.clone(), lengths.clone())
        after = model(dirty.clone(), lengths.clone())
    ck.expect_close(after, before, "PackedLSTMClassifier() output with garbage and extra padding",
                    "the classifier must read each sequence up to its length only")


class _Ex04WithLengths(nn.Module):
    """The classifier with fixed CPU lengths, so a device check can call it with one input."""

    def __init__(self, model, lengths):
        super().__init__()
        self.model = model
        self.lengths = list(lengths)

    def forward(self, x):
        return self.model(x, torch.tensor(self.lengths, dtype=torch.int64))


class _Ex04MetaRestoreOrder(TorchFunctionMode):
    """pad_packed_sequence reads its restore order back to the CPU (``.cpu()``), which a meta
    tensor cannot give: that one read, made inside torch's rnn module, gets a placeholder order."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if (func is torch.Tensor.cpu and args and isinstance(args[0], torch.Tensor)
                and args[0].device.type == "meta" and args[0].dtype == torch.int64
                and sys._getframe(1).f_code.co_filename.replace("\\", "/").endswith("torch/nn/utils/rnn.py")):
            return torch.arange(args[0].numel())
        return func(*args, **kwargs)


def test_follows_device(sol):
    lengths = [9, 3, 12, 6]
    x, _ = _random_batch(lengths, 4, seed=13)
    try:
        with _Ex04MetaRestoreOrder():
            ck.expect_follows_device(
                lambda: _Ex04WithLengths(_classifier(sol, "PackedLSTMClassifier(4, 8)", input_size=4,
                                                     hidden_size=8), lengths),
                x, "PackedLSTMClassifier(4, 8) with CPU lengths")
    except CheckFailure as err:
        if "lengths" not in err.found:
            raise
        raise CheckFailure(err.expected, err.found, "pack_padded_sequence needs the lengths on the CPU: "
                           "do not move them to the input's device") from None
    except NotImplementedError as err:
        if "meta" not in str(err):
            raise
        raise CheckFailure("PackedLSTMClassifier to run on the meta device", f"NotImplementedError: {err}",
                           DEVICE_HINT + "; keep only the lengths on the CPU") from None


def test_cuda_parity(sol):
    lengths = [9, 3, 12, 6]
    x, _ = _random_batch(lengths, 4, seed=14)
    ck.expect_cuda_parity(lambda: _Ex04WithLengths(_classifier(sol, "PackedLSTMClassifier()"), lengths),
                          x, "PackedLSTMClassifier()")
