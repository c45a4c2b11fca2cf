"""Mutant: reproducibility by torch.manual_seed(seed) in make_loader instead of the loader's own generator.
Two runs do give the same batches, but make_loader resets the caller's global random state (the model's
initialisation, dropout, ...), and the order is not the one a loader with generator=...manual_seed(seed)
gives (and the loader has no generator of its own)."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import collate_fn, seed_worker  # noqa: F401

CAUGHT_BY = {"loader_order", "global_rng_independent", "loader_settings"}


def make_loader(dataset, batch_size, seed, num_workers=2):
    torch.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker, drop_last=False,
                      persistent_workers=False, pin_memory=False)
