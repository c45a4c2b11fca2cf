"""Mutant: the default is bidirectional=False (the guide's unidirectional model) instead of True."""
from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"param_count"}


class ProteinLSTM(_Reference):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=False):
        super().__init__(vocab_size, hidden_size, bidirectional)
