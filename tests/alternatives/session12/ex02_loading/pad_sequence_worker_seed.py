"""Alternative: collate with torch.nn.utils.rnn.pad_sequence on the [L, 4] transposes; the worker's generator
reseeded from an arithmetic mix of get_worker_info().seed (a 64-bit multiply, no numpy); the loader given
an explicit RandomSampler that shares the loader's generator."""
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, RandomSampler, get_worker_info

GOLDEN = 0x9E3779B97F4A7C15  # an odd 64-bit constant: distinct seeds stay distinct modulo 2**64


def collate_fn(batch):
    xs, labels = zip(*batch)
    padded = pad_sequence([x.transpose(0, 1) for x in xs], batch_first=True).transpose(1, 2).contiguous()
    return (padded.to(torch.float32), torch.as_tensor(labels, dtype=torch.long),
            torch.as_tensor([x.size(-1) for x in xs], dtype=torch.long))


def seed_worker(worker_id):
    worker = get_worker_info()
    worker.dataset.generator.manual_seed((worker.seed * GOLDEN + 1) % 2**64)


def make_loader(dataset, batch_size, seed, num_workers=2):
    generator = torch.Generator()
    generator.manual_seed(seed)
    # the sampler and the loader share one generator: per epoch the loader draws its base seed from it,
    # then the sampler its permutation, exactly as DataLoader(shuffle=True, generator=generator) does
    return DataLoader(dataset, batch_size, sampler=RandomSampler(dataset, generator=generator),
                      num_workers=num_workers, collate_fn=collate_fn, worker_init_fn=seed_worker,
                      generator=generator)
