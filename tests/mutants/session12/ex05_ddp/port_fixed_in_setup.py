"""Mutant: ``setup`` writes the tutorials' port 12355 over the one launch chose."""
import datetime
import os

import torch.distributed as dist

from types import FunctionType

from reference.session12.ex05_ddp import *  # noqa: F401,F403
from reference.session12.ex05_ddp import launch as _reference_launch, train_distributed as _reference_train

CAUGHT_BY = {"setup_gloo"}


def setup(rank, world_size, timeout_s=60.0):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = "12355"
    dist.init_process_group("gloo", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=timeout_s))


# the reference's other functions, calling this module's versions (spawn imports this module by name)
train_distributed = FunctionType(_reference_train.__code__, globals(), "train_distributed",
                                 _reference_train.__defaults__)

launch = FunctionType(_reference_launch.__code__, globals(), "launch", _reference_launch.__defaults__)
