"""Mutant: a sequence shorter than one window returns early with None instead of a figure."""
import torch

from reference.session01.ex06_translation_gc import analyze_gc_content as _reference_analysis
from reference.session01.ex06_translation_gc import translate_to_protein  # noqa: F401

CAUGHT_BY = {"gc_figure"}


def analyze_gc_content(sequence, window_size=100, step=50):
    if len(sequence) < window_size:
        return torch.zeros(0), None
    return _reference_analysis(sequence, window_size, step)
