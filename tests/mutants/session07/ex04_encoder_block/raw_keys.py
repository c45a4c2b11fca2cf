"""Mutant: only the query is normalised; the keys and values are the raw x:
self_attn(norm1(x), x, x)."""
import torch.nn.functional as F

from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"matches_torch", "padding_mask"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        h = self.norm1(x)
        x = x + self.dropout1(self.self_attn(h, x, x, key_padding_mask=padding_mask, need_weights=False)[0])
        return x + self.dropout2(self.linear2(self.dropout(F.gelu(self.linear1(self.norm2(x))))))
