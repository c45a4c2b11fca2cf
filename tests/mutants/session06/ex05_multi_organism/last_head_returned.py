"""Mutant: forward loops over every head and forgets to stop at the chosen one, so it
returns the logits of the last head in the dict whatever organism is asked for (and the
gradients go to that head)."""
from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"routing", "chosen_head_gradients", "learns_all"}


class MultiOrganismModel(_Reference):
    def forward(self, x, organism):
        if organism not in self.heads:
            raise KeyError(organism)
        features = self.trunk(x)
        for name, head in self.heads.items():
            logits = head(features)
        return logits
