"""Mutant: k-mers holding N are silently dropped instead of becoming [UNK], and decode skips
[UNK]/[MASK] like the other special tokens."""
from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, mask_tokens, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import KmerTokenizer as _Reference

CAUGHT_BY = {"special_tokens"}


class KmerTokenizer(_Reference):
    def tokenize(self, sequence):
        return [t for t in super().tokenize(sequence) if t != "[UNK]"]

    def decode(self, ids):
        ids = ids.tolist() if hasattr(ids, "tolist") else ids
        return super().decode([i for i in ids if i not in (self.unk_id, self.mask_id)])
