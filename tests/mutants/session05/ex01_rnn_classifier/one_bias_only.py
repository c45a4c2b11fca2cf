"""Mutant: only one bias added (bias_hh forgotten), as in a textbook cell with one bias."""
import torch

from reference.session05.ex01_rnn_classifier import RNNClassifier  # noqa: F401

CAUGHT_BY = {"rnn_cell_step"}


def rnn_cell_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, nonlinearity="tanh"):
    if nonlinearity not in ("tanh", "relu"):
        raise ValueError(nonlinearity)
    z = x @ weight_ih.T + h @ weight_hh.T + bias_ih
    return torch.tanh(z) if nonlinearity == "tanh" else torch.relu(z)
