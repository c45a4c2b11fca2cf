"""Mutant: a shuffling loader without its own generator (seed unused): the order of the items and the workers'
base seeds are drawn from torch's global generator, so they change with whatever else drew from it, and
the loader moves the global state on at every epoch."""
import torch  # noqa: F401
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn, seed_worker  # noqa: F401

CAUGHT_BY = {"loader_order", "global_rng_independent", "loader_settings"}


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker, drop_last=False,
                      persistent_workers=False, pin_memory=False)
