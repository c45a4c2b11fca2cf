"""Mutant: the expression output keeps its [N, 1] shape."""
from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"architecture", "heads"}


class MultiTaskModel(_Reference):
    def forward(self, x):
        features = self.shared(x)
        return self.expression_head(features), self.tissue_head(features)
