"""Mutant: any nonlinearity other than 'relu' silently means tanh (no ValueError)."""
import torch

from reference.session05.ex01_rnn_classifier import RNNClassifier  # noqa: F401

CAUGHT_BY = {"rnn_cell_step"}


def rnn_cell_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, nonlinearity="tanh"):
    z = x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh
    return torch.relu(z) if nonlinearity == "relu" else torch.tanh(z)
