"""Mutant: amount read as the share of weights to KEEP: amount = 1 - sparsity, so a model asked to
be 80% sparse loses only 20% of its weights."""
import torch.nn.utils.prune as prune

from reference.session11.ex04_pruning import fine_tune, make_permanent, prunable_weights, sparsity_report  # noqa: F401

CAUGHT_BY = {"global_smallest", "accuracy_kept"}


def prune_globally(model, sparsity):
    prune.global_unstructured(prunable_weights(model), pruning_method=prune.L1Unstructured,
                              amount=1.0 - sparsity)
    return model
