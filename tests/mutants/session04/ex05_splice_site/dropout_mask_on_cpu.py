"""Mutant: dropout written by hand with a mask from torch.rand(shape), made on the CPU
whatever device the input is on."""
import torch
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"follows_device"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.pool(x).squeeze(-1)
        x = F.relu(self.fc1(x))
        if self.training:
            x = x * (torch.rand(x.shape) >= 0.5) * 2.0
        return self.fc2(x)
