"""Mutant: fc1's input size worked out once for the defaults (16 * 26 = 416) and written as a
number, so any other seq_len, n_motifs or motif_len breaks the model."""
from torch import nn

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"param_count", "architecture"}


class DeepBindModel(_Reference):
    def __init__(self, seq_len=101, n_motifs=16, motif_len=24):
        super().__init__(seq_len, n_motifs, motif_len)
        self.fc1 = nn.Linear(416, 32)
