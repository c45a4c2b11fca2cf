"""Mutant: evaluate_auc leaves the model in eval mode after predicting."""
import torch
from sklearn.metrics import roc_auc_score

from reference.capstone1.ex03_training import train_variant_model  # noqa: F401

CAUGHT_BY = {'auc_matches'}


@torch.no_grad()
def _predict(model, ref, alt):
    model.eval()
    probabilities = torch.sigmoid(model(ref, alt))
    return probabilities


def evaluate_auc(model, ref, alt, labels):
    probabilities = _predict(model, ref, alt)
    return float(roc_auc_score(labels.cpu().numpy(), probabilities.cpu().numpy())), probabilities


def fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_variant_model(model, ref[train_idx], alt[train_idx], labels[train_idx], generator=generator)
    return evaluate_auc(model, ref[test_idx], alt[test_idx], labels[test_idx])
