"""Mutant: the masking writes into input_ids itself (no clone) and returns it."""
import torch

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mlm_loss  # noqa: F401

CAUGHT_BY = {"never_masks_specials"}


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    selected = (torch.rand(input_ids.shape, generator=generator) < mask_prob) & (input_ids >= num_special)
    to_mask = selected & (torch.rand(input_ids.shape, generator=generator) < 0.8)
    to_random = selected & ~to_mask & (torch.rand(input_ids.shape, generator=generator) < 0.5)
    random_ids = torch.randint(num_special, vocab_size, input_ids.shape, generator=generator)
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    input_ids[to_mask] = mask_id
    input_ids[to_random] = random_ids[to_random]
    return input_ids, labels
