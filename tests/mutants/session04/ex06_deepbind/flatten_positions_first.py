"""Mutant: the pooled maps are transposed to [N, positions, motifs] before flattening, so fc1's
weights meet the features in another order than the spec's motif-by-motif flattening."""
import torch
import torch.nn.functional as F

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"architecture"}


class DeepBindModel(_Reference):
    def forward(self, x):
        x = self.pool(F.relu(self.conv(x))).transpose(1, 2).reshape(x.size(0), -1)
        x = self.dropout(F.relu(self.fc1(x)))
        return torch.sigmoid(self.fc2(x)).squeeze(-1)
