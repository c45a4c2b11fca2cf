"""Mutant: DNABert's default dropout is 0.1 (BERT's) instead of the spec's 0.0."""
from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, KmerTokenizer, mask_tokens, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import DNABert as _Reference

CAUGHT_BY = {"param_count"}


class DNABert(_Reference):
    def __init__(self, vocab_size, d_model=64, nhead=4, num_layers=2, dim_feedforward=128, max_len=64,
                 dropout=0.1):
        super().__init__(vocab_size, d_model, nhead, num_layers, dim_feedforward, max_len, dropout)
