"""Mutant: dropout applied to the flattened pooled features, before fc1, instead of after
fc1's ReLU (the same in eval mode, a different network in training)."""
import torch
import torch.nn.functional as F

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"eval_mode"}


class DeepBindModel(_Reference):
    def forward(self, x):
        x = self.pool(F.relu(self.conv(x))).flatten(1)
        x = F.relu(self.fc1(self.dropout(x)))
        return torch.sigmoid(self.fc2(x)).squeeze(-1)
