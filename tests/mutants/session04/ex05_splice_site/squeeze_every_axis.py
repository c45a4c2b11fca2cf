"""Mutant: .squeeze() without an axis after the pool, which also drops a batch of 1."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"architecture", "eval_mode"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.pool(x).squeeze()
        x = self.dropout(F.relu(self.fc1(x)))
        return self.fc2(x)
