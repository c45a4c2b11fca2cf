"""Mutant: the sinusoidal table is stored as an nn.Parameter (trainable, and counted as
max_len * d_model parameters) instead of a buffer."""
from torch import nn

from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"param_count"}


class DNATransformer(_Reference):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__(vocab_size, d_model, nhead, num_layers, num_classes, dim_feedforward, dropout,
                         max_len)
        table = self.pe
        del self.pe
        self.pe = nn.Parameter(table)
