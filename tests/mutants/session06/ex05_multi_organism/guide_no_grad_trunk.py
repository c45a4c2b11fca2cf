"""Mutant: the course guide's frozen-feature pattern carried over: the trunk runs under
torch.no_grad(), so no organism's loss ever reaches the shared trunk (only the heads
learn)."""
import torch

from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"chosen_head_gradients"}


class MultiOrganismModel(_Reference):
    def forward(self, x, organism):
        with torch.no_grad():
            features = self.trunk(x)
        return self.heads[organism](features)
