"""Mutant: SequenceTagger's default vocab_size is 21 instead of 20."""
from reference.session05.ex06_masked_tagging import masked_cross_entropy  # noqa: F401
from reference.session05.ex06_masked_tagging import SequenceTagger as _Reference

CAUGHT_BY = {"param_count"}


class SequenceTagger(_Reference):
    def __init__(self, vocab_size=21, embedding_dim=32, hidden_size=64, num_classes=3):
        super().__init__(vocab_size, embedding_dim, hidden_size, num_classes)
