"""Mutant: labels are taken from the MASKED inputs (the [MASK] id or the random k-mer) instead of the
original ids: the model is taught to output [MASK], never the hidden k-mer."""
import torch

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import mask_tokens as _reference_mask

CAUGHT_BY = {"never_masks_specials", "learns_motif"}


def mask_tokens(input_ids, vocab_size, generator, mask_prob=0.15, mask_id=4, num_special=5):
    masked, labels = _reference_mask(input_ids, vocab_size, generator, mask_prob, mask_id, num_special)
    return masked, torch.where(labels != -100, masked, labels)
