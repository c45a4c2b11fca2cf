"""Mutant: only the nn.Linear layers are pruned (the course guide's loop): the convolution is left
out of the pool, so the zeros are not the smallest |w| of all the model's weights."""
import torch.nn.utils.prune as prune
from torch import nn

from reference.session11.ex04_pruning import fine_tune, sparsity_report  # noqa: F401

CAUGHT_BY = {"global_smallest", "accuracy_kept"}


def prunable_weights(model):
    return [(module, "weight") for module in model.modules() if isinstance(module, nn.Linear)]


def prune_globally(model, sparsity):
    prune.global_unstructured(prunable_weights(model), pruning_method=prune.L1Unstructured, amount=sparsity)
    return model


def make_permanent(model):
    for module, name in prunable_weights(model):
        if prune.is_pruned(module):
            prune.remove(module, name)
    return model
