"""Alternative: the env:// rendezvous named explicitly, the loss module summed then divided by the
batch size by hand (the same mean), batches cut from the sampler's order by hand instead of a
DataLoader, and a context manager around the group."""
import contextlib
import os
import socket
from datetime import timedelta

import torch
import torch.distributed as dist
from torch import nn
from torch.multiprocessing import spawn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data.distributed import DistributedSampler

from coursekit.data.session12 import ShardDataset, ShardNet


def setup(rank, world_size, timeout_s=60.0):
    os.environ.update(MASTER_ADDR="127.0.0.1")
    dist.init_process_group("gloo", init_method="env://", rank=rank, world_size=world_size,
                            timeout=timedelta(seconds=float(timeout_s)))


def cleanup():
    dist.destroy_process_group()


@contextlib.contextmanager
def _group(rank, world_size):
    setup(rank, world_size)
    try:
        yield
    finally:
        cleanup()


def train_distributed(rank, world_size, out_dir, epochs=2, batch_size=8, lr=0.1, seed=0):
    with _group(rank, world_size):
        dataset = ShardDataset()
        torch.manual_seed(seed)
        model = DDP(ShardNet())
        sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, seed=seed)
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)
        summed = nn.BCEWithLogitsLoss(reduction="sum")
        seen = []
        for epoch in range(epochs):
            sampler.set_epoch(epoch)
            order = list(sampler)
            for start in range(0, len(order), batch_size):
                batch = order[start:start + batch_size]
                x = torch.stack([dataset[i][0] for i in batch])
                y = torch.stack([dataset[i][1] for i in batch])
                optimizer.zero_grad()
                (summed(model(x), y) / len(batch)).backward()
                optimizer.step()
            seen.append([int(i) for i in order])
        torch.save({"state_dict": model.module.state_dict(), "indices": seen},
                   os.path.join(out_dir, "rank%d.pt" % rank))


def launch(world_size=2, out_dir=".", epochs=2, batch_size=8, lr=0.1, seed=0):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        os.environ["MASTER_PORT"] = str(s.getsockname()[1])
    spawn(train_distributed, args=(world_size, out_dir, epochs, batch_size, lr, seed), nprocs=world_size)
