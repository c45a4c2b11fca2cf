"""Mutant: the dataset's generator reseeded from worker_id alone: the two workers draw different crops, but
worker_id is the same every epoch, so every epoch repeats the crops of the first (and every run of any
loader, whatever its seed, draws the same ones)."""
import torch
from torch.utils.data import DataLoader, get_worker_info

from reference.session12.ex02_loading import collate_fn

CAUGHT_BY = {"worker_epoch_draws"}


def seed_worker(worker_id):
    get_worker_info().dataset.generator.manual_seed(worker_id)


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
