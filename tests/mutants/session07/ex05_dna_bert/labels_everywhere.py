"""Mutant: labels hold the original id at EVERY position (no -100), so the loss runs over all tokens,
visible ones and special ones included."""
from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import mask_tokens as _reference_mask

CAUGHT_BY = {"never_masks_specials"}


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    masked, _ = _reference_mask(input_ids, vocab_size, generator, mask_prob, mask_id, num_special)
    return masked, input_ids.clone()
