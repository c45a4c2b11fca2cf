"""Reference solution: session 1, exercise 3 (reverse complement and k-mers)."""
import torch


def _partner() -> dict:
    """Each letter's complement, case kept: A<->T, C<->G, N<->N."""
    pairs = {"A": "T", "C": "G", "G": "C", "T": "A", "N": "N"}
    pairs.update({base.lower(): mate.lower() for base, mate in pairs.items()})
    return pairs


def _one_hot(sequence: str) -> torch.Tensor:
    """float32 [4, L]: rows A, C, G, T; letters looked up in upper case; others all zero."""
    one_hot = torch.zeros(4, len(sequence))
    for position, letter in enumerate(sequence.upper()):
        row = "ACGT".find(letter)
        if row >= 0:
            one_hot[row, position] = 1.0
    return one_hot


def reverse_complement(sequence: str) -> str:
    partner = _partner()
    return "".join(partner[letter] for letter in reversed(sequence))


def reverse_complement_one_hot(one_hot: torch.Tensor) -> torch.Tensor:
    return torch.flip(one_hot, dims=(-2, -1))


def extract_kmers(sequence: str, k: int = 6) -> list[str]:
    return [sequence[start:start + k] for start in range(len(sequence) - k + 1)]


def encode_kmer_batch(kmers: list[str]) -> torch.Tensor:
    return torch.stack([_one_hot(kmer) for kmer in kmers])


def sliding_window_kmers(sequence: str, k: int = 6, stride: int = 1) -> torch.Tensor:
    starts = range(0, len(sequence) - k + 1, stride)
    if len(starts) == 0:
        return torch.zeros(0, 4, k)
    return encode_kmer_batch([sequence[start:start + k] for start in starts])


def count_kmers(sequence: str, k: int = 6) -> torch.Tensor:
    digit = {"A": 0, "C": 1, "G": 2, "T": 3}
    counts = [0] * 4 ** k
    for kmer in extract_kmers(sequence.upper(), k):
        if all(letter in digit for letter in kmer):
            index = 0
            for letter in kmer:
                index = 4 * index + digit[letter]
            counts[index] += 1
    return torch.tensor(counts, dtype=torch.int64)
