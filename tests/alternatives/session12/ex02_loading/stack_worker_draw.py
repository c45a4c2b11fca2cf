"""Alternative: collate by padding each item with torch.nn.functional.pad and stacking; the worker's generator
reseeded with a number drawn from the worker's own global torch generator (which the DataLoader seeds with
the worker's seed before calling worker_init_fn)."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, get_worker_info


def collate_fn(batch):
    longest = max(item[0].size(1) for item in batch)
    padded = torch.stack([F.pad(x, (0, longest - x.size(1))) for x, _ in batch]).float()
    labels = torch.tensor([y for _, y in batch]).long()
    lengths = torch.tensor([x.size(1) for x, _ in batch]).long()
    return padded, labels, lengths


def seed_worker(worker_id):
    # torch's global generator in a worker starts from the worker's seed: a draw from it is as reproducible
    dataset = get_worker_info().dataset
    dataset.generator.manual_seed(int(torch.randint(0, 2**62, ())))


def make_loader(dataset, batch_size, seed, num_workers=2):
    loader_generator = torch.Generator().manual_seed(seed)
    settings = dict(shuffle=True, num_workers=num_workers, collate_fn=collate_fn, worker_init_fn=seed_worker,
                    generator=loader_generator)
    return DataLoader(dataset, batch_size=batch_size, **settings)
