"""Correct alternative: numpy throughout (byte codes, np.add.at counts, float64 log-scores,
sliding_window_view for the scans); tensors only at the edges."""
import numpy as np
import torch

_CODE = np.full(256, -1, dtype=np.int64)
for _i, _b in enumerate("ACGT"):
    _CODE[ord(_b)] = _CODE[ord(_b.lower())] = _i


def _codes(text):
    return _CODE[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]


def _table(pwm):
    return np.log2(np.asarray(pwm, dtype=np.float64) + 1e-8)


def create_pwm(sequences):
    if len(sequences) == 0 or len({len(s) for s in sequences}) != 1:
        raise ValueError("need one or more sites, all of the same length")
    codes = np.stack([_codes(s) for s in sequences])
    counts = np.zeros((4, codes.shape[1]))
    np.add.at(counts, (codes, np.broadcast_to(np.arange(codes.shape[1]), codes.shape)), 1.0)
    return torch.from_numpy(counts / len(sequences)).float()


def score_with_pwm(sequence, pwm):
    table = _table(pwm)
    if len(sequence) != table.shape[1]:
        raise ValueError("sequence and PWM lengths differ")
    return float(table[_codes(sequence), np.arange(table.shape[1])].sum())


def scan_sequence(sequence, pwm, threshold=-10.0):
    table = _table(pwm)
    span = table.shape[1]
    if len(sequence) < span:
        return []
    windows = np.lib.stride_tricks.sliding_window_view(_codes(sequence), span)
    scores = table[windows, np.arange(span)].sum(axis=1)
    return [(int(j), float(scores[j])) for j in np.flatnonzero(scores >= threshold)]


def scan_batch(one_hot_batch, pwm):
    table = _table(pwm)
    x = one_hot_batch.detach().cpu().numpy().astype(np.float64)
    windows = np.lib.stride_tricks.sliding_window_view(x, table.shape[1], axis=2)  # [B, 4, W, L]
    return torch.from_numpy(np.einsum("bcwl,cl->bw", windows, table)).float()
