"""Mutant: prune.RandomUnstructured instead of prune.L1Unstructured: the right number of weights,
but chosen at random, not the smallest |w|."""
import torch.nn.utils.prune as prune

from reference.session11.ex04_pruning import fine_tune, make_permanent, prunable_weights, sparsity_report  # noqa: F401

CAUGHT_BY = {"global_smallest", "accuracy_kept"}


def prune_globally(model, sparsity):
    prune.global_unstructured(prunable_weights(model), pruning_method=prune.RandomUnstructured,
                              amount=sparsity)
    return model
