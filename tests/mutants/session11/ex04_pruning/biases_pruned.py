"""Mutant: every parameter of the Linear and Conv1d layers joins the global ranking, biases too
(small biases are pruned, and they take the place of weights that should have been pruned)."""
import torch.nn.utils.prune as prune
from torch import nn

from reference.session11.ex04_pruning import fine_tune, prunable_weights, sparsity_report  # noqa: F401

CAUGHT_BY = {"global_smallest", "biases_untouched", "accuracy_kept"}


def prune_globally(model, sparsity):
    parameters = [(module, name) for module in model.modules() if isinstance(module, (nn.Linear, nn.Conv1d))
                  for name, _ in list(module.named_parameters(recurse=False))]
    prune.global_unstructured(parameters, pruning_method=prune.L1Unstructured, amount=sparsity)
    return model


def make_permanent(model):
    for module in model.modules():
        if isinstance(module, (nn.Linear, nn.Conv1d)):
            for name in ("weight", "bias"):
                if hasattr(module, name + "_mask"):
                    prune.remove(module, name)
    return model
