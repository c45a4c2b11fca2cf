"""Mutant: forward runs every head on the shared features, concatenates their logits and
slices out the chosen organism's columns. The logits are right, but every other head now
gets a zero gradient instead of none, and Adam keeps moving those heads by momentum on
the other organisms' batches (measured: yeast's held-out accuracy in the graders' loop
falls from 0.92 to 0.86)."""
import torch
from torch import nn

from coursekit.data.session06 import SPECIES

CAUGHT_BY = {"chosen_head_gradients"}


class MultiOrganismModel(nn.Module):
    def __init__(self, trunk, num_classes=None, feature_dim=512):
        super().__init__()
        if num_classes is None:
            num_classes = {name: len(profile["motifs"]) for name, profile in SPECIES.items()}
        self.trunk = trunk
        self.heads = nn.ModuleDict([(name, nn.Linear(feature_dim, k)) for name, k in num_classes.items()])
        self.columns = {}
        start = 0
        for name, k in num_classes.items():
            self.columns[name] = (start, start + k)
            start += k

    def forward(self, x, organism):
        start, stop = self.columns[organism]
        features = self.trunk(x)
        every = torch.cat([head(features) for head in self.heads.values()], dim=1)
        return every[:, start:stop]
