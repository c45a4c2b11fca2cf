"""Mutant: ``launch`` uses the tutorials' fixed port 12355 instead of a free one: it fails whenever
something else holds that port (the graders hold it)."""
import os

import torch.multiprocessing as mp

from reference.session12.ex05_ddp import cleanup, setup, train_distributed  # noqa: F401

CAUGHT_BY = {"launch_runs"}


def launch(world_size=2, out_dir=".", epochs=2, batch_size=8, lr=0.1, seed=0):
    os.environ["MASTER_PORT"] = "12355"
    mp.spawn(train_distributed, args=(world_size, out_dir, epochs, batch_size, lr, seed),
             nprocs=world_size, join=True)
