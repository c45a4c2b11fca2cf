"""Mutant: the course guide's removal loop, which makes the pruning permanent on nn.Linear layers
only: the pruned convolution keeps its weight_orig, weight_mask and forward pre-hook."""
import torch.nn.utils.prune as prune
from torch import nn

from reference.session11.ex04_pruning import fine_tune, prunable_weights, prune_globally, sparsity_report  # noqa: F401

CAUGHT_BY = {"made_permanent"}


def make_permanent(model):
    for module in model.modules():
        if isinstance(module, nn.Linear) and prune.is_pruned(module):
            prune.remove(module, "weight")
    return model
