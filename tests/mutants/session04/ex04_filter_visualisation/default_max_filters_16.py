"""Mutant: max_filters defaults to 16 instead of 32."""
from reference.session04.ex04_filter_visualisation import _ex04_first_conv, top_activating_subsequences  # noqa: F401
from reference.session04.ex04_filter_visualisation import visualize_conv_filters as _visualize

CAUGHT_BY = {"figure_axes"}


def visualize_conv_filters(model, max_filters=16):
    return _visualize(model, max_filters)
