"""Mutant: seed_worker written but never given to the loader (no worker_init_fn): each worker holds a copy of
the dataset whose generator is in the state it had when the loader started, so both workers draw the same
crops, and every epoch (workers start again) repeats them."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn, seed_worker  # noqa: F401

CAUGHT_BY = {"worker_epoch_draws", "loader_settings"}


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, generator=torch.Generator().manual_seed(seed),
                      drop_last=False, persistent_workers=False, pin_memory=False)
