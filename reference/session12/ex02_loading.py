"""Reference solution: session 12, exercise 2 (loading: a padding collate, seeded workers, a fixed order)."""
import torch
from torch.utils.data import DataLoader, get_worker_info


def collate_fn(batch):
    sequences = [x for x, _ in batch]
    labels = torch.tensor([int(label) for _, label in batch], dtype=torch.int64)
    lengths = torch.tensor([x.shape[1] for x in sequences], dtype=torch.int64)  # len(x) would be 4
    padded = torch.zeros(len(sequences), 4, int(lengths.max()), dtype=torch.float32)
    for i, x in enumerate(sequences):
        padded[i, :, :x.shape[1]] = x  # zeros after the sequence's end
    return padded, labels, lengths


def seed_worker(worker_id):
    info = get_worker_info()
    # torch.initial_seed() in a worker is the loader's base seed (drawn from its generator, new every
    # epoch) + worker_id; the worker holds its own copy of the dataset, generator included
    info.dataset.generator.manual_seed(torch.initial_seed())


def make_loader(dataset, batch_size, seed, num_workers=2):
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                      collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed), drop_last=False,
                      persistent_workers=False, pin_memory=False)
