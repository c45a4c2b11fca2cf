"""Mutant: F.dropout without training=self.training, so dropout stays on in eval mode."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"eval_mode", "forward", "logits"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.pool(x).squeeze(-1)
        x = F.dropout(F.relu(self.fc1(x)), 0.5)
        return self.fc2(x)
