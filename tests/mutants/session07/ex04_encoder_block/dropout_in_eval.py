"""Mutant: the branches' dropout is written with F.dropout(x, p) whose training argument
defaults to True, so dropout stays active in eval mode."""
import torch.nn.functional as F

from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"dropout_modes"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        p = self.dropout1.p
        h = self.norm1(x)
        x = x + F.dropout(self.self_attn(h, h, h, key_padding_mask=padding_mask, need_weights=False)[0], p)
        return x + F.dropout(self.linear2(F.dropout(F.gelu(self.linear1(self.norm2(x))), p)), p)
