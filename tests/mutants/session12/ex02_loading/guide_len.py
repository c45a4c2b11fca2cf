"""Mutant: the guide's collate as written: lengths = [len(s) for s in sequences]. len() of a [4, L] tensor is
its first dimension, 4, for every item: the batch is cut to 4 positions (a longer item does not fit in
padded[i, :, :4] and the copy fails) and every length says 4."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import seed_worker

CAUGHT_BY = {"collate_padding"}


def collate_fn(batch):
    sequences, labels = zip(*batch)
    lengths = [len(s) for s in sequences]
    max_len = max(lengths)
    padded = torch.zeros(len(sequences), 4, max_len)
    for i, seq in enumerate(sequences):
        padded[i, :, :lengths[i]] = seq
    return padded, torch.tensor(labels), torch.tensor(lengths)


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
