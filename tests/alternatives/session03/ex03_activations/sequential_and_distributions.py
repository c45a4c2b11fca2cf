"""Correct, written another way: an if/elif chain choosing an activation module, the
layers also held in an nn.Sequential, Swish as x / (1 + exp(-x)), Mish through
torch.logaddexp, GELU through torch.distributions.Normal's CDF."""
import torch
from torch import nn


class MLPWithActivation(nn.Module):
    def __init__(self, activation="relu"):
        super().__init__()
        if activation == "relu":
            act = nn.ReLU()
        elif activation == "sigmoid":
            act = nn.Sigmoid()
        elif activation == "tanh":
            act = nn.Tanh()
        elif activation == "leaky_relu":
            act = nn.LeakyReLU(negative_slope=0.01)
        else:
            raise ValueError("activation must be relu, sigmoid, tanh or leaky_relu")
        self.fc1 = nn.Linear(3, 20)
        self.fc2 = nn.Linear(20, 10)
        self.fc3 = nn.Linear(10, 1)
        self.net = nn.Sequential(self.fc1, act, self.fc2, act, self.fc3)

    def forward(self, x):
        return self.net(x)


class Swish(nn.Module):
    def forward(self, x):
        return x / (1 + torch.exp(-x))


class Mish(nn.Module):
    def forward(self, x):
        softplus = torch.logaddexp(x, torch.zeros_like(x))
        return x * torch.tanh(softplus)


def gelu(x):
    standard_normal = torch.distributions.Normal(torch.zeros((), dtype=x.dtype), 1.0)
    return x * standard_normal.cdf(x)
