"""Mutant: the course guide's per-layer pruning: prune.l1_unstructured on each layer with the same
amount, so every layer ends exactly at s instead of sharing one global ranking (the small
convolution, whose weights matter most, loses as much as the redundant hidden layer)."""
import torch.nn.utils.prune as prune

from reference.session11.ex04_pruning import fine_tune, make_permanent, prunable_weights, sparsity_report  # noqa: F401

CAUGHT_BY = {"global_smallest", "accuracy_kept"}


def prune_globally(model, sparsity):
    for module, name in prunable_weights(model):
        prune.l1_unstructured(module, name=name, amount=sparsity)
    return model
