"""Mutant: the usual recipe for numpy-based datasets, applied here: seed_worker seeds torch's global generator
(and numpy and random) from the worker's seed. The dataset draws its crops from its own generator, which
nothing reseeds: the workers repeat each other's crops, and every epoch repeats them."""
import random

import numpy as np
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn

CAUGHT_BY = {"worker_epoch_draws"}


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    torch.manual_seed(worker_seed)
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
