"""Mutant: the trunk has no Dropout (Linear, ReLU, Linear, ReLU)."""

from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"dropout_in_shared"}


class MultiTaskModel(_Reference):
    def __init__(self, input_size, hidden_size, n_tissues):
        super().__init__(input_size, hidden_size, n_tissues)
        del self.shared[2]
