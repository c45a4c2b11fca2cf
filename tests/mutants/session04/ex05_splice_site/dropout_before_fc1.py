"""Mutant: dropout on the pooled features before fc1 (the order of the guide's __init__),
not on fc1's ReLU output (the order of its forward)."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"eval_mode"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.dropout(self.pool(x).squeeze(-1))
        return self.fc2(F.relu(self.fc1(x)))
