"""Mutant: checkpointing nothing: ``blocks(x)`` as it is (right outputs and gradients, every activation
kept)."""
from reference.session12.ex06_genome_inference import predict_genome  # noqa: F401

CAUGHT_BY = {"checkpoint_memory"}


def checkpointed_forward(blocks, x):
    return blocks(x)
