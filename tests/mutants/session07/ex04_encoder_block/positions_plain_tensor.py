"""Mutant: the sinusoid table is kept as a plain tensor attribute (self.pe = table), neither a
parameter nor a registered buffer, so .to(device) leaves it on the CPU."""
from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"follows_device"}


class DNATransformer(_Reference):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__(vocab_size, d_model, nhead, num_layers, num_classes, dim_feedforward, dropout,
                         max_len)
        table = self.pe
        del self.pe
        self.pe = table
