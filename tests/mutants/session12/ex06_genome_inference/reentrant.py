"""Mutant: ``use_reentrant=True`` (what ``checkpoint`` does when the argument is omitted): on a one-hot input
that does not require grad each block's output does not require grad either, and ``loss.backward()`` leaves
every block parameter's ``.grad`` at None (with only a warning)."""
import warnings

from torch.utils.checkpoint import checkpoint

from reference.session12.ex06_genome_inference import predict_genome  # noqa: F401

CAUGHT_BY = {"input_without_grad", "checkpoint_memory"}


def checkpointed_forward(blocks, x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for block in blocks:
            x = checkpoint(block, x, use_reentrant=True)
    return x
