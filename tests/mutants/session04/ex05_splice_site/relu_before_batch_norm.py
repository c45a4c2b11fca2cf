"""Mutant: ReLU before batch norm in each block, bn(relu(conv(x))), not the guide's order."""
import torch.nn.functional as F

from reference.session04.ex05_splice_site import SpliceSiteCNN as _Reference

CAUGHT_BY = {"forward"}


class SpliceSiteCNN(_Reference):
    def forward(self, x):
        x = self.bn1(F.relu(self.conv1(x)))
        x = self.bn2(F.relu(self.conv2(x)))
        x = self.pool(x).squeeze(-1)
        x = self.dropout(F.relu(self.fc1(x)))
        return self.fc2(x)
