"""Mutant: forward returns softmax probabilities instead of logits, so a training loop
with F.cross_entropy applies softmax twice and the gradients nearly vanish."""
from reference.session06.ex05_multi_organism import MultiOrganismModel as _Reference

CAUGHT_BY = {"routing", "chosen_head_gradients"}


class MultiOrganismModel(_Reference):
    def forward(self, x, organism):
        return super().forward(x, organism).softmax(dim=1)
