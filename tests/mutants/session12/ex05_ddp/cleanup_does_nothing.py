"""Mutant: ``cleanup`` only waits for the other ranks (a barrier) and leaves the group in place."""
import torch.distributed as dist

from types import FunctionType

from reference.session12.ex05_ddp import *  # noqa: F401,F403
from reference.session12.ex05_ddp import launch as _reference_launch, train_distributed as _reference_train

CAUGHT_BY = {"cleanup"}


def cleanup():
    if dist.get_world_size() > 1:
        dist.barrier()


# the reference's other functions, calling this module's versions (spawn imports this module by name)
train_distributed = FunctionType(_reference_train.__code__, globals(), "train_distributed",
                                 _reference_train.__defaults__)

launch = FunctionType(_reference_launch.__code__, globals(), "launch", _reference_launch.__defaults__)
