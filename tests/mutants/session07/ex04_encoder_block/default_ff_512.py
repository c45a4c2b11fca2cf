"""Mutant: TransformerEncoderBlock's default dim_feedforward is 512 (DNATransformer's) instead
of 2048 (nn.TransformerEncoderLayer's)."""
from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"param_count", "block_architecture"}


class TransformerEncoderBlock(_Reference):
    def __init__(self, d_model, nhead, dim_feedforward=512, dropout=0.1):
        super().__init__(d_model, nhead, dim_feedforward, dropout)
