"""Mutant: the feed-forward residual is added in place (x += ...). The forward values are
right, but norm2 saved x for its backward pass, so autograd fails as soon as the model is
trained."""
import torch.nn.functional as F
from torch import nn

from reference.session07.ex04_encoder_block import DNATransformer as _ReferenceModel
from reference.session07.ex04_encoder_block import TransformerEncoderBlock as _Reference

CAUGHT_BY = {"learns"}


class TransformerEncoderBlock(_Reference):
    def forward(self, x, padding_mask=None):
        h = self.norm1(x)
        x = x + self.dropout1(self.self_attn(h, h, h, key_padding_mask=padding_mask, need_weights=False)[0])
        x += self.dropout2(self.linear2(self.dropout(F.gelu(self.linear1(self.norm2(x))))))
        return x


class DNATransformer(_ReferenceModel):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__(vocab_size, d_model, nhead, num_layers, num_classes, dim_feedforward, dropout,
                         max_len)
        self.layers = nn.ModuleList(TransformerEncoderBlock(d_model, nhead, dim_feedforward, dropout)
                                    for _ in range(num_layers))
