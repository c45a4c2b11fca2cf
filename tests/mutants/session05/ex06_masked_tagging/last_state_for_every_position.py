"""Mutant: the tagger classifies from the LSTM's final hidden state h_n (as a sequence
classifier does) and repeats it at every position, so all residues of a protein get the
same logits, read after the padding."""
from reference.session05.ex06_masked_tagging import masked_cross_entropy  # noqa: F401
from reference.session05.ex06_masked_tagging import SequenceTagger as _Reference

CAUGHT_BY = {"tagger_shape", "learns"}


class SequenceTagger(_Reference):
    def forward(self, x):
        _, (h_n, _) = self.lstm(self.embedding(x))
        return self.head(h_n[-1]).unsqueeze(1).expand(-1, x.shape[1], -1)
