"""Mutant: the heads kept in a plain Python dict. They work in forward, but PyTorch never
sees them: they are missing from state_dict() and parameters(), an optimizer built from
model.parameters() never trains them, and .to(device) leaves them behind."""
from torch import nn

from coursekit.data.session06 import SPECIES

CAUGHT_BY = {"registration", "param_count", "learns_all", "follows_device"}


class MultiOrganismModel(nn.Module):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__()
        if num_classes is None:
            num_classes = {name: len(p["motifs"]) for name, p in SPECIES.items()}
        self.trunk = trunk
        self.heads = {name: nn.Linear(feature_dim, k) for name, k in num_classes.items()}

    def forward(self, x, organism):
        return self.heads[organism](self.trunk(x))
