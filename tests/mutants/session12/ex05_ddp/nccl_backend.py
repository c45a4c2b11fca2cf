"""Mutant (the guide's): ``setup`` asks for the NCCL backend, which needs a GPU per rank (on a CPU-only
torch it is not even built)."""
import datetime
import os

import torch.distributed as dist

from types import FunctionType

from reference.session12.ex05_ddp import *  # noqa: F401,F403
from reference.session12.ex05_ddp import launch as _reference_launch, train_distributed as _reference_train

CAUGHT_BY = {"setup_gloo"}


def setup(rank, world_size, timeout_s=60.0):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    dist.init_process_group("nccl", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=timeout_s))


# the reference's other functions, calling this module's versions (spawn imports this module by name)
train_distributed = FunctionType(_reference_train.__code__, globals(), "train_distributed",
                                 _reference_train.__defaults__)

launch = FunctionType(_reference_launch.__code__, globals(), "launch", _reference_launch.__defaults__)
