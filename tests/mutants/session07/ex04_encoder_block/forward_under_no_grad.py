"""Mutant: DNATransformer's forward runs under torch.no_grad() "to save memory", so no
gradient reaches any parameter and nothing can be trained."""
import torch

from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"learns"}


class DNATransformer(_Reference):
    def forward(self, tokens, padding_mask=None):
        with torch.no_grad():
            return super().forward(tokens, padding_mask)
