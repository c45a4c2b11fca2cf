"""Mutant: per-base input weights (all 1, one per row A, C, G, T) kept as a plain tensor
attribute: .to(device) leaves them behind on the CPU, and forward mixes devices."""
import torch

from reference.session04.ex06_deepbind import reverse_complement_one_hot, score_both_strands  # noqa: F401
from reference.session04.ex06_deepbind import DeepBindModel as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class DeepBindModel(_Reference):
    def __init__(self, seq_len=101, n_motifs=16, motif_len=24):
        super().__init__(seq_len, n_motifs, motif_len)
        self.base_weights = torch.ones(4, 1)

    def forward(self, x):
        return super().forward(x * self.base_weights)
