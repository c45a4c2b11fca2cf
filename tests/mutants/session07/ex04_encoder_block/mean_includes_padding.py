"""Mutant: DNATransformer passes the padding_mask to the blocks but pools with a plain
x.mean(dim=1), so the padding positions enter the mean."""
import math

from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"dna_transformer"}


class DNATransformer(_Reference):
    def forward(self, tokens, padding_mask=None):
        x = self.embedding(tokens) * math.sqrt(self.d_model) + self.pe[:tokens.shape[1]]
        for layer in self.layers:
            x = layer(x, padding_mask)
        return self.fc(self.norm(x).mean(dim=1))
