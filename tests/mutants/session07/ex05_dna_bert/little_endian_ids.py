"""Mutant: the k-mer id read with the FIRST base least significant (ids = 5 + sum 4**i * base_i),
so AAC is 21 instead of 6: the vocabulary is not in lexicographic order."""
from reference.session07.ex05_dna_bert import SPECIAL_TOKENS, DNABert, mask_tokens, mlm_loss  # noqa: F401
from reference.session07.ex05_dna_bert import KmerTokenizer as _Reference

CAUGHT_BY = {"tokenizer_round_trip", "special_tokens"}


class KmerTokenizer(_Reference):
    def __init__(self, k=3):
        super().__init__(k)
        kmers = [kmer for kmer in self.vocab if not kmer.startswith("[")]
        self.vocab = dict(zip(SPECIAL_TOKENS, range(5)))
        self.vocab.update({kmer: 5 + sum("ACGT".index(b) * 4 ** i for i, b in enumerate(kmer))
                           for kmer in kmers})
        self.id_to_token = sorted(self.vocab, key=self.vocab.get)
