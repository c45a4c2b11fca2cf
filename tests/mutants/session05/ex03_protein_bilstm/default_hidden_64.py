"""Mutant: the default hidden_size is 64 instead of 128."""
from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"param_count"}


class ProteinLSTM(_Reference):
    def __init__(self, vocab_size=20, hidden_size=64, bidirectional=True):
        super().__init__(vocab_size, hidden_size, bidirectional)
