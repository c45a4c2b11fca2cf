"""Correct alternative: nn.Parameter tensors, F.binary_cross_entropy_with_logits on the logits,
powers stacked and flattened, copy.deepcopy for the best parameters and an epoch-indexed
stopping test, a checkpoint built with dict() and loaded with weights_only=True."""
import copy

import torch
import torch.nn.functional as F
from torch import nn


def _params(n):
    return nn.Parameter(torch.randn(n) * 0.1), nn.Parameter(torch.zeros(1))


def _logit_loss(x, y, w, b):
    return F.binary_cross_entropy_with_logits(x @ w + b, y)


def _expand(x, k):
    return torch.stack([x.pow(i) for i in range(1, k + 1)], dim=1).flatten(1)


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    xt, xv = _expand(train_feats, n_params_multiplier), _expand(val_feats, n_params_multiplier)
    w, b = _params(xt.shape[1])
    opt = torch.optim.Adam((w, b), lr=learning_rate)
    history = {"train": [], "val": []}
    for _ in range(epochs):
        opt.zero_grad(set_to_none=False)
        loss = _logit_loss(xt, train_labs, w, b)
        history["train"].append(float(loss.detach()))
        loss.backward()
        opt.step()
        with torch.no_grad():
            history["val"].append(float(_logit_loss(xv, val_labs, w, b)))
    return history["train"], history["val"]


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.1):
    w, b = _params(train_feats.shape[1])
    opt = torch.optim.Adam((w, b), lr=learning_rate)
    train_hist, val_hist = [], []
    best_epoch, best = None, None
    for epoch in range(epochs):
        opt.zero_grad()
        loss = _logit_loss(train_feats, train_labs, w, b)
        train_hist.append(float(loss.detach()))
        loss.backward()
        opt.step()
        with torch.no_grad():
            val_hist.append(float(_logit_loss(val_feats, val_labs, w, b)))
        if best_epoch is None or val_hist[-1] < val_hist[best_epoch]:
            best_epoch, best = epoch, copy.deepcopy((w.data, b.data))
        elif epoch - best_epoch >= patience:
            break
    return best[0], best[1], train_hist, val_hist, len(val_hist)


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    if resume:
        saved = torch.load(checkpoint_path, weights_only=True)
        w, b = nn.Parameter(saved["weights"].clone()), nn.Parameter(saved["bias"].clone())
        opt = torch.optim.Adam((w, b), lr=learning_rate)
        opt.load_state_dict(saved["optimizer"])
        history, done = list(saved["loss_history"]), saved["epoch"]
    else:
        w, b = _params(features.shape[1])
        opt = torch.optim.Adam((w, b), lr=learning_rate)
        history, done = [], 0
    while done < epochs:
        opt.zero_grad()
        loss = _logit_loss(features, labels, w, b)
        history.append(float(loss.detach()))
        loss.backward()
        opt.step()
        done += 1
        if checkpoint_path is not None:
            torch.save(dict(weights=w.detach().clone(), bias=b.detach().clone(), optimizer=opt.state_dict(),
                            epoch=done, loss_history=history.copy()), checkpoint_path)
    return w, b, history
