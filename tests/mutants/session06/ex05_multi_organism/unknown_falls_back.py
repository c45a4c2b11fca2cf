"""Mutant: an organism without a head silently uses the first head (the source species)
instead of raising KeyError, so a typo ("Human") gives confident wrong predictions."""
from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"routing"}


class MultiOrganismModel(_Reference):
    def forward(self, x, organism):
        if organism not in self.heads:
            organism = next(iter(self.heads))
        return self.heads[organism](self.trunk(x))
