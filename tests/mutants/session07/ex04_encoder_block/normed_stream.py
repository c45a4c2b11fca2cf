"""Mutant: the norms are applied to the residual stream itself (x = norm1(x), then x = x +
attn(x)), so the skip connection carries the normalised x, not the input: the block is no
longer x + branch(x)."""
import torch.nn.functional as F

from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"matches_torch", "residual_paths"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        x = self.norm1(x)
        x = x + self.dropout1(self.self_attn(x, x, x, key_padding_mask=padding_mask, need_weights=False)[0])
        x = self.norm2(x)
        return x + self.dropout2(self.linear2(self.dropout(F.gelu(self.linear1(x)))))
