"""Mutant: persistent_workers=True (workers kept between epochs, to save their start-up): seed_worker then
runs once per worker, not once per epoch, and the loader draws its base seed from its generator only once
(not at every epoch), so from the second epoch on its order is not that of the plain shuffling loader."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn, seed_worker  # noqa: F401

CAUGHT_BY = {"loader_order", "loader_settings"}


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=num_workers > 0, pin_memory=False)
