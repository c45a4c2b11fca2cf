"""Alternative: an explicit ``tcp://`` rendezvous built from MASTER_PORT, the functional loss, the
optimizer over the inner model's parameters (the same tensors DDP averages), ``start_processes``
with the spawn method, and the indices gathered as tensors then converted once."""
import datetime
import os
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from coursekit.data.session12 import ShardDataset, ShardNet


def setup(rank, world_size, timeout_s=60.0):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    address = f"tcp://127.0.0.1:{os.environ['MASTER_PORT']}"
    dist.init_process_group(backend="gloo", init_method=address, rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=timeout_s))


def cleanup():
    if dist.is_initialized():
        dist.destroy_process_group()


def train_distributed(rank, world_size, out_dir, epochs=2, batch_size=8, lr=0.1, seed=0):
    setup(rank, world_size)
    try:
        data = ShardDataset()
        torch.manual_seed(seed)
        net = ShardNet()
        wrapped = DistributedDataParallel(net)
        sampler = DistributedSampler(data, world_size, rank, shuffle=True, seed=seed)
        optimizer = torch.optim.SGD(net.parameters(), lr=lr)
        per_epoch = []
        for epoch in range(epochs):
            sampler.set_epoch(epoch)
            chunks = []
            for x, y, index in DataLoader(data, batch_size=batch_size, sampler=sampler):
                optimizer.zero_grad(set_to_none=True)
                F.binary_cross_entropy_with_logits(wrapped(x), y).backward()
                optimizer.step()
                chunks.append(index)
            per_epoch.append(torch.cat(chunks).tolist())
        torch.save({"indices": per_epoch, "state_dict": wrapped.module.state_dict()},
                   f"{out_dir}/rank{rank}.pt")
    finally:
        cleanup()


def launch(world_size=2, out_dir=".", epochs=2, batch_size=8, lr=0.1, seed=0):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.close()
    os.environ["MASTER_PORT"] = f"{port}"
    mp.start_processes(train_distributed, args=(world_size, out_dir, epochs, batch_size, lr, seed),
                       nprocs=world_size, join=True, start_method="spawn")
