"""Mutant: no ReLU after the convolution: negative filter responses reach the pool and fc1."""
import torch
import torch.nn.functional as F

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"architecture"}


class DeepBindModel(_Reference):
    def forward(self, x):
        x = self.pool(self.conv(x)).flatten(1)
        x = self.dropout(F.relu(self.fc1(x)))
        return torch.sigmoid(self.fc2(x)).squeeze(-1)
