"""Mutant: the final LayerNorm is created but never applied: the pooled output of the last
pre-LN block goes to fc unnormalised."""
import math

from reference.session07.ex04_encoder_block import DNATransformer as _Reference
from reference.session07.ex04_encoder_block import TransformerEncoderBlock  # noqa: F401

CAUGHT_BY = {"dna_transformer"}


class DNATransformer(_Reference):
    def forward(self, tokens, padding_mask=None):
        x = self.embedding(tokens) * math.sqrt(self.d_model) + self.pe[:tokens.shape[1]]
        for layer in self.layers:
            x = layer(x, padding_mask)
        if padding_mask is None:
            return self.fc(x.mean(dim=1))
        keep = (~padding_mask).unsqueeze(-1).float()
        return self.fc((x * keep).sum(dim=1) / keep.sum(dim=1))
