"""Mutant: the default vocab_size is 21 (20 amino acids plus a padding token) instead of 20."""
from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"param_count"}


class ProteinLSTM(_Reference):
    def __init__(self, vocab_size=21, hidden_size=128, bidirectional=True):
        super().__init__(vocab_size, hidden_size, bidirectional)
