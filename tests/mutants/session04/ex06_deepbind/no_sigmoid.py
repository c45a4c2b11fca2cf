"""Mutant: forward returns fc2's logits without the sigmoid (the spec asks for probabilities,
which the training loss, BCELoss, expects)."""
import torch.nn.functional as F

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"architecture", "auc"}


class DeepBindModel(_Reference):
    def forward(self, x):
        x = self.pool(F.relu(self.conv(x))).flatten(1)
        x = self.dropout(F.relu(self.fc1(x)))
        return self.fc2(x).squeeze(-1)
