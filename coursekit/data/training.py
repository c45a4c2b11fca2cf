"""The kit's own deterministic training of the models its sessions hand to students."""
from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn


def train_classifier(build: Callable[[], nn.Module], x: torch.Tensor, y: torch.Tensor, *, epochs: int,
                     batch_size: int, lr: float, seed: int) -> nn.Module:
    """``build()`` under ``torch.manual_seed(seed)``, then ``epochs`` of Adam on the
    cross-entropy, batches from a shuffled order drawn with a generator of ``seed``; one
    thread, the global random state left as it was. Returned in eval mode."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            model = build()
            optimiser = torch.optim.Adam(model.parameters(), lr)
            g = torch.Generator().manual_seed(seed)
            model.train()
            for _epoch in range(epochs):
                order = torch.randperm(len(y), generator=g)
                for rows in order.split(batch_size):
                    optimiser.zero_grad()
                    F.cross_entropy(model(x[rows]), y[rows]).backward()
                    optimiser.step()
    finally:
        torch.set_num_threads(threads)
    return model.eval()
