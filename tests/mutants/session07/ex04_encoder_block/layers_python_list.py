"""Mutant: the blocks are kept in a plain Python list, so PyTorch does not register them:
their parameters are neither counted, trained nor moved by .to(device)."""
from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"param_count", "dna_transformer", "follows_device"}


class DNATransformer(_Reference):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__(vocab_size, d_model, nhead, num_layers, num_classes, dim_feedforward, dropout,
                         max_len)
        blocks = list(self.layers)
        del self.layers
        self.layers = blocks
