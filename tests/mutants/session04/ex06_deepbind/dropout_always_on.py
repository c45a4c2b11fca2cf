"""Mutant: F.dropout(x, 0.5) without training=self.training: dropout stays on in eval mode, so
predictions are random."""
import torch
import torch.nn.functional as F

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"eval_mode", "architecture"}


class DeepBindModel(_Reference):
    def forward(self, x):
        x = self.pool(F.relu(self.conv(x))).flatten(1)
        x = F.dropout(F.relu(self.fc1(x)), 0.5)
        return torch.sigmoid(self.fc2(x)).squeeze(-1)
