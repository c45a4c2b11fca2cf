"""Mutant: forward calls bn1 twice per pass (once more on a copy), so its statistics move twice."""
import torch.nn.functional as F

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"running_stats"}


class MLPWithBatchNorm(_Reference):
    def forward(self, x):
        h = F.relu(self.fc1(x))
        self.bn1(h)  # e.g. a left-over debugging line
        x = self.bn1(h)
        x = self.bn2(F.relu(self.fc2(x)))
        return self.fc3(x)
