"""Mutant: the ReLU after fc1 forgotten, dropout(fc1(x)) goes straight into fc2."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"forward", "eval_mode"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.pool(x).squeeze(-1)
        return self.fc2(self.dropout(self.fc1(x)))
