"""Mutant: every organism gets its own deep copy of the trunk inside its head, so nothing
is shared: the parameters count four trunks, state_dict() has no trunk.* entries, and
the trunk passed in never receives a gradient."""
import copy

from torch import nn

from coursekit.data.session06 import SPECIES

CAUGHT_BY = {"registration", "param_count", "routing", "chosen_head_gradients"}


class MultiOrganismModel(nn.Module):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__()
        if num_classes is None:
            num_classes = {name: len(p["motifs"]) for name, p in SPECIES.items()}
        self.heads = nn.ModuleDict({name: nn.Sequential(copy.deepcopy(trunk), nn.Linear(feature_dim, k))
                                    for name, k in num_classes.items()})

    def forward(self, x, organism):
        return self.heads[organism](x)
