"""Mutant: one shared nn.Linear(feature_dim, largest class count) for every organism,
its first k outputs taken as organism's logits: class 1 of yeast (the GCN4 site) and class
1 of human (the CCAAT box) share one row of weights, and one organism's loss moves the
"heads" of all the others."""
from torch import nn

from coursekit.data.session06 import SPECIES

CAUGHT_BY = {"registration", "param_count", "routing", "chosen_head_gradients"}


class MultiOrganismModel(nn.Module):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__()
        if num_classes is None:
            num_classes = {name: len(p["motifs"]) for name, p in SPECIES.items()}
        self.num_classes = dict(num_classes)
        self.trunk = trunk
        self.head = nn.Linear(feature_dim, max(self.num_classes.values()))

    def forward(self, x, organism):
        return self.head(self.trunk(x))[:, :self.num_classes[organism]]
