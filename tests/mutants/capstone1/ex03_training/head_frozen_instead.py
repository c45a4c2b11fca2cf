"""Mutant: the wrong part frozen: the first phase trains the trunk and leaves the new
head as initialised (requires_grad_(False) on the head); the second phase trains the trunk only."""
import torch

from reference.capstone1.ex03_training import _steps, evaluate_auc  # noqa: F401

CAUGHT_BY = {'attention_peak', 'frozen_phase', 'heldout_auc', 'heldout_auc_hidden',
             'pretrained_beats_scratch'}


def train_variant_model(model, ref, alt, labels, frozen_steps=150, tune_steps=50, batch_size=64, lr=1e-2,
                        tune_lr=1e-3, generator=None):
    model.train()
    head = [p for name, p in model.named_parameters() if not name.startswith("trunk.")]
    for parameter in head:
        parameter.requires_grad_(False)
    trunk = list(model.trunk.parameters())
    losses = _steps(model, trunk, ref, alt, labels, frozen_steps, batch_size, lr, generator)
    for parameter in model.trunk.parameters():
        parameter.requires_grad_(True)
    losses += _steps(model, trunk, ref, alt, labels, tune_steps, batch_size, tune_lr,
                     generator)
    return losses


def fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_variant_model(model, ref[train_idx], alt[train_idx], labels[train_idx], generator=generator)
    return evaluate_auc(model, ref[test_idx], alt[test_idx], labels[test_idx])
