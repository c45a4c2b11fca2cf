"""Mutant: the tissue head reads detached features, so its loss never trains the trunk."""
from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"heads"}


class MultiTaskModel(_Reference):
    def forward(self, x):
        features = self.shared(x)
        return self.expression_head(features).squeeze(-1), self.tissue_head(features.detach())
