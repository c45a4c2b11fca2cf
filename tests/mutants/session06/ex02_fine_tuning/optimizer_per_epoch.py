"""Mutant: a new Adam optimizer is built every epoch, so its running moment estimates
start from zero again each epoch."""
import torch
import torch.nn.functional as F

from reference.session06.ex02_fine_tuning import load_trunk, new_species_model  # noqa: F401

CAUGHT_BY = {"fine_tune_steps"}


def fine_tune(model, x, y, epochs=10, lr=1e-3, batch_size=8, seed=0):
    shuffler = torch.Generator().manual_seed(seed)
    n = len(y)
    history = []
    model.train()
    for _ in range(epochs):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
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
