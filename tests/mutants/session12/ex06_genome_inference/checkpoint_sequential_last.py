"""Mutant: ``checkpoint_sequential(blocks, len(blocks), x, use_reentrant=False)``: it runs its LAST segment
without checkpointing, so the last block keeps all its activations (51% of the plain forward's saved bytes
with 3 blocks)."""
from torch.utils.checkpoint import checkpoint_sequential

from reference.session12.ex06_genome_inference import predict_genome  # noqa: F401

CAUGHT_BY = {"checkpoint_memory"}


def checkpointed_forward(blocks, x):
    return checkpoint_sequential(blocks, len(blocks), x, use_reentrant=False)
