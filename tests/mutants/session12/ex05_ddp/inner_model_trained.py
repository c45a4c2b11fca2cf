"""Mutant: The inner model is called and stepped, not the DDP wrapper: no gradient is averaged, each
rank follows its own shard and the ranks drift apart."""
import os
from types import FunctionType

import torch
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from coursekit.data.session12 import ShardDataset, ShardNet
from reference.session12.ex05_ddp import cleanup, setup  # noqa: F401
from reference.session12.ex05_ddp import launch as _reference_launch

CAUGHT_BY = {'single_process_equal', 'ranks_identical'}


def train_distributed(rank, world_size, out_dir, epochs=2, batch_size=8, lr=0.1, seed=0):
    setup(rank, world_size)
    try:
        dataset = ShardDataset()
        torch.manual_seed(seed)
        model = ShardNet()
        ddp_model = DDP(model)
        sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=seed)
        loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler)
        optimizer = torch.optim.SGD(ddp_model.parameters(), lr=lr)
        loss_fn = nn.BCEWithLogitsLoss()
        seen = []
        for epoch in range(epochs):
            sampler.set_epoch(epoch)
            indices = []
            for x, y, index in loader:
                optimizer.zero_grad()
                loss_fn(model(x), y).backward()
                optimizer.step()
                indices.extend(index.tolist())
            seen.append(indices)
        torch.save({"state_dict": model.state_dict(), "indices": seen},
                   os.path.join(out_dir, f"rank{rank}.pt"))
    finally:
        cleanup()


# the reference's launch, spawning this module's train_distributed (spawn imports this module by name)
launch = FunctionType(_reference_launch.__code__, globals(), "launch", _reference_launch.__defaults__)
