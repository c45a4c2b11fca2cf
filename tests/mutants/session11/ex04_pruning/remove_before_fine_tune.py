"""Mutant: the pruning is made permanent right away (prune.remove straight after pruning, as the
course guide does), so the fine-tune runs without masks and the pruned weights grow back."""
import torch.nn.utils.prune as prune

from reference.session11.ex04_pruning import fine_tune, make_permanent, prunable_weights, sparsity_report  # noqa: F401

CAUGHT_BY = {"zeros_survive", "accuracy_kept"}


def prune_globally(model, sparsity):
    parameters = prunable_weights(model)
    prune.global_unstructured(parameters, pruning_method=prune.L1Unstructured, amount=sparsity)
    for module, name in parameters:
        prune.remove(module, name)
    return model
