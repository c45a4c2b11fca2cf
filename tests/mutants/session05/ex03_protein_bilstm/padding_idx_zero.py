"""Mutant: nn.Embedding(vocab_size, 64, padding_idx=0): index 0 is alanine, whose vector
is then frozen at zero."""
from torch import nn

from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"architecture"}


class ProteinLSTM(_Reference):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__(vocab_size, hidden_size, bidirectional)
        self.embedding = nn.Embedding(vocab_size, 64, padding_idx=0)
