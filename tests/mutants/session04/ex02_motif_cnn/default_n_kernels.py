"""Mutant: MotifCNN's default n_kernels is 16 instead of 32."""
from reference.session04.ex02_motif_cnn import MotifCNN as _Reference
from reference.session04.ex02_motif_cnn import generate_sequences_with_motif  # noqa: F401

CAUGHT_BY = {"param_count"}


class MotifCNN(_Reference):
    def __init__(self, kernel_size=8, n_kernels=16):
        super().__init__(kernel_size, n_kernels)
