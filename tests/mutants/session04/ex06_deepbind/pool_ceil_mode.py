"""Mutant: the pool keeps a partial window at the end (ceil_mode=True), and flat_size counts
ceil(conv_len / 3) windows: the same for the defaults (78 positions), not for 41 or 49."""
import math

from torch import nn

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"param_count", "architecture"}


class DeepBindModel(_Reference):
    def __init__(self, seq_len=101, n_motifs=16, motif_len=24):
        super().__init__(seq_len, n_motifs, motif_len)
        self.pool = nn.MaxPool1d(3, stride=3, ceil_mode=True)
        self.fc1 = nn.Linear(n_motifs * math.ceil((seq_len - motif_len + 1) / 3), 32)
