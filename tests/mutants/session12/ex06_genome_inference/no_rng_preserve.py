"""Mutant: ``preserve_rng_state=False`` (to save the RNG bookkeeping): the recomputation in backward draws
new dropout masks, so the gradients are those of another forward pass than the one that gave the output."""
from torch.utils.checkpoint import checkpoint

from reference.session12.ex06_genome_inference import predict_genome  # noqa: F401

CAUGHT_BY = {"checkpoint_equal", "input_without_grad"}


def checkpointed_forward(blocks, x):
    for block in blocks:
        x = checkpoint(block, x, use_reentrant=False, preserve_rng_state=False)
    return x
