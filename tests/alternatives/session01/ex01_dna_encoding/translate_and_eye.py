"""Correct alternative: str.translate to digits, numpy to read them, rows of an identity
matrix as columns; RNA-ready one_hot_encode through a dict of unit vectors."""
import numpy as np
import torch

_DIGITS = str.maketrans({**{b: str(i) for i, b in enumerate("ACGT")},
                         **{b: str(i) for i, b in enumerate("acgt")}})
_EYE = np.vstack([np.eye(4, dtype=np.float32), np.zeros((1, 4), dtype=np.float32)])


def one_hot_encode(sequence, nucleotide_to_int=None):
    if not nucleotide_to_int:
        nucleotide_to_int = dict(zip("ACGT", range(4)))
    units = {letter: torch.eye(4)[row] for letter, row in nucleotide_to_int.items()}
    columns = [units.get(letter.upper(), torch.zeros(4)) for letter in sequence]
    return torch.stack(columns, dim=1) if columns else torch.zeros(4, 0)


def one_hot_encode_vectorized(sequence):
    digits = np.frombuffer(sequence.translate(_DIGITS).encode("ascii"), dtype=np.uint8).astype(np.int64) - ord("0")
    digits = np.where((digits >= 0) & (digits < 4), digits, 4)
    return torch.from_numpy(_EYE[digits].T.copy())


def one_hot_encode_batch(sequences, length=None):
    width = length if length is not None else max(len(s) for s in sequences)
    out = torch.zeros((len(sequences), 4, width), dtype=torch.float32)
    for i, s in enumerate(sequences):
        part = one_hot_encode(s[:width])
        out[i, :, : part.shape[1]] = part
    return out


def decode_one_hot(one_hot):
    letters = {0: "A", 1: "C", 2: "G", 3: "T"}
    out = []
    for position in range(one_hot.shape[1]):
        column = one_hot[:, position]
        out.append(letters[int(column.argmax())] if column.max() > 0 else "N")
    return "".join(out)
