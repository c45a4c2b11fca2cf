"""Mutant: the filters of the model's last Conv1d instead of its first."""
from torch import nn

from reference.session04.ex04_filter_visualisation import top_activating_subsequences as _top
from reference.session04.ex04_filter_visualisation import visualize_conv_filters as _visualize

CAUGHT_BY = {"filter_figure", "top_subsequences"}


class _LastConvOnly(nn.Module):
    def __init__(self, conv):
        super().__init__()
        self.conv = conv


def _last(model):
    return _LastConvOnly([m for m in model.modules() if isinstance(m, nn.Conv1d)][-1])


def visualize_conv_filters(model, max_filters=32):
    return _visualize(_last(model), max_filters)


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    return _top(_last(model), sequences, filter_index, top_n)
