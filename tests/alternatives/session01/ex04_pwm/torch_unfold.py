"""Correct alternative: torch one-hot via F.one_hot, the PWM as a mean of one-hot sites, and
every scan through Tensor.unfold and einsum instead of a convolution."""
import torch
import torch.nn.functional as F

LOOKUP = {"A": 0, "C": 1, "G": 2, "T": 3}


def _one_hot(text):
    idx = torch.tensor([LOOKUP[c] for c in text.upper()], dtype=torch.long)
    return F.one_hot(idx, num_classes=4).T.float().reshape(4, len(text))


def create_pwm(sequences):
    if not sequences:
        raise ValueError("no sites")
    if any(len(s) != len(sequences[0]) for s in sequences[1:]):
        raise ValueError("sites of different lengths")
    return torch.stack([_one_hot(s) for s in sequences]).mean(dim=0)


def score_with_pwm(sequence, pwm):
    if pwm.shape[1] != len(sequence):
        raise ValueError("wrong length")
    return float((_one_hot(sequence) * torch.log2(pwm + 1e-8)).sum())


def scan_sequence(sequence, pwm, threshold=-10.0):
    if len(sequence) < pwm.shape[1]:
        return []
    scores = scan_batch(_one_hot(sequence)[None], pwm)[0]
    keep = torch.nonzero(scores >= threshold).flatten().tolist()
    return [(j, scores[j].item()) for j in keep]


def scan_batch(one_hot_batch, pwm):
    windows = one_hot_batch.unfold(2, pwm.shape[1], 1)  # [B, 4, W, L]
    return torch.einsum("bcwl,cl->bw", windows, torch.log2(pwm + 1e-8))
