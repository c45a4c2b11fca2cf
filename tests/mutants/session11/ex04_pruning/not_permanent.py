"""Mutant: the pruning is never made permanent: make_permanent returns the model as it is, since
its weights already hold the zeros (weight_orig, weight_mask and the forward pre-hooks stay, and
the state_dict no longer loads into a plain model)."""
from reference.session11.ex04_pruning import fine_tune, prunable_weights, prune_globally, sparsity_report  # noqa: F401

CAUGHT_BY = {"made_permanent"}


def make_permanent(model):
    return model
