"""Mutant: the MLM loss is the per-position cross-entropy (0 at ignored positions) averaged over ALL
B * L positions, not over the labelled ones."""
import torch.nn.functional as F

from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, KmerTokenizer, mask_tokens  # noqa: F401

CAUGHT_BY = {"mlm_loss"}


def mlm_loss(logits, labels):
    per = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100,
                          reduction="none")
    return per.mean()
