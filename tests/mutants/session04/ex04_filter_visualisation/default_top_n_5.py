"""Mutant: top_n defaults to 5 instead of 10."""
from reference.session04.ex04_filter_visualisation import visualize_conv_filters  # noqa: F401
from reference.session04.ex04_filter_visualisation import top_activating_subsequences as _top

CAUGHT_BY = {"top_subsequences", "finds_planted_motif"}


def top_activating_subsequences(model, sequences, filter_index, top_n=5):
    return _top(model, sequences, filter_index, top_n)
