"""Mutant: PackedLSTMClassifier's default hidden size is 64 instead of 32."""
from reference.session05.ex04_packing import collate_sequences, handle_variable_length  # noqa: F401
from reference.session05.ex04_packing import PackedLSTMClassifier as _Reference

CAUGHT_BY = {"equals_alone"}


class PackedLSTMClassifier(_Reference):
    def __init__(self, input_size=4, hidden_size=64):
        super().__init__(input_size, hidden_size)
