"""Mutant: SequenceTagger's default num_classes is 8 instead of 3."""
from reference.session05.ex06_masked_tagging import masked_cross_entropy  # noqa: F401
from reference.session05.ex06_masked_tagging import SequenceTagger as _Reference

CAUGHT_BY = {"tagger_shape", "param_count"}


class SequenceTagger(_Reference):
    def __init__(self, vocab_size=20, embedding_dim=32, hidden_size=64, num_classes=8):
        super().__init__(vocab_size, embedding_dim, hidden_size, num_classes)
