"""Mutant: padding at the front (left padding, as some sequence libraries do): zeros first, each sequence
ending at the last position. The lengths are right, but a model that reads position 0 as a sequence's start
(or masks positions >= L_i) now reads the padding."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import seed_worker

CAUGHT_BY = {"collate_padding"}


def collate_fn(batch):
    lengths = torch.tensor([x.shape[1] for x, _ in batch], dtype=torch.int64)
    longest = int(lengths.max())
    padded = torch.zeros(len(batch), 4, longest)
    for i, (x, _) in enumerate(batch):
        padded[i, :, longest - x.shape[1]:] = x
    return padded, torch.tensor([label for _, label in batch], dtype=torch.int64), lengths


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
