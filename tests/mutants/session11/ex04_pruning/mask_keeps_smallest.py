"""Mutant: the global threshold computed by hand, but the mask given to prune.custom_from_mask
marks the weights to prune (|w| <= threshold) where it must mark those to KEEP: the smallest
weights survive and the largest are zeroed."""
import torch
import torch.nn.utils.prune as prune

from reference.session11.ex04_pruning import fine_tune, make_permanent, prunable_weights, sparsity_report  # noqa: F401

CAUGHT_BY = {"global_smallest", "accuracy_kept"}


def prune_globally(model, sparsity):
    parameters = prunable_weights(model)
    pool = torch.cat([getattr(m, n).detach().abs().flatten() for m, n in parameters])
    k = round(sparsity * pool.numel())
    threshold = pool.kthvalue(k).values if k > 0 else pool.new_tensor(-1.0)
    for module, name in parameters:
        prune.custom_from_mask(module, name, mask=(getattr(module, name).detach().abs() <= threshold).float())
    return model
