"""Reference solution: session 6, exercise 2 (fine-tuning to a new species from a state dict)."""
import torch
import torch.nn.functional as F
from torch import nn

from coursekit.data.session06 import MotifCNN


def load_trunk(model: nn.Module, state_dict: dict) -> nn.Module:
    prefix = "features."
    trunk = {key[len(prefix):]: value for key, value in state_dict.items() if key.startswith(prefix)}
    model.features.load_state_dict(trunk, strict=True)
    return model


def new_species_model(state_dict: dict, num_classes: int) -> nn.Module:
    model = MotifCNN(num_classes)
    return load_trunk(model, state_dict)


def fine_tune(model: nn.Module, x: torch.Tensor, y: torch.Tensor, epochs: int = 10, lr: float = 1e-3,
              batch_size: int = 8, seed: int = 0) -> list:
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    shuffler = torch.Generator().manual_seed(seed)
    n = len(y)
    history = []
    model.train()
    for _ in range(epochs):
        order = torch.randperm(n, generator=shuffler)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        history.append(total / n)
    model.eval()
    return history
