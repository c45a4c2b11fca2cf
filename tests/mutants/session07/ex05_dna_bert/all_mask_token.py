"""Mutant: every selected position becomes [MASK] (no 10% random, no 10% unchanged)."""
import torch

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mlm_loss  # noqa: F401

CAUGHT_BY = {"masking_rates"}


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    selected = (torch.rand(input_ids.shape, generator=generator) < mask_prob) & (input_ids >= num_special)
    masked = input_ids.masked_fill(selected, mask_id)
    return masked, torch.where(selected, input_ids, torch.full_like(input_ids, -100))
