"""Mutant: DeepBindModel's default n_motifs is 32 (MotifCNN's number of filters) instead of 16."""
from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"param_count"}


class DeepBindModel(_Reference):
    def __init__(self, seq_len=101, n_motifs=32, motif_len=24):
        super().__init__(seq_len, n_motifs, motif_len)
