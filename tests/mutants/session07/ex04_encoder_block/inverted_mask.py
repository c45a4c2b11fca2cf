"""Mutant: the padding mask is inverted before attention (as if True meant "keep"), so the
valid positions attend only to the padding."""
from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"padding_mask"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        return super().forward(x, None if padding_mask is None else ~padding_mask)
