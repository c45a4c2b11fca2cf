"""Mutant: plain F.cross_entropy with ignore_index: right whenever something is labelled, but nan
when no label differs from -100 (the spec asks for 0.0 with a graph)."""
import torch.nn.functional as F

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mask_tokens  # noqa: F401

CAUGHT_BY = {"mlm_loss"}


def mlm_loss(logits, labels):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)
