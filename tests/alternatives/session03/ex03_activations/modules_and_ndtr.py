"""Correct, written another way: activation modules chosen from a dict of classes, one
instance after each hidden layer; Mish via F.softplus, GELU via torch.special.ndtr."""
import torch
import torch.nn.functional as F
from torch import nn


class MLPWithActivation(nn.Module):
    def __init__(self, activation="relu"):
        super().__init__()
        choices = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh,
                   "leaky_relu": nn.LeakyReLU}
        try:
            make = choices[activation]
        except KeyError:
            raise ValueError(f"unsupported activation: {activation}") from None
        self.fc1 = nn.Linear(3, 20)
        self.act1 = make()
        self.fc2 = nn.Linear(20, 10)
        self.act2 = make()
        self.fc3 = nn.Linear(10, 1)

    def forward(self, x):
        return self.fc3(self.act2(self.fc2(self.act1(self.fc1(x)))))


class Swish(nn.Module):
    def forward(self, x):
        return torch.sigmoid(x) * x


class Mish(nn.Module):
    def forward(self, x):
        return x.mul(F.softplus(x).tanh())


def gelu(x):
    return x * torch.special.ndtr(x)
