"""Mutant: fit_and_score reports the AUC on the training rows it just fitted, not
on the test rows."""
import torch

from reference.capstone1.ex03_training import evaluate_auc, train_variant_model  # noqa: F401

CAUGHT_BY = {'auc_matches'}


def fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_variant_model(model, ref[train_idx], alt[train_idx], labels[train_idx], generator=generator)
    return evaluate_auc(model, ref[train_idx], alt[train_idx], labels[train_idx])
