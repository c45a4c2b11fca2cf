"""Correct alternative, in plain loops: the complement built letter by letter from the end,
the one-hot reverse complement as products with anti-diagonal permutation matrices, windows
sliced from one encoding of the whole sequence, and counts through a dict of k-mer indices."""
import itertools

import torch


def _column(letter):
    column = torch.zeros(4)
    row = {"A": 0, "C": 1, "G": 2, "T": 3}.get(letter.upper())
    if row is not None:
        column[row] = 1.0
    return column


def _encode(text):
    if not text:
        return torch.zeros(4, 0)
    return torch.stack([_column(letter) for letter in text], dim=1)


def reverse_complement(sequence):
    mate = {"A": "T", "T": "A", "C": "G", "G": "C", "N": "N"}
    out = []
    for i in range(len(sequence) - 1, -1, -1):
        letter = sequence[i]
        partner = mate[letter.upper()]
        out.append(partner if letter.isupper() else partner.lower())
    return "".join(out)


def reverse_complement_one_hot(one_hot):
    length = one_hot.shape[-1]
    swap_rows = torch.eye(4, dtype=one_hot.dtype).flip(0)
    swap_columns = torch.eye(length, dtype=one_hot.dtype).flip(0)
    return swap_rows @ one_hot @ swap_columns


def extract_kmers(sequence, k=6):
    found = []
    end = k
    while end <= len(sequence):
        found.append(sequence[end - k:end])
        end += 1
    return found


def encode_kmer_batch(kmers):
    batch = torch.zeros(len(kmers), 4, len(kmers[0]))
    for i, kmer in enumerate(kmers):
        batch[i] = _encode(kmer)
    return batch


def sliding_window_kmers(sequence, k=6, stride=1):
    whole = _encode(sequence)
    starts = list(range(0, len(sequence) - k + 1, stride))
    out = torch.zeros(len(starts), 4, k)
    for j, start in enumerate(starts):
        out[j] = whole[:, start:start + k]
    return out


def count_kmers(sequence, k=6):
    position = {"".join(word): i for i, word in enumerate(itertools.product("ACGT", repeat=k))}
    counts = torch.zeros(4 ** k, dtype=torch.int64)
    upper = sequence.upper()
    for start in range(len(upper) - k + 1):
        where = position.get(upper[start:start + k])
        if where is not None:
            counts[where] += 1
    return counts
