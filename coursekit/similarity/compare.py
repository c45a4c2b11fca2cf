"""Pairwise similarity of students' code per exercise, and which pairs stand out.

Each file is fingerprinted with copydetect: Python tokens with names, strings, comments and layout
normalised away (so renaming, re-commenting and re-indenting change nothing; a reformatting that
adds or drops tokens, parentheses say, changes the k-grams around them), k-grams of
``K`` tokens hashed and winnowed (a window of ``WINDOW`` hashes), and every fingerprint of the
code the students were given (the stub) discarded as boilerplate. The similarity of a to b is
the share of a's fingerprinted tokens found in b (copydetect's own measure); a pair's score is
the smaller of its two similarities (high both ways).

A pair is flagged when its score is at least ``FLOOR`` and stands out from the exercise's own
distribution: at least its ``BASELINE_QUANTILE`` quantile plus ``MARGIN``. Where two correct
solutions of a small exercise cannot help being alike, the baseline is high and nothing is
flagged. A file with fewer than ``MIN_TOKENS`` tokens beyond the given code (an untouched stub,
an empty answer, a one-liner) is left out: too little to compare.
"""
from __future__ import annotations

import hashlib
import io
import itertools
from dataclasses import dataclass, field

import numpy as np

K, WINDOW = 25, 6  # copydetect's defaults: noise threshold 25 tokens, guarantee threshold 30
SALT = b"coursekit"  # the k-gram hash's salt: one fixed choice (see the sweep over salts below)
MIN_TOKENS = 40  # fingerprinted tokens beyond the given code, at least
# A flagged pair's score, at least. Swept over every exercise's authors (the reference and each correct
# alternative) and ten salts of the k-gram hash (which k-grams winnowing keeps): their 228 pairs score
# 0.486-0.556 at most, 0.521 with SALT; 729 copies of them, renamed, reformatted (ast.unparse) and
# re-commented, 0.739-0.785 at least, 0.744 with SALT (a reformatting that adds parentheses costs a
# small file a fifth of its k-grams). The floor sits midway.
FLOOR = 0.65
BASELINE_QUANTILE = 0.1  # the exercise's typical pair (robust to many copies in a class)
MARGIN = 0.3  # above that baseline, at least
MIN_PAIRS = 10  # fewer pairs than this: the floor alone decides


@dataclass
class Pair:
    a: str
    b: str
    similarity_a: float  # share of a's code found in b
    similarity_b: float
    flagged: bool = False

    @property
    def score(self) -> float:
        return min(self.similarity_a, self.similarity_b)


@dataclass
class ExerciseComparison:
    exercise: str
    pairs: list[Pair]
    left_out: dict[str, str]  # student -> why (untouched stub, empty, too short)
    threshold: float
    fingerprints: dict = field(default_factory=dict, repr=False)

    @property
    def flagged(self) -> list[Pair]:
        return sorted((p for p in self.pairs if p.flagged), key=lambda p: -p.score)


def kgram_hashes(text: str, k: int, salt: bytes = SALT) -> np.ndarray:
    """A 64-bit BLAKE2 hash of every k-gram of ``text``: the same in every process. (copydetect
    hashes k-grams with Python's ``hash``, which each process salts at random, so its winnowing
    keeps other k-grams, and a pair's similarity moves by up to 0.15, from one run to the next.)"""
    return np.array([int.from_bytes(hashlib.blake2b(text[i:i + k].encode(), digest_size=8, salt=salt).digest(),
                                    "little", signed=True) for i in range(len(text) - k + 1)], dtype=np.int64)


def fingerprint(text: str, boilerplate=(), salt: bytes = SALT):
    """copydetect's fingerprint of Python source ``text``, the boilerplate hashes discarded; its
    k-grams hashed by :func:`kgram_hashes`, so every run fingerprints alike."""
    from unittest import mock

    from copydetect import CodeFingerprint

    with mock.patch("copydetect.utils.hashed_kgrams", lambda text, k: kgram_hashes(text, k, salt)):
        return CodeFingerprint("answer.py", K, WINDOW, boilerplate=list(boilerplate), fp=io.StringIO(text))


def given_hashes(given_texts) -> set:
    """The fingerprints of the code every student was given (stub module, released cell)."""
    hashes = set()
    for text in given_texts:
        hashes |= set(fingerprint(text).hashes)
    return hashes


def threshold(scores, floor: float = FLOOR, quantile: float = BASELINE_QUANTILE,
              margin: float = MARGIN) -> float:
    """The score a pair of this exercise needs to be flagged."""
    if len(scores) < MIN_PAIRS:
        return floor
    return max(floor, float(np.quantile(np.asarray(scores, dtype=float), quantile)) + margin)


def compare_exercise(exercise: str, texts: dict[str, str], given_texts, floor: float = FLOOR,
                     margin: float = MARGIN) -> ExerciseComparison:
    """Every pair of the students' ``texts`` (student -> source) for one exercise."""
    from copydetect import compare_files

    boilerplate = given_hashes(given_texts)
    prints, left_out = {}, {}
    for student, text in sorted(texts.items()):
        if not text or not text.strip():
            left_out[student] = "empty"
            continue
        try:
            fp = fingerprint(text, boilerplate)
        except Exception as error:  # noqa: BLE001 - a file that does not tokenise is left out, saying why
            left_out[student] = f"not readable ({type(error).__name__})"
            continue
        if fp.token_coverage < MIN_TOKENS:
            left_out[student] = "the given code, or too little beyond it"
            continue
        prints[student] = fp
    pairs = []
    for a, b in itertools.combinations(sorted(prints), 2):
        fa, fb = prints[a], prints[b]
        if fa.hashes.isdisjoint(fb.hashes):
            pairs.append(Pair(a, b, 0.0, 0.0))
            continue
        _, (sim_a, sim_b), _ = compare_files(fa, fb)
        pairs.append(Pair(a, b, float(sim_a), float(sim_b)))
    cut = threshold([p.score for p in pairs], floor, margin=margin)
    for p in pairs:
        p.flagged = p.score >= cut
    return ExerciseComparison(exercise, pairs, left_out, cut, prints)


def matched_slices(comparison: ExerciseComparison, pair: Pair):
    """Where each side's matched code lies in its own text: (starts, ends) character arrays."""
    from copydetect import compare_files

    _, _, slices = compare_files(comparison.fingerprints[pair.a], comparison.fingerprints[pair.b])
    return slices
