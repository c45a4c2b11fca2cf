"""Mutant: drop_last=True (equal batches, as is common for training): the last, shorter batch of each epoch
is never read, and with it some sequences each epoch."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn, seed_worker  # noqa: F401

CAUGHT_BY = {"loader_order", "loader_settings"}


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=True,
                      persistent_workers=False, pin_memory=False)
