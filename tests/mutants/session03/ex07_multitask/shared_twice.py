"""Mutant: shared(x) computed once per head, so the two heads see different dropout masks."""
from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"dropout_in_shared"}


class MultiTaskModel(_Reference):
    def forward(self, x):
        return self.expression_head(self.shared(x)).squeeze(-1), self.tissue_head(self.shared(x))
