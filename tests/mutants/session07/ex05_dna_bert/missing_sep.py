"""Mutant: encode forgets the [SEP] after the last k-mer ([CLS] k-mers [PAD]...)."""
from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, mask_tokens, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import KmerTokenizer as _Reference

CAUGHT_BY = {"tokenizer_round_trip", "special_tokens"}


class KmerTokenizer(_Reference):
    def encode(self, sequence, max_len=None):
        ids = [self.cls_id] + [self.vocab[t] for t in self.tokenize(sequence)]
        if max_len is not None:
            if len(ids) > max_len:
                raise ValueError("too long")
            ids += [self.pad_id] * (max_len - len(ids))
        return ids
