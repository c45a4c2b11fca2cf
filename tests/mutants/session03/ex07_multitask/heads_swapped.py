"""Mutant: forward returns (tissue_logits, expression), the outputs in the wrong order."""
from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"architecture", "heads"}


class MultiTaskModel(_Reference):
    def forward(self, x):
        features = self.shared(x)
        return self.tissue_head(features), self.expression_head(features).squeeze(-1)
