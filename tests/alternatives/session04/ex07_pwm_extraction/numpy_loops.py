"""Correct alternative: numpy sliding windows for the scan, dictionaries and loops for the counts,
math.log2 per entry, and logomaker's own transform to the information matrix for the logo."""
import math

import logomaker
import numpy as np
import pandas as pd
import torch
from matplotlib import pyplot as plt

ROW = {"A": 0, "C": 1, "G": 2, "T": 3}


def activating_subsequences(conv, sequences, filter_index, threshold_fraction=0.5):
    kernel = conv.weight.detach()[filter_index].numpy().astype(np.float64)  # [4, K]
    width = kernel.shape[1]
    padded = np.vstack([kernel, np.zeros((1, width))])  # row 4: a letter that is no base
    codes = np.array([[ROW.get(c, 4) for c in s.upper()] for s in sequences])
    windows = np.lib.stride_tricks.sliding_window_view(codes, width, axis=1)  # [N, L-K+1, K]
    scores = padded[windows, np.arange(width)].sum(axis=-1)
    if conv.bias is not None:
        scores = scores + float(conv.bias.detach()[filter_index])
    best = scores.max()
    if best <= 0:
        return []
    rows, starts = np.nonzero(scores >= threshold_fraction * best)
    return [sequences[r][s:s + width] for r, s in zip(rows.tolist(), starts.tolist())]


def probability_matrix(sites, pseudocount=0.0):
    if len(sites) == 0:
        raise ValueError("no sites")
    length = len(sites[0])
    for site in sites:
        if len(site) != length:
            raise ValueError("sites of different lengths")
    columns = []
    for position in range(length):
        tally = {base: 0 for base in "ACGT"}
        for site in sites:
            letter = site[position].upper()
            if letter in tally:
                tally[letter] += 1
        total = sum(tally.values()) + 4 * pseudocount
        columns.append([(tally[b] + pseudocount) / total if total > 0 else 0.25 for b in "ACGT"])
    return torch.tensor(columns, dtype=torch.float32).reshape(length, 4).T.contiguous()


def information_content(pwm, background=None):
    q = [0.25] * 4 if background is None else [float(v) for v in background]
    values = []
    for column in pwm.double().T.tolist():
        values.append(sum(p * math.log2(p / qb) for p, qb in zip(column, q) if p > 0))
    return torch.tensor(values, dtype=torch.float32)


def draw_logo(pwm):
    probabilities = pd.DataFrame(pwm.double().T.numpy(), columns=["A", "C", "G", "T"])
    probabilities = probabilities.div(probabilities.sum(axis=1), axis=0)
    heights = logomaker.transform_matrix(probabilities, from_type="probability", to_type="information")
    fig = plt.figure(figsize=(8, 2))
    ax = fig.add_subplot()
    logomaker.Logo(heights, ax=ax, stack_order="small_on_top", color_scheme="NajafabadiEtAl2017")
    ax.set_ylabel("Bits")
    ax.set_xlabel("position")
    ax.set_title("Information logo")
    return fig
