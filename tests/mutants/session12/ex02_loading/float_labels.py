"""Mutant: labels collated as float32 (ready for BCEWithLogitsLoss, as a student might prefer) and lengths as
int32: the spec asks for int64 labels (CrossEntropyLoss's targets, and what torch.tensor gives for Python
ints) and int64 lengths (what pack_padded_sequence and indexing expect)."""
import torch
from torch.utils.data import DataLoader

from reference.session12.ex02_loading import seed_worker

CAUGHT_BY = {"collate_padding"}


def collate_fn(batch):
    sequences = [x for x, _ in batch]
    lengths = [x.shape[1] for x in sequences]
    padded = torch.zeros(len(sequences), 4, max(lengths))
    for i, x in enumerate(sequences):
        padded[i, :, :lengths[i]] = x
    labels = torch.tensor([label for _, label in batch], dtype=torch.float32)
    return padded, labels, torch.tensor(lengths, dtype=torch.int32)


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
