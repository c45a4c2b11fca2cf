"""Reference solution: session 1, exercise 4 (position weight matrices and motif scans)."""
import torch
import torch.nn.functional as F


def _rows(sequence: str) -> torch.Tensor:
    """The row (A 0, C 1, G 2, T 3) of every letter, in either case."""
    upper = sequence.upper()
    if set(upper) - set("ACGT"):
        raise ValueError(f"only A, C, G, T are allowed, got {sorted(set(upper) - set('ACGT'))}")
    return torch.tensor(["ACGT".index(letter) for letter in upper], dtype=torch.int64)


def _log_weights(pwm: torch.Tensor) -> torch.Tensor:
    """log2 of the frequencies plus the pseudocount 1e-8: the score of each base at each position."""
    return torch.log2(pwm.float() + 1e-8)


def create_pwm(sequences: list[str]) -> torch.Tensor:
    if len(sequences) == 0:
        raise ValueError("create_pwm needs at least one site")
    width = len(sequences[0])
    if any(len(site) != width for site in sequences):
        raise ValueError("the sites of a PWM must all have the same length")
    counts = torch.zeros(4, width)
    for site in sequences:
        counts[_rows(site), torch.arange(width)] += 1.0
    return counts / len(sequences)


def score_with_pwm(sequence: str, pwm: torch.Tensor) -> float:
    width = pwm.shape[1]
    if len(sequence) != width:
        raise ValueError(f"the sequence has {len(sequence)} bases, the PWM {width} positions")
    weights = _log_weights(pwm)
    return weights[_rows(sequence), torch.arange(width)].sum().item()


def scan_sequence(sequence: str, pwm: torch.Tensor, threshold: float = -10.0) -> list[tuple[int, float]]:
    width = pwm.shape[1]
    hits = []
    for start in range(len(sequence) - width + 1):
        score = score_with_pwm(sequence[start:start + width], pwm)
        if score >= threshold:
            hits.append((start, score))
    return hits


def scan_batch(one_hot_batch: torch.Tensor, pwm: torch.Tensor) -> torch.Tensor:
    kernel = _log_weights(pwm).unsqueeze(0)
    return F.conv1d(one_hot_batch.float(), kernel).squeeze(1)
