"""Mutant: torch.manual_seed(42) called inside the functions (as the guide's data generator does),
so every call starts from the same weights whatever seed the caller set."""
import torch

from reference.session02.ex06_early_stopping import (
    train_with_capacity_control as _capacity, train_with_checkpoints as _checkpoints,
    train_with_early_stopping as _early)

CAUGHT_BY = {"capacity", "stops_after_patience", "best_weights_restored", "checkpoint_contents",
             "capacity_trajectory", "early_stopping_trajectory"}


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    torch.manual_seed(42)
    return _capacity(train_feats, train_labs, val_feats, val_labs, n_params_multiplier, epochs,
                     learning_rate)


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.1):
    torch.manual_seed(42)
    return _early(train_feats, train_labs, val_feats, val_labs, epochs, patience, learning_rate)


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    torch.manual_seed(42)
    return _checkpoints(features, labels, epochs, learning_rate, checkpoint_path, resume)
