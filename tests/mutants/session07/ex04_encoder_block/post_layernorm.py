"""Mutant: post-LayerNorm (the original 2017 block, torch's norm_first=False): each norm comes
after the residual addition, x = norm1(x + attn(x)), instead of inside the branch."""
import torch.nn.functional as F

from reference.session07.ex04_encoder_block import DNATransformer  # noqa: F401
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"matches_torch", "residual_paths"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        x = self.norm1(x + self.dropout1(self.self_attn(x, x, x, key_padding_mask=padding_mask,
                                                        need_weights=False)[0]))
        return self.norm2(x + self.dropout2(self.linear2(self.dropout(F.gelu(self.linear1(x))))))
