"""Mutant: BERT-style pooling without a [CLS] token: the classifier reads position 0 only
instead of the mean over the valid positions."""
import math

from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"dna_transformer"}


class DNATransformer(_Reference):
    def forward(self, tokens, padding_mask=None):
        x = self.embedding(tokens) * math.sqrt(self.d_model) + self.pe[:tokens.shape[1]]
        for layer in self.layers:
            x = layer(x, padding_mask)
        return self.fc(self.norm(x)[:, 0])
