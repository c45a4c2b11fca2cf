"""Mutant: the loss is computed against 1 - labels (benign coded as 1): the model learns to
call pathogenic variants benign."""
import torch
import torch.nn.functional as F

from reference.capstone1.ex03_training import evaluate_auc  # noqa: F401

CAUGHT_BY = {'heldout_auc', 'heldout_auc_hidden', 'pretrained_beats_scratch'}


def _steps(model, params, ref, alt, labels, steps, batch_size, lr, generator):
    optimizer = torch.optim.Adam(params, lr=lr)
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, labels.shape[0], (batch_size,), generator=generator, device=labels.device)
        loss = F.binary_cross_entropy_with_logits(model(ref[idx], alt[idx]), 1 - labels[idx].float())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def train_variant_model(model, ref, alt, labels, frozen_steps=150, tune_steps=50, batch_size=64, lr=1e-2,
                        tune_lr=1e-3, generator=None):
    model.train()
    for parameter in model.trunk.parameters():
        parameter.requires_grad_(False)
    head = [p for name, p in model.named_parameters() if not name.startswith("trunk.")]
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
