"""Mutant: DNABERT's overlapping k-mers (stride 1) instead of the spec's non-overlapping ones."""
from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, mask_tokens, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import KmerTokenizer as _Reference

CAUGHT_BY = {"tokenizer_round_trip"}


class KmerTokenizer(_Reference):
    def tokenize(self, sequence):
        sequence = sequence.upper()
        if len(sequence) % self.k:
            raise ValueError("length not a multiple of k")
        chunks = [sequence[i:i + self.k] for i in range(len(sequence) - self.k + 1)]
        return [c if c in self.vocab else "[UNK]" for c in chunks]

