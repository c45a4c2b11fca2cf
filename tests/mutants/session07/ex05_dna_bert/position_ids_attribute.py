"""Mutant: the position indices are precomputed as a plain tensor attribute (self.position_ids =
torch.arange(max_len)) instead of a registered buffer or an arange on the input's device: they stay
on the CPU when the model moves."""
import torch

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, KmerTokenizer, mask_tokens, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import DNABert as _Reference

CAUGHT_BY = {"follows_device"}


class DNABert(_Reference):
    def __init__(self, vocab_size, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.0):
        super().__init__(vocab_size, d_model, nhead, num_layers, dim_feedforward, max_len, dropout)
        self.position_ids = torch.arange(max_len)

    def forward(self, input_ids, padding_mask=None):
        x = self.token_embedding(input_ids) + self.position_embedding(self.position_ids[:input_ids.shape[1]])
        return self.lm_head(self.norm(self.encoder(x, src_key_padding_mask=padding_mask)))
