"""Correct, written another way: F.linear and a dict of activations for the cell step;
the classifier reads h_n (the final hidden state) and ends in an nn.Sequential head
(Linear, Sigmoid) with [:, 0]; the head is built before the RNN."""
import torch
import torch.nn.functional as F
from torch import nn

_ACTIVATIONS = {"tanh": torch.tanh, "relu": F.relu}


def rnn_cell_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, nonlinearity="tanh"):
    try:
        act = _ACTIVATIONS[nonlinearity]
    except KeyError:
        raise ValueError(f"unknown nonlinearity {nonlinearity}") from None
    return act(F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh))


class RNNClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.head = nn.Sequential(nn.Linear(hidden_size, 1), nn.Sigmoid())
        self.recurrent = nn.RNN(input_size=input_size, hidden_size=hidden_size, num_layers=1,
                                nonlinearity="tanh", batch_first=True)

    def forward(self, x):
        _, h_n = self.recurrent(x)
        return self.head(h_n[-1])[:, 0]
