"""Mutant: a hand-written ReLU that compares with torch.zeros(x.shape), a tensor always
created on the CPU, so the model fails on any other device."""
import torch

from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"follows_device"}


class SimpleCNN(_Reference):
    def forward(self, x):
        h = self.conv1(x)
        h = self.pool(torch.where(h > 0, h, torch.zeros(h.shape)))
        h = self.conv2(h)
        return torch.where(h > 0, h, torch.zeros(h.shape))
