"""Mutant: the course guide's bare .squeeze(): one sequence gives a 0-d tensor, not shape [1]."""
import torch
import torch.nn.functional as F

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"architecture"}


class DeepBindModel(_Reference):
    def forward(self, x):
        x = self.pool(F.relu(self.conv(x)))
        x = self.dropout(F.relu(self.fc1(x.view(x.size(0), -1))))
        return torch.sigmoid(self.fc2(x)).squeeze()
