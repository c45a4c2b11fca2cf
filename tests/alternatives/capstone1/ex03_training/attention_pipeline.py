"""Correct alternative: the batches come from a small generator function (one torch.randint of row
indices per step, drawn from the generator given), the loss is an nn.BCEWithLogitsLoss module, the
two phases are one loop over a list of (parameters, learning rate, steps) whose head parameters are
chosen by identity (not by name), and evaluate_auc restores the model's mode in a try/finally. The
budget, the order of the random draws and the results are the spec's."""
import torch
from torch import nn
from sklearn.metrics import roc_auc_score


def _batches(n_rows, batch_size, steps, generator, device):
    draw_on = generator.device if generator is not None else device
    for _ in range(steps):
        yield torch.randint(0, n_rows, (batch_size,), generator=generator, device=draw_on).to(device)


def train_variant_model(model, ref, alt, labels, frozen_steps=150, tune_steps=50, batch_size=64, lr=1e-2,
                        tune_lr=1e-3, generator=None):
    model.train()
    criterion = nn.BCEWithLogitsLoss()
    targets = labels.float()
    trunk_ids = {id(p) for p in model.trunk.parameters()}
    head = [p for p in model.parameters() if id(p) not in trunk_ids]
    phases = [(False, head, lr, frozen_steps), (True, None, tune_lr, tune_steps)]
    losses = []
    for trunk_trains, params, rate, steps in phases:
        for p in model.trunk.parameters():
            p.requires_grad_(trunk_trains)
        optimizer = torch.optim.Adam(list(model.parameters()) if params is None else params, lr=rate)
        for idx in _batches(labels.shape[0], batch_size, steps, generator, labels.device):
            optimizer.zero_grad()
            loss = criterion(model(ref[idx], alt[idx]), targets[idx])
            loss.backward()
            optimizer.step()
            losses.append(float(loss.detach()))
    return losses


def evaluate_auc(model, ref, alt, labels):
    mode = model.training
    model.eval()
    try:
        with torch.no_grad():
            probabilities = model(ref, alt).sigmoid()
    finally:
        model.train(mode)
    auc = roc_auc_score(labels.detach().cpu().numpy(), probabilities.detach().cpu().numpy())
    return float(auc), probabilities


def fit_and_score(model, ref, alt, labels, train_idx, test_idx, generator=None):
    train_rows = torch.as_tensor(train_idx, dtype=torch.long, device=labels.device)
    test_rows = torch.as_tensor(test_idx, dtype=torch.long, device=labels.device)
    train_variant_model(model, ref.index_select(0, train_rows), alt.index_select(0, train_rows),
                        labels.index_select(0, train_rows), generator=generator)
    return evaluate_auc(model, ref.index_select(0, test_rows), alt.index_select(0, test_rows),
                        labels.index_select(0, test_rows))
