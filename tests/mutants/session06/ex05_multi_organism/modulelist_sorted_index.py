"""Mutant: the heads in an nn.ModuleList built in the order of num_classes, but looked up
by the organism's position in sorted(num_classes): for the default organisms "yeast" and
"zebrafish" swap heads, and state_dict() names the heads 0, 1, 2... instead of by
organism."""
from torch import nn

from coursekit.data.session06 import SPECIES

CAUGHT_BY = {"registration", "routing", "chosen_head_gradients", "learns_all"}


class MultiOrganismModel(nn.Module):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__()
        if num_classes is None:
            num_classes = {name: len(p["motifs"]) for name, p in SPECIES.items()}
        self.organisms = sorted(num_classes)
        self.trunk = trunk
        self.heads = nn.ModuleList([nn.Linear(feature_dim, k) for k in num_classes.values()])

    def forward(self, x, organism):
        return self.heads[self.organisms.index(organism)](self.trunk(x))
