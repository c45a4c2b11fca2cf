"""Mutant: the feed-forward branch uses ReLU (torch's default activation) instead of GELU."""
import torch.nn.functional as F

from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"matches_torch", "residual_paths"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        h = self.norm1(x)
        x = x + self.dropout1(self.self_attn(h, h, h, key_padding_mask=padding_mask, need_weights=False)[0])
        return x + self.dropout2(self.linear2(self.dropout(F.relu(self.linear1(self.norm2(x))))))
