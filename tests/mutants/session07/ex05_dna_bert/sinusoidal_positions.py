"""Mutant: DNABERT with the sinusoidal position buffer of exercises 3-4 instead of BERT's learned
position embedding (the spec's parameter count includes max_len * d_model learned positions)."""
import math

import torch
from torch import nn

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, KmerTokenizer, mask_tokens, mlm_loss  # noqa: F401

CAUGHT_BY = {"param_count"}


class DNABert(nn.Module):
    def __init__(self, vocab_size, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.0):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, d_model)
        pos = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2], pe[:, 1::2] = torch.sin(pos * div), torch.cos(pos * div)
        self.register_buffer("pe", pe)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation="gelu",
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, input_ids, padding_mask=None):
        x = self.token_embedding(input_ids) + self.pe[:input_ids.shape[1]]
        return self.lm_head(self.norm(self.encoder(x, src_key_padding_mask=padding_mask)))
