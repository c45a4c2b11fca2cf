"""Mutant: num_workers=0 by default ("workers are trouble"): every item is read in the main process, which
the spec's default of 2 workers is there to avoid (and seed_worker never runs)."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn, seed_worker  # noqa: F401

CAUGHT_BY = {"worker_epoch_draws", "loader_settings"}


def make_loader(dataset, batch_size, seed, num_workers=0):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
