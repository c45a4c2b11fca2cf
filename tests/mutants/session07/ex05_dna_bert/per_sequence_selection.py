"""Mutant: mask_prob applied per SEQUENCE: a row is chosen with probability mask_prob and then all
its k-mers are selected (the overall rate is still about 15%)."""
import torch

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mlm_loss  # noqa: F401

CAUGHT_BY = {"masking_rates"}


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    rows = torch.rand(input_ids.shape[:-1] + (1,), generator=generator) < mask_prob
    selected = rows & (input_ids >= num_special)
    to_mask = selected & (torch.rand(input_ids.shape, generator=generator) < 0.8)
    to_random = selected & ~to_mask & (torch.rand(input_ids.shape, generator=generator) < 0.5)
    random_ids = torch.randint(num_special, vocab_size, input_ids.shape, generator=generator)
    masked = input_ids.clone()
    masked[to_mask] = mask_id
    masked[to_random] = random_ids[to_random]
    return masked, torch.where(selected, input_ids, torch.full_like(input_ids, -100))
