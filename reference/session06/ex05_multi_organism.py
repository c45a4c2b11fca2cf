"""Reference solution: session 6, exercise 5 (one shared trunk, one head per organism)."""
import torch
from torch import nn

from coursekit.data.session06 import SPECIES


def _ex05_default_classes() -> dict:
    return {organism: len(profile["motifs"]) for organism, profile in SPECIES.items()}


class MultiOrganismModel(nn.Module):
    def __init__(self, trunk: nn.Module, num_classes: dict | None = None, feature_dim: int = 512):
        super().__init__()
        if num_classes is None:
            num_classes = _ex05_default_classes()
        self.trunk = trunk
        self.heads = nn.ModuleDict({organism: nn.Linear(feature_dim, count)
                                    for organism, count in num_classes.items()})

    def forward(self, x: torch.Tensor, organism: str) -> torch.Tensor:
        if organism not in self.heads:
            raise KeyError(f"no head for organism {organism!r}; known: {list(self.heads)}")
        return self.heads[organism](self.trunk(x))
