"""Mutant: the first phase trains every parameter, the trunk's too, at the head's
learning rate: the pretrained features are damaged by the untrained head's gradients."""
import torch

from reference.capstone1.ex03_training import _steps, evaluate_auc  # noqa: F401

CAUGHT_BY = {'frozen_phase'}


def train_variant_model(model, ref, alt, labels, frozen_steps=150, tune_steps=50, batch_size=64, lr=1e-2,
                        tune_lr=1e-3, generator=None):
    model.train()
    head = list(model.parameters())
    losses = _steps(model, head, ref, alt, labels, frozen_steps, batch_size, lr, generator)
    for parameter in model.trunk.parameters():
        parameter.requires_grad_(True)
    losses += _steps(model, list(model.parameters()), ref, alt, labels, tune_steps, batch_size, tune_lr,
                     generator)
    return losses


def fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_variant_model(model, ref[train_idx], alt[train_idx], labels[train_idx], generator=generator)
    return evaluate_auc(model, ref[test_idx], alt[test_idx], labels[test_idx])
