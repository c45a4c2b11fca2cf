"""Mutant: the loss of an epoch is the plain mean of its batch losses, not the mean per
sequence (they differ when the last batch is smaller)."""
import torch
import torch.nn.functional as F

from reference.session06.ex02_fine_tuning import load_trunk, new_species_model  # noqa: F401

CAUGHT_BY = {"fine_tune_steps"}


def fine_tune(model, x, y, epochs=10, lr=1e-3, batch_size=8, seed=0):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    shuffler = torch.Generator().manual_seed(seed)
    n = len(y)
    history = []
    model.train()
    for _ in range(epochs):
        order = torch.randperm(n, generator=shuffler)
        losses = []
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    model.eval()
    return history
