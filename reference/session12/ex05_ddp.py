"""Reference solution: session 12, exercise 5 (DistributedDataParallel on CPU)."""
import datetime
import os
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from coursekit.data.session12 import ShardDataset, ShardNet


def setup(rank, world_size, timeout_s=60.0):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    dist.init_process_group("gloo", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=timeout_s))


def cleanup():
    dist.destroy_process_group()


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
                loss_fn(ddp_model(x), y).backward()
                optimizer.step()
                indices.extend(index.tolist())
            seen.append(indices)
        torch.save({"state_dict": model.state_dict(), "indices": seen},
                   os.path.join(out_dir, f"rank{rank}.pt"))
    finally:
        cleanup()


def launch(world_size=2, out_dir=".", epochs=2, batch_size=8, lr=0.1, seed=0):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    os.environ["MASTER_PORT"] = str(port)
    mp.spawn(train_distributed, args=(world_size, out_dir, epochs, batch_size, lr, seed),
             nprocs=world_size, join=True)
